import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useShowError } from './hooks';

export interface FormModalProps<T> {
  open: boolean;
  title: ReactNode;
  initialValues?: Partial<T>;
  okText?: string;
  width?: number;
  onCancel: () => void;
  /** Save; throw to keep the dialog open (API errors are shown, field errors go under fields). */
  onSubmit: (values: T, form: FormInstance<T>) => Promise<void>;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}

/** A dialog with one form: validates, saves, shows the server's errors, closes on success. */
export function FormModal<T extends object>({ open, title, initialValues, okText = '保存', width = 560, onCancel, onSubmit, children }: FormModalProps<T>) {
  const [form] = Form.useForm<T>();
  const [saving, setSaving] = useState(false);
  const showError = useShowError();

  const ok = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onSubmit(values, form);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      width={width}
      confirmLoading={saving}
      onOk={ok}
      onCancel={onCancel}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {/* destroyOnHidden remounts the form on every open, so initialValues apply afresh each time. */}
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={ok} preserve={false}>
        {typeof children === 'function' ? children(form) : children}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
