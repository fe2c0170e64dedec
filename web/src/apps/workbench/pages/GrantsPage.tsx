import { KeyOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { fmtDateTime } from '../../../shared/format';
import { useLoad, useShowError } from '../../../shared/hooks';
import { ADMIN_ROLES, ROLE_LABELS, ROLES } from '../../../shared/labels';
import { parseScopeValue, scopePickerData, useOrgTree } from '../../../shared/orgTree';
import { FormModal } from '../../../shared/FormModal';
import { PageHeader } from '../../../shared/PageHeader';
import { generatePassword } from '../../../shared/password';
import type { GrantCreated, GrantItem, RoleName, SecurityUser } from '../../../shared/types';

const GRANTABLE: RoleName[] = ROLES.filter((r) => r !== 'citizen');

const SCOPE_HINT: Partial<Record<RoleName, string>> = {
  system_admin: '范围为县（市、省）级区划',
  security_admin: '范围为县（市、省）级区划',
  audit_admin: '范围为县（市、省）级区划',
  supervisor: '范围为县（市、省）级区划',
  village_agent: '范围为村级区划或村便民服务室',
  window_clerk: '通常为其所在的服务中心',
  approver: '通常为其所在的服务中心或区划',
  center_director: '通常为其主持的服务中心',
  catalog_admin: '范围为县级区划（含基本目录）或乡镇级区划（本镇及所辖村）',
};

interface GrantForm {
  role: RoleName;
  scope: string;
}

function scopeTag(g: GrantItem) {
  if (!g.scopeName) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span>
      <Tag bordered={false} color={g.scopeType === 'center' ? 'geekblue' : 'default'}>
        {g.scopeType === 'center' ? '服务中心' : '区划'}
      </Tag>
      {g.scopeName}
    </span>
  );
}

