import { App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from './api';
import { useAuth } from './auth';
import { useLoad, useShowError } from './hooks';
import { policyRule, policyText, sameAsRule } from './passwordRules';
import type { PasswordPolicy } from './types';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
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
          policyRule(policy),
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
          sameAsRule('newPassword'),
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
