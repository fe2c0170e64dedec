import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Result, Select, Space, Switch, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { FormModal } from '../../../shared/FormModal';
import { fmtRelative } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import { ADMIN_ROLES, MOBILE_RE, USERNAME_RE } from '../../../shared/labels';
import { regionTreeData, useOrgTree } from '../../../shared/orgTree';
import { PageHeader } from '../../../shared/PageHeader';
import type { Department, Paged, Staff, StaffRow } from '../../../shared/types';
import { generatePassword } from '../../../shared/password';
import { useCursorList } from '../../../shared/useCursorList';
import { LoadMore } from '../../../shared/LoadMore';
import { ToggleActiveLink } from '../../../shared/useToggleActive';

const idNumberRule = (required: boolean) => ({
  validator: async (_: unknown, v: string | undefined) => {
    const value = v?.trim();
    if (!value) {
      if (required) throw new Error('请输入身份证号码');
      return;
    }
    if (value.length !== 18) throw new Error('身份证号码应为18位');
    let res: { valid: boolean; reason?: string };
    try {
      res = await api.post<{ valid: boolean; reason?: string }>('/validate/id-number', { value });
    } catch {
      return;
    }
    if (!res.valid) throw new Error(res.reason ?? '身份证号码不正确');
  },
});

interface StaffValues {
  username: string;
  displayName: string;
  phone?: string;
  idNumber?: string;
  homeRegionId: string;
  departmentId?: string | null;
  password?: string;
}