/** 角色授权 (security administrator): pick an account, see its grants, grant and revoke. */
export default function GrantsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [granting, setGranting] = useState(false);
  const [enrollment, setEnrollment] = useState<(NonNullable<GrantCreated['totpEnrollment']> & { username: string; password?: string }) | null>(null);
  const [resetting, setResetting] = useState(false);
  const [form] = Form.useForm<GrantForm>();

  const users = useLoad((signal) => api.get<{ items: SecurityUser[] }>('/security/users', { q: q || undefined }, { signal }), [q]);
  const selected = useMemo(() => users.data?.items.find((u) => u.id === selectedId) ?? null, [users.data, selectedId]);
  const grants = useLoad(
    (signal) => (selectedId ? api.get<{ items: GrantItem[] }>('/security/grants', { userId: selectedId }, { signal }) : Promise.resolve({ items: [] })),
    [selectedId],
  );
  const tree = useOrgTree();
  const scopeData = useMemo(() => scopePickerData(tree.data?.roots ?? []), [tree.data]);

  const refreshBoth = () => {
    grants.reload();
    users.reload();
  };

  const grant = async (v: GrantForm) => {
    if (!selected) return;
    setGranting(true);
    setRefusal(null);
    try {
      const res = await api.post<GrantCreated>('/security/grants', { userId: selected.id, role: v.role, ...parseScopeValue(v.scope) });
      void message.success(`已授予「${ROLE_LABELS[v.role]}」角色`);
      form.resetFields();
      if (res.totpEnrollment) setEnrollment({ ...res.totpEnrollment, username: selected.username });
      refreshBoth();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setRefusal(e.message);
      showError(e, form);
    } finally {
      setGranting(false);
    }
  };

  const revoke = async (g: GrantItem) => {
    setRefusal(null);
    try {
      await api.delete(`/security/grants/${g.id}`);
      void message.success(`已撤销「${g.label}」角色`);
      refreshBoth();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setRefusal(e.message);
      showError(e);
    }
  };

  const unlock = async (u: SecurityUser) => {
    try {
      await api.post(`/security/users/${u.id}/unlock`);
      void message.success(`已解锁 ${u.displayName}`);
      users.reload();
    } catch (e) {
      showError(e);
    }
  };

  const role = Form.useWatch('role', form);

  return (
    <>
      <PageHeader title="角色授权" sub="三权分立：系统管理员、安全管理员、审计管理员互不兼任，也不兼任业务角色；不能为自己授权。" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card title="选择账号" size="small">
            <Input.Search placeholder="按姓名或用户名搜索" allowClear onSearch={(v) => setQ(v.trim())} style={{ marginBottom: 12 }} enterButton />
            <Table<SecurityUser>
              size="small"
              rowKey="id"
              loading={users.loading}
              dataSource={users.data?.items ?? []}
              pagination={{ pageSize: 10, showSizeChanger: false, size: 'small' }}
              scroll={{ x: 480 }}
              rowSelection={{
                type: 'radio',
                selectedRowKeys: selectedId ? [selectedId] : [],
                onChange: (keys) => {
                  setSelectedId((keys[0] as string) ?? null);
                  setRefusal(null);
                },
              }}
              onRow={(u) => ({
                onClick: () => {
                  setSelectedId(u.id);
                  setRefusal(null);
                },
                style: { cursor: 'pointer' },
              })}
              columns={[
                {
                  title: '姓名',
                  dataIndex: 'displayName',
                  render: (v: string, u) => (
                    <Space size={4}>
                      {v}
                      {!u.active && <Tag>停用</Tag>}
                      {u.locked && (
                        <Tag color="red" icon={<LockOutlined />}>
                          已锁定
                        </Tag>
                      )}
                    </Space>
                  ),
                },
                { title: '用户名', dataIndex: 'username' },
                {
                  title: '角色',
                  dataIndex: 'roles',
                  render: (rs: GrantItem[]) =>
                    rs.length ? rs.map((r) => <Tag key={r.id}>{r.label}</Tag>) : <Typography.Text type="secondary">无</Typography.Text>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          {!selected ? (
            <Card>
              <Empty description="请在左侧选择一个账号" />
            </Card>
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card
                size="small"
                title={
                  <Space wrap>
                    <span>{selected.displayName}</span>
                    <Typography.Text type="secondary">{selected.username}</Typography.Text>
                    {selected.kind === 'citizen' && <Tag color="green">群众账号</Tag>}
                    {selected.hasTotp && <Tag color="blue">已绑定动态验证码</Tag>}
                  </Space>
                }
                extra={
                  <Space size={4} wrap>
                    {selected.locked && can('staff.unlock') && (
                      <Popconfirm title={`解锁 ${selected.displayName} 的账号？`} okText="解锁" cancelText="取消" onConfirm={() => unlock(selected)}>
                        <Button size="small" icon={<UnlockOutlined />}>
                          解锁账号
                        </Button>
                      </Popconfirm>
                    )}
                    {can('role_grant.grant') && selected.roles.some((r) => ADMIN_ROLES.includes(r.role)) && (
                      <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(true)}>
                        重置密码与动态验证码
                      </Button>
                    )}
                  </Space>
                }
              >
                {selected.locked && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={`账号因多次密码错误已锁定${selected.lockedUntil ? `，至 ${fmtDateTime(selected.lockedUntil)}` : ''}`}
                  />
                )}
                {refusal && (
                  <Alert type="error" showIcon closable={{ onClose: () => setRefusal(null) }} style={{ marginBottom: 12 }} title="授权被拒绝" description={refusal} />
                )}
                <Table<GrantItem>
                  size="small"
                  rowKey="id"
                  loading={grants.loading}
                  dataSource={grants.data?.items ?? []}
                  pagination={false}
                  locale={{ emptyText: '该账号暂无角色' }}
                  columns={[
                    {
                      title: '角色',
                      dataIndex: 'label',
                      render: (v: string, g) => <Tag color={ADMIN_ROLES.includes(g.role) ? 'purple' : 'blue'}>{v}</Tag>,
                    },
                    { title: '管辖范围', render: (_, g) => scopeTag(g) },
                    {
                      title: '操作',
                      width: 80,
                      render: (_, g) =>
                        can('role_grant.revoke') ? (
                          <Popconfirm
                            title={`撤销「${g.label}」角色？`}
                            description="撤销后该账号立即失去相应权限。"
                            okText="撤销"
                            okButtonProps={{ danger: true }}
                            cancelText="取消"
                            onConfirm={() => revoke(g)}
                          >
                            <Button type="link" danger size="small">
                              撤销
                            </Button>
                          </Popconfirm>
                        ) : null,
                    },
                  ]}
                />
              </Card>
              {can('role_grant.grant') && selected.kind === 'staff' && (
                <Card size="small" title="授予角色">
                  <Form<GrantForm> form={form} layout="vertical" onFinish={grant} requiredMark={false}>
                    <Row gutter={12}>
                      <Col xs={24} md={10}>
                        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
                          <Select
                            placeholder="选择角色"
                            options={GRANTABLE.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                            onChange={() => setRefusal(null)}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={14}>
                        <Form.Item
                          name="scope"
                          label="管辖范围"
                          extra={role ? SCOPE_HINT[role] : '选择区划（含下级）或某个服务中心'}
                          rules={[{ required: true, message: '请选择管辖范围' }]}
                        >
                          <TreeSelect
                            placeholder="选择区划或服务中心"
                            treeData={scopeData}
                            treeDefaultExpandAll
                            showSearch={{ treeNodeFilterProp: 'label' }}
                            treeNodeLabelProp="label"
                            loading={tree.loading}
                            popupMatchSelectWidth={false}
                            allowClear
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={granting}>
                      授予
                    </Button>
                  </Form>
                </Card>
              )}
            </Space>
          )}
        </Col>
      </Row>
      <FormModal<{ password: string }>
        open={resetting && !!selected}
        title={`重置管理员凭据：${selected?.displayName ?? ''}`}
        okText="重置"
        initialValues={{ password: generatePassword() }}
        onCancel={() => setResetting(false)}
        onSubmit={async (v) => {
          const s = selected!;
          const res = await api.post<{ totpEnrollment: NonNullable<GrantCreated['totpEnrollment']> }>(`/security/users/${s.id}/reset-credentials`, { password: v.password });
          setResetting(false);
          setEnrollment({ ...res.totpEnrollment, username: s.username, password: v.password });
          users.reload();
        }}
      >
        {(f) => (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="管理员账号的密码和动态验证码由安全管理员重置"
              description="重置后原密码和原验证器立即失效、所有会话下线；新密码首次登录须修改。"
            />
            <Form.Item label="新密码" required htmlFor="bm-admin-reset-password">
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="password" noStyle rules={[{ required: true, message: '请输入新密码' }]}>
                  <Input id="bm-admin-reset-password" autoComplete="off" />
                </Form.Item>
                <Button onClick={() => f.setFieldValue('password', generatePassword())}>重新生成</Button>
              </Space.Compact>
            </Form.Item>
          </>
        )}
      </FormModal>
      <Modal
        open={!!enrollment}
        title="动态验证码绑定信息（仅显示一次）"
        onCancel={() => setEnrollment(null)}
        footer={
          <Button type="primary" onClick={() => setEnrollment(null)}>
            我已妥善交付
          </Button>
        }
      >
        {enrollment && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="管理员账号必须使用动态验证码登录"
              description={`请将以下密钥当面交给 ${enrollment.username} 本人，在身份验证器应用中添加。关闭后将无法再次查看。`}
            />
            {enrollment.password && (
              <Typography.Paragraph>
                新密码：
                <Typography.Text code copyable>
                  {enrollment.password}
                </Typography.Text>
                <Typography.Text type="secondary">（首次登录须修改）</Typography.Text>
              </Typography.Paragraph>
            )}
            <div style={{ textAlign: 'center', marginBottom: 8 }}>
              <img src={enrollment.qrDataUrl} width={180} height={180} alt="动态验证码绑定二维码" />
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                用身份验证器应用扫码绑定
              </Typography.Paragraph>
            </div>
            <Typography.Paragraph>
              密钥：
              <Typography.Text code copyable>
                {enrollment.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph style={{ wordBreak: 'break-all' }}>
              绑定链接：
              <Typography.Text copyable style={{ fontSize: 12 }}>
                {enrollment.uri}
              </Typography.Text>
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}
