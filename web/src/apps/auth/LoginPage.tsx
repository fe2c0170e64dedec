import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { PageLoading } from '../../shared/feedback';
import type { Me } from '../../shared/types';
import './login.css';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

/** Where to go after sign-in: a safe same-site path from ?redirect=, else the user's home. */
export function homeFor(me: Me, redirect: string | null): string {
  const safe = redirect && redirect.startsWith('/') && !redirect.startsWith('//') && !redirect.startsWith('/login') ? redirect : null;
  if (me.user.kind === 'citizen') {
    return safe && !safe.startsWith('/workbench') ? safe : '/portal';
  }
  // A village agent works from the phone app (便民代办), not the workbench.
  const agentOnly = me.roles.length > 0 && me.roles.every((r) => r.role === 'village_agent');
  return safe ?? (agentOnly ? '/agent' : '/workbench');
}

function describeError(e: unknown): string {
  if (!(e instanceof ApiError)) return '登录失败，请稍后再试';
  const details = (e.details ?? {}) as { lockedUntil?: string; retryAfterSeconds?: number };
  switch (e.code) {
    case 'ACCOUNT_LOCKED': {
      // The server's message already says until when; only add it if it does not.
      if (/\d{1,2}:\d{2}/.test(e.message)) return e.message;
      const until = details.lockedUntil ? dayjs(details.lockedUntil) : null;
      const when = until?.isValid() ? `，请于 ${until.format(until.isSame(dayjs(), 'day') ? 'HH:mm' : 'MM月DD日 HH:mm')} 后再试，或联系安全管理员解锁` : '，请稍后再试或联系安全管理员解锁';
      return `${e.message.replace(/[。.]$/, '')}${when}。`;
    }
    case 'RATE_LIMITED': {
      const s = details.retryAfterSeconds;
      return s ? `登录尝试过于频繁，请 ${s} 秒后再试。` : e.message;
    }
    default:
      return e.message;
  }
}

export default function LoginPage() {
  const { me, setMe } = useAuth();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginForm>();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const redirect = params.get('redirect');

  useEffect(() => {
    document.title = '登录 - 便民服务一体化平台';
  }, []);

  if (me === undefined) return <PageLoading full />;
  // Signed in (already, or by the submit below): go to the user's home or the page they came from.
  if (me) return <Navigate to={homeFor(me, redirect)} replace />;

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const body: LoginForm = { username: values.username.trim(), password: values.password };
      if (step === 'totp' && values.totp) body.totp = values.totp.trim();
      const result = await api.post<Me>('/auth/login', body, { quiet401: true });
      setMe(result);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'MFA_REQUIRED') {
        if (step === 'totp') setError(e.message);
        setStep('totp');
        form.setFieldValue('totp', '');
      } else {
        setError(describeError(e));
        if (step === 'totp' && e instanceof ApiError && e.code !== 'INVALID_TOTP') {
          // Password no longer valid (locked, expired…): start again from the first step.
          if (e.code === 'INVALID_CREDENTIALS' || e.code === 'ACCOUNT_LOCKED') setStep('password');
        }
        if (step === 'totp') form.setFieldValue('totp', '');
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="bm-login">
      <div className="bm-login-brand">
        <div className="bm-login-logo">便</div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          便民服务一体化平台
        </Typography.Title>
        <div className="bm-login-levels">
          <span>县级政务服务中心</span>
          <span>乡镇便民服务中心</span>
          <span>村便民服务室</span>
        </div>
      </div>
      <Card className="bm-login-card" title={step === 'password' ? '账号登录' : '动态验证码'}>
        <Form<LoginForm> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} autoComplete="on">
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <div style={{ display: step === 'password' ? undefined : 'none' }}>
            <Form.Item name="username" label="账号" rules={[{ required: true, whitespace: true, message: '请输入用户名或手机号' }]}>
              <Input prefix={<UserOutlined />} placeholder="用户名或手机号" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
            </Form.Item>
          </div>
          {step === 'totp' && (
            <>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title="管理员账号需要二次验证"
                description="请打开身份验证器应用，输入当前显示的 6 位动态验证码。"
              />
              <Form.Item
                name="totp"
                label="动态验证码"
                rules={[
                  { required: true, message: '请输入 6 位动态验证码' },
                  { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
                ]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  placeholder="6 位数字"
                  inputMode="numeric"
                  maxLength={6}
                  autoComplete="one-time-code"
                  autoFocus
                />
              </Form.Item>
            </>
          )}
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {step === 'password' ? '登录' : '验证并登录'}
            </Button>
          </Form.Item>
          {step === 'totp' && (
            <Button
              type="link"
              block
              onClick={() => {
                setStep('password');
                setError(null);
              }}
            >
              返回上一步
            </Button>
          )}
        </Form>
        <div className="bm-login-links">
          <span>
            还没有账号？<Link to="/portal/register">群众注册</Link>
          </span>
          <Link to="/portal">进入网上办事大厅</Link>
        </div>
      </Card>
      <Typography.Text type="secondary" className="bm-login-foot">
        工作人员账号由系统管理员开通；忘记密码请联系本中心管理员重置。
      </Typography.Text>
    </div>
  );
}
