import { App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from './api';
import { useAuth } from './auth';
import { useLoad, useShowError } from './hooks';
import type { PasswordPolicy } from './types';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function countClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(pw)).length;
}

export function policyText(p: PasswordPolicy): string {
  const parts = [`至少 ${p.minLength} 位`, `包含大写字母、小写字母、数字、符号中的至少 ${p.minClasses} 类`];
  if (p.historyCount > 0) parts.push(`不能与最近 ${p.historyCount} 次使用过的密码相同`);
  return `${parts.join('，')}。`;
}

/** Change the signed-in user's password; the rules come from /api/auth/password-policy. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const { refresh } = useAuth();
  const [saving, setSaving] = useState(false);
  const { data: policy } = useLoad((signal) => api.get<PasswordPolicy>('/auth/password-policy', undefined, { signal }), []);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success('密码已修改');
      form.resetFields();
      await refresh();
      onDone?.();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} requiredMark={false}>
      {policy && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          密码要求：{policyText(policy)}
        </Typography.Paragraph>
      )}
      <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        hasFeedback
        rules={[
          { required: true, message: '请输入新密码' },
          () => ({
            validator(_, value: string | undefined) {
              if (!value || !policy) return Promise.resolve();
              if (value.length < policy.minLength) return Promise.reject(new Error(`密码至少 ${policy.minLength} 位`));
              if (countClasses(value) < policy.minClasses)
                return Promise.reject(new Error(`需包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        hasFeedback
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              if (!value || getFieldValue('newPassword') === value) return Promise.resolve();
              return Promise.reject(new Error('两次输入的密码不一致'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        修改密码
      </Button>
    </Form>
  );
}
