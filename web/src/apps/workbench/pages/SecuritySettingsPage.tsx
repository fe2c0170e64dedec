import { App, Button, Card, Col, Form, InputNumber, Result, Row, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { useLoad, useShowError } from '../../../shared/hooks';
import { PageHeader } from '../../../shared/PageHeader';
import type { SecuritySettings } from '../../../shared/types';

function NumberField({ name, label, min, max, unit, extra }: { name: [string, string]; label: string; min: number; max: number; unit: string; extra?: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra ?? `允许范围 ${min}–${max}`}
      rules={[
        { required: true, message: `请输入${label}` },
        { type: 'number', min, max, message: `${label}应在 ${min}–${max} 之间` },
      ]}
    >
      <InputNumber min={min} max={max} precision={0} suffix={unit} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** 安全策略: password, lockout, session and login rate-limit settings (security administrator). */
export default function SecuritySettingsPage() {
  const { can } = useAuth();
  const editable = can('security_settings.update');
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<SecuritySettings>();
  const [saving, setSaving] = useState(false);
  const { data, loading, error, setData } = useLoad((signal) => api.get<SecuritySettings>('/security/settings', undefined, { signal }), []);

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const save = async (v: SecuritySettings) => {
    setSaving(true);
    try {
      const saved = await api.put<SecuritySettings>('/security/settings', v);
      setData(saved);
      void message.success('安全策略已保存，新策略立即生效');
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  if (error) return <Result status={error.status === 403 ? '403' : 'error'} title={error.message} />;

  return (
    <>
      <PageHeader title="安全策略" sub="修改后对所有账号立即生效，并记入审计日志。" />
      {loading && !data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Form<SecuritySettings> form={form} layout="vertical" onFinish={save} disabled={!editable}>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title="密码策略" size="small" style={{ height: '100%' }}>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <NumberField name={['passwordPolicy', 'minLength']} label="最短长度" min={8} max={64} unit="位" />
                  </Col>
                  <Col xs={24} sm={12}>
                    <NumberField name={['passwordPolicy', 'minClasses']} label="字符类别" min={1} max={4} unit="类" extra="大写、小写、数字、符号中至少几类" />
                  </Col>
                  <Col xs={24} sm={12}>
                    <NumberField name={['passwordPolicy', 'historyCount']} label="禁止重复使用最近" min={0} max={24} unit="次" extra="0 表示不限制" />
                  </Col>
                  <Col xs={24} sm={12}>
                    <NumberField name={['passwordPolicy', 'maxAgeDays']} label="密码有效期" min={0} max={365} unit="天" extra="0 表示永不过期" />
                  </Col>
                </Row>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="登录失败锁定" size="small" style={{ height: '100%' }}>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <NumberField name={['lockout', 'maxFailures']} label="连续失败次数" min={3} max={20} unit="次" />
                  </Col>
                  <Col xs={24} sm={12}>
                    <NumberField name={['lockout', 'lockMinutes']} label="锁定时长" min={1} max={1440} unit="分钟" />
                  </Col>
                </Row>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="会话" size="small" style={{ height: '100%' }}>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <NumberField name={['session', 'idleMinutes']} label="空闲超时" min={1} max={240} unit="分钟" />
                  </Col>
                  <Col xs={24} sm={12}>
                    <NumberField name={['session', 'absoluteHours']} label="最长登录时长" min={1} max={72} unit="小时" />
                  </Col>
                </Row>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="登录频率限制" size="small" style={{ height: '100%' }}>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <NumberField name={['rateLimit', 'loginPerIpPerMinute']} label="每个 IP 每分钟" min={5} max={1000} unit="次" />
                  </Col>
                  <Col xs={24} sm={12}>
                    <NumberField name={['rateLimit', 'loginPerAccountPerMinute']} label="每个账号每分钟" min={3} max={100} unit="次" />
                  </Col>
                </Row>
              </Card>
            </Col>
          </Row>
          {editable && (
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存
              </Button>
              <Button onClick={() => data && form.setFieldsValue(data)}>还原</Button>
            </Space>
          )}
        </Form>
      )}
    </>
  );
}
