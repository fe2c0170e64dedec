import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { policyRule, policyText, sameAsRule } from '../../shared/passwordRules';
import { useLoad, useShowError } from '../../shared/hooks';
import { usePageTitle } from '../../shared/title';
import type { Me, PasswordPolicy } from '../../shared/types';

interface Values {
  realName: string;
  idNumber: string;
  phone: string;
  password: string;
  confirm: string;
  agree: boolean;
}

interface IdCheck {
  valid: boolean;
  reason?: string;
}

/** Citizen self-registration with real-name details; the ID number is checked live by the server. */
export default function RegisterPage() {
  usePageTitle('群众注册 - 网上办事大厅');
  const [form] = Form.useForm<Values>();
  const { me, setMe } = useAuth();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const [idOk, setIdOk] = useState(false);
  const checked = useRef(new Map<string, IdCheck>());
  const { data: policy } = useLoad((signal) => api.get<PasswordPolicy>('/auth/password-policy', undefined, { signal }), []);

  // Signed in (already, or just registered): the profile page.
  if (me) return <Navigate to="/portal/me" replace />;

  const checkId = async (value: string): Promise<IdCheck> => {
    const v = value.trim().toUpperCase();
    const hit = checked.current.get(v);
    if (hit) return hit;
    const res = await api.post<IdCheck>('/validate/id-number', { value: v });
    checked.current.set(v, res);
    return res;
  };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const result = await api.post<Me>('/auth/register', {
        realName: v.realName.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        phone: v.phone.trim(),
        password: v.password,
      });
      void message.success('注册成功，已为您登录');
      setMe(result);
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="bm-portal-page">
      <Card title="群众实名注册">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="请填写本人真实信息"
          description="身份证号和手机号加密保存，仅在办事时用于核验身份。"
        />
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} validateTrigger={['onChange', 'onBlur']}>
          <Form.Item
            name="realName"
            label="真实姓名"
            rules={[
              { required: true, whitespace: true, message: '请输入真实姓名' },
              { pattern: /^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/, message: '姓名只能包含汉字、字母和“·”，2-30 个字' },
            ]}
          >
            <Input autoComplete="name" maxLength={30} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label="身份证号码"
            hasFeedback
            validateDebounce={300}
            extra={idOk ? <span style={{ color: '#52c41a' }}><CheckCircleFilled /> 身份证号码校验通过</span> : undefined}
            rules={[
              { required: true, message: '请输入身份证号码' },
              () => ({
                async validator(_, value: string | undefined) {
                  setIdOk(false);
                  const v = (value ?? '').trim();
                  if (!v) return;
                  if (v.length < 18) throw new Error(`身份证号码应为18位，已输入 ${v.length} 位`);
                  if (v.length > 18) throw new Error('身份证号码应为18位');
                  let res: IdCheck;
                  try {
                    res = await checkId(v);
                  } catch {
                    // The server check is a convenience; registration validates again.
                    return;
                  }
                  if (!res.valid) throw new Error(res.reason ?? '身份证号码不正确');
                  setIdOk(true);
                },
              }),
            ]}
          >
            <Input maxLength={18} autoComplete="off" inputMode="text" placeholder="18 位，末位可为 X" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号码"
            rules={[
              { required: true, message: '请输入手机号码' },
              { pattern: /^1[3-9]\d{9}$/, message: '手机号码应为11位，以13-19开头' },
            ]}
          >
            <Input maxLength={11} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="password"
            label="登录密码"
            extra={policy ? policyText(policy) : undefined}
            rules={[
              { required: true, message: '请设置登录密码' },
              policyRule(policy),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认密码"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              sameAsRule('password'),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="agree"
            valuePropName="checked"
            rules={[{ validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并同意个人信息使用说明'))) }]}
          >
            <Checkbox>我已阅读并同意：本平台仅为办理政务服务事项收集和使用我的个人信息</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={saving}>
            注册并登录
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          已有账号？<Link to="/login?redirect=%2Fportal%2Fme">直接登录</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