function StaffModal({ open, staff, onClose, onSaved }: { open: boolean; staff?: Staff; onClose: () => void; onSaved: (password?: string, username?: string) => void }) {
  const editing = !!staff;
  const tree = useOrgTree(false, open);
  const regions = useMemo(() => regionTreeData(tree.data?.roots ?? []), [tree.data]);
  const depts = useLoad(
    (signal) => (open ? api.get<Paged<Department>>('/org/departments', { limit: 500 }, { signal }) : Promise.resolve({ items: [], nextCursor: null })),
    [open],
  );
  const initialPassword = useMemo(() => generatePassword(), []);
  return (
    <FormModal<StaffValues>
      open={open}
      title={editing ? `编辑工作人员：${staff.displayName}` : '新建工作人员'}
      initialValues={
        editing
          ? { username: staff.username, displayName: staff.displayName, homeRegionId: staff.homeRegionId ?? undefined, departmentId: staff.departmentId }
          : { password: initialPassword, departmentId: null }
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        if (editing) {
          const body: Record<string, unknown> = { version: staff.version, displayName: v.displayName.trim(), homeRegionId: v.homeRegionId, departmentId: v.departmentId ?? null };
          if (v.phone?.trim()) body.phone = v.phone.trim();
          if (v.idNumber?.trim()) body.idNumber = v.idNumber.trim().toUpperCase();
          await api.patch(`/org/staff/${staff.id}`, body);
          onSaved();
        } else {
          await api.post('/org/staff', {
            username: v.username.trim().toLowerCase(),
            displayName: v.displayName.trim(),
            phone: v.phone?.trim(),
            idNumber: v.idNumber?.trim().toUpperCase(),
            homeRegionId: v.homeRegionId,
            departmentId: v.departmentId ?? null,
            password: v.password,
          });
          onSaved(v.password, v.username.trim().toLowerCase());
        }
      }}
    >
      {(form) => (
        <>
          <Form.Item
            name="username"
            label="用户名"
            rules={
              editing
                ? []
                : [
                    { required: true, message: '请输入用户名' },
                    {
                      validator: (_, v: string | undefined) =>
                        !v || USERNAME_RE.test(v.trim().toLowerCase()) ? Promise.resolve() : Promise.reject(new Error('3-32 位小写字母、数字、点、下划线或连字符，以字母开头')),
                    },
                  ]
            }
          >
            <Input disabled={editing} placeholder="如 hedong.zhang" autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 30, message: '不能超过30个字' }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label="身份证号码"
            validateDebounce={300}
            extra={editing ? `当前：${staff.idNumberMasked ?? '未登记'}；不修改请留空` : undefined}
            rules={[idNumberRule(!editing)]}
          >
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号码"
            extra={editing ? `当前：${staff.phoneMasked ?? '未登记'}；不修改请留空` : undefined}
            rules={[
              { required: !editing, message: '请输入手机号码' },
              { validator: (_, v: string | undefined) => (!v || MOBILE_RE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error('手机号码应为11位，以13-19开头'))) },
            ]}
          >
            <Input maxLength={11} inputMode="tel" autoComplete="off" />
          </Form.Item>
          <Form.Item name="homeRegionId" label="所属区划" rules={[{ required: true, message: '请选择所属区划' }]}>
            <TreeSelect treeData={regions} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'label' }} treeNodeLabelProp="label" loading={tree.loading} placeholder="选择区划" />
          </Form.Item>
          <Form.Item name="departmentId" label="所属部门">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={depts.loading}
              placeholder="无（中心直属）"
              options={(depts.data?.items ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` }))}
            />
          </Form.Item>
          {!editing && (
            <Form.Item label="初始密码" required htmlFor="bm-initial-password" extra="首次登录时须修改密码。请通过安全渠道告知本人。">
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="password" noStyle rules={[{ required: true, message: '请设置初始密码' }]}>
                  <Input id="bm-initial-password" autoComplete="off" />
                </Form.Item>
                <Button onClick={() => form.setFieldValue('password', generatePassword())}>重新生成</Button>
              </Space.Compact>
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
}

function ResetPasswordModal({ staff, onClose, onDone }: { staff: Staff | null; onClose: () => void; onDone: (password: string) => void }) {
  const initial = useMemo(() => generatePassword(), []);
  return (
    <FormModal<{ password: string }>
      open={!!staff}
      title={`重置密码：${staff?.displayName ?? ''}`}
      okText="重置"
      initialValues={{ password: initial }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await api.post(`/org/staff/${staff!.id}/reset-password`, { password: v.password });
        onDone(v.password);
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">重置后该账号的所有会话将失效，下次登录须修改密码。</Typography.Paragraph>
          <Form.Item label="新密码" required htmlFor="bm-reset-password">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="password" noStyle rules={[{ required: true, message: '请输入新密码' }]}>
                <Input id="bm-reset-password" autoComplete="off" />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('password', generatePassword())}>重新生成</Button>
            </Space.Compact>
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** 工作人员: staff accounts in the caller's scope, with masked ID numbers and phones. */
export default function StaffPage() {
  const { can } = useAuth();
  const { modal } = App.useApp();
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [dialog, setDialog] = useState<{ staff?: Staff } | null>(null);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const list = useCursorList<StaffRow>('/org/staff', { q: q || undefined, includeInactive: includeInactive || undefined });

  const showPassword = (title: string, username: string, password: string) =>
    modal.success({
      title,
      content: (
        <div>
          <p>
            账号：<Typography.Text code>{username}</Typography.Text>
          </p>
          <p>
            密码：
            <Typography.Text code copyable>
              {password}
            </Typography.Text>
          </p>
          <Typography.Text type="secondary">请通过安全渠道告知本人；首次登录须修改密码。此密码关闭后不再显示。</Typography.Text>
        </div>
      ),
      okText: '知道了',
    });

  return (
    <>
      <PageHeader
        title="工作人员"
        sub="身份证号、手机号仅显示脱敏信息；角色由安全管理员在「角色授权」中授予。"
        extra={
          can('staff.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              新建工作人员
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search placeholder="姓名、用户名、身份证号或手机号" allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 300 }} />
          <Space size={6}>
            <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
            <Typography.Text type="secondary">显示已停用</Typography.Text>
          </Space>
        </Space>
        {list.error ? (
          <Result status={list.error.status === 403 ? '403' : 'error'} title={list.error.message} />
        ) : (
          <Table<StaffRow>
            size="small"
            rowKey="id"
            loading={list.loading}
            dataSource={list.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '姓名', dataIndex: 'displayName', width: 100, fixed: 'left' },
              { title: '用户名', dataIndex: 'username', width: 150 },
              { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (v: string | null) => v ?? '—' },
              { title: '手机号', dataIndex: 'phoneMasked', width: 120, render: (v: string | null) => v ?? '—' },
              {
                title: '所属区划 / 部门',
                key: 'org',
                width: 170,
                render: (_, s) => (
                  <div>
                    <div>{s.homeRegionName ?? '—'}</div>
                    {s.departmentName && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.departmentName}
                      </Typography.Text>
                    )}
                  </div>
                ),
              },
              {
                title: '角色',
                dataIndex: 'roles',
                render: (rs: Staff['roles']) =>
                  rs.length ? (
                    rs.map((r) => (
                      <Tooltip key={r.id} title={r.scopeName ?? undefined}>
                        <Tag>{r.roleLabel}</Tag>
                      </Tooltip>
                    ))
                  ) : (
                    <Typography.Text type="secondary">无</Typography.Text>
                  ),
              },
              {
                title: '状态',
                width: 120,
                render: (_, s) => (
                  <Space size={2} wrap>
                    {s.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
                    {s.locked && (
                      <Tag color="red" icon={<LockOutlined />}>
                        锁定
                      </Tag>
                    )}
                    {s.mustChangePassword && <Tag color="orange">待改密</Tag>}
                  </Space>
                ),
              },
              { title: '最近登录', dataIndex: 'lastLoginAt', width: 120, render: (v: string | null) => (v ? fmtRelative(v) : '从未登录') },
              ...(can('staff.update') || can('staff.reset_password') || can('staff.deactivate')
                ? [
                    {
                      title: '操作',
                      key: 'ops',
                      width: 170,
                      fixed: 'right' as const,
                      render: (_: unknown, s: StaffRow) => {
                        // The server says per row what works (scope, and 三权分立: administrator accounts'
                        // credentials and status belong to the security administrator).
                        const rowCan = (a: string) => s.abilities.includes(a);
                        const admin = s.roles.some((r) => ADMIN_ROLES.includes(r.role));
                        return (
                          <Space size={0}>
                            {rowCan('staff.update') && (
                              <Button type="link" size="small" onClick={() => setDialog({ staff: s })}>
                                编辑
                              </Button>
                            )}
                            {rowCan('staff.reset_password') && s.active && (
                              <Button type="link" size="small" onClick={() => setResetting(s)}>
                                重置密码
                              </Button>
                            )}
                            {rowCan('staff.deactivate') && (
                              <ToggleActiveLink
                                target={{
                                  path: `/org/staff/${s.id}`,
                                  noun: '工作人员',
                                  name: s.displayName,
                                  active: s.active,
                                  version: s.version,
                                  warning: '停用后该账号立即退出登录且不能再登录，历史记录保留，可随时重新启用。',
                                }}
                                onDone={list.reload}
                              />
                            )}
                            {admin && (
                              <Tooltip title="管理员账号的密码和状态由安全管理员管理（三权分立）">
                                <Tag style={{ marginLeft: 8 }}>管理员</Tag>
                              </Tooltip>
                            )}
                          </Space>
                        );
                      },
                    },
                  ]
                : []),
            ]}
          />
        )}
        <LoadMore list={list} />
      </Card>
      <StaffModal
        open={!!dialog}
        staff={dialog?.staff}
        onClose={() => setDialog(null)}
        onSaved={(password, username) => {
          setDialog(null);
          list.reload();
          if (password && username) showPassword('工作人员账号已创建', username, password);
        }}
      />
      <ResetPasswordModal
        staff={resetting}
        onClose={() => setResetting(null)}
        onDone={(password) => {
          const s = resetting!;
          setResetting(null);
          list.reload();
          showPassword('密码已重置', s.username, password);
        }}
      />
    </>
  );
}
