import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Drawer, Form, Input, Radio, Result, Select, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { FormModal } from '../../../shared/FormModal';
import { useLoad } from '../../../shared/hooks';
import { DEPARTMENT_KIND_LABELS } from '../../../shared/labels';
import { regionTreeData, useOrgTree } from '../../../shared/orgTree';
import { PageHeader } from '../../../shared/PageHeader';
import type { Department, DepartmentDetail, DepartmentRow } from '../../../shared/types';
import { useCursorList } from '../../../shared/useCursorList';
import { LoadMore } from '../../../shared/LoadMore';
import { ToggleActiveLink } from '../../../shared/useToggleActive';

interface DeptValues {
  regionId: string;
  kind: Department['kind'];
  name: string;
  shortName: string;
  creditCode?: string;
}

const creditCodeRule = {
  validator: async (_: unknown, v: string | undefined) => {
    const value = v?.trim();
    if (!value) return;
    if (value.length !== 18) throw new Error('统一社会信用代码应为18位');
    let res: { valid: boolean; reason?: string };
    try {
      res = await api.post<{ valid: boolean; reason?: string }>('/validate/credit-code', { value });
    } catch {
      return; // the server validates again on save
    }
    if (!res.valid) throw new Error(res.reason ?? '统一社会信用代码不正确');
  },
};

function DepartmentModal({ open, dept, onClose, onSaved }: { open: boolean; dept?: Department; onClose: () => void; onSaved: () => void }) {
  const tree = useOrgTree(false, open && !dept);
  const regions = useMemo(
    () => regionTreeData(tree.data?.roots ?? [], (n) => ['province', 'city', 'county', 'township'].includes(n.level)),
    [tree.data],
  );
  const editing = !!dept;
  return (
    <FormModal<DeptValues>
      open={open}
      title={editing ? `编辑部门：${dept.name}` : '新建部门（站所）'}
      initialValues={editing ? { regionId: dept.regionId, kind: dept.kind, name: dept.name, shortName: dept.shortName, creditCode: dept.creditCode ?? '' } : { kind: 'department' }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const creditCode = v.creditCode?.trim() ? v.creditCode.trim().toUpperCase() : null;
        if (editing) await api.patch(`/org/departments/${dept.id}`, { version: dept.version, name: v.name.trim(), shortName: v.shortName.trim(), creditCode });
        else await api.post('/org/departments', { regionId: v.regionId, kind: v.kind, name: v.name.trim(), shortName: v.shortName.trim(), creditCode });
        onSaved();
      }}
    >
      {editing ? (
        <Typography.Paragraph type="secondary">
          所属区划：{dept.regionName} · 类型：{DEPARTMENT_KIND_LABELS[dept.kind]}
        </Typography.Paragraph>
      ) : (
        <>
          <Form.Item name="kind" label="类型" rules={[{ required: true }]} extra="部门属于县（区）及以上；站所属于乡镇（街道）或县（区）">
            <Radio.Group optionType="button" options={Object.entries(DEPARTMENT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="regionId" label="所属区划" rules={[{ required: true, message: '请选择所属区划' }]}>
            <TreeSelect treeData={regions} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'label' }} treeNodeLabelProp="label" loading={tree.loading} placeholder="选择区划" />
          </Form.Item>
        </>
      )}
      <Form.Item name="name" label="部门名称" rules={[{ required: true, whitespace: true, message: '请输入部门名称' }, { max: 60, message: '不能超过60个字' }]}>
        <Input placeholder="如：示范县人力资源和社会保障局" />
      </Form.Item>
      <Form.Item name="shortName" label="简称" rules={[{ required: true, whitespace: true, message: '请输入简称' }, { max: 20, message: '不能超过20个字' }]}>
        <Input placeholder="如：人社" />
      </Form.Item>
      <Form.Item name="creditCode" label="统一社会信用代码" validateDebounce={300} rules={[creditCodeRule]} extra="选填；18 位，用于生成事项实施编码">
        <Input maxLength={18} />
      </Form.Item>
    </FormModal>
  );
}

function DepartmentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { data, loading, error } = useLoad(
    (signal) => (id ? api.get<DepartmentDetail>(`/org/departments/${id}`, undefined, { signal }) : Promise.resolve(undefined)),
    [id],
  );
  return (
    <Drawer open={!!id} onClose={onClose} title={data?.name ?? '部门详情'} size="large" loading={loading && !data}>
      {error ? (
        <Result status={error.status === 404 ? '404' : 'error'} title={error.status === 404 ? '未找到该部门' : '加载失败'} subTitle={error.message} />
      ) : data ? (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="简称">{data.shortName}</Descriptions.Item>
            <Descriptions.Item label="类型">{DEPARTMENT_KIND_LABELS[data.kind]}</Descriptions.Item>
            <Descriptions.Item label="所属区划">{data.regionName}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{data.creditCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="状态">{data.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>进驻情况</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.stationings}
            locale={{ emptyText: '尚未进驻任何服务中心' }}
            columns={[
              { title: '服务中心', render: (_, s) => <Link to={`/workbench/org/centers/${s.center.id}`}>{s.center.name}</Link> },
              { title: '进驻人员', render: (_, s) => s.staff.map((p) => p.displayName).join('、') || '—' },
              { title: '状态', width: 80, render: (_, s) => (s.active ? <Tag color="green">进驻中</Tag> : <Tag>已撤出</Tag>) },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}

/** 部门站所: departments (部门) and stations (站所) in the caller's scope. */
export default function DepartmentsPage() {
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [dialog, setDialog] = useState<{ dept?: Department } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const list = useCursorList<DepartmentRow>('/org/departments', { q: q || undefined, kind, includeInactive: includeInactive || undefined });

  return (
    <>
      <PageHeader
        title="部门站所"
        sub="进驻服务中心的部门（民政、人社、医保、自然资源……）和乡镇站所。"
        extra={
          can('department.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              新建部门
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search placeholder="按名称或简称搜索" allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 240 }} />
          <Select
            placeholder="全部类型"
            allowClear
            style={{ width: 120 }}
            value={kind}
            onChange={setKind}
            options={Object.entries(DEPARTMENT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Space size={6}>
            <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
            <Typography.Text type="secondary">显示已停用</Typography.Text>
          </Space>
        </Space>
        {list.error ? (
          <Result status={list.error.status === 403 ? '403' : 'error'} title={list.error.message} />
        ) : (
          <Table<DepartmentRow>
            size="small"
            rowKey="id"
            loading={list.loading}
            dataSource={list.items}
            pagination={false}
            scroll={{ x: 860 }}
            columns={[
              {
                title: '名称',
                dataIndex: 'name',
                render: (v: string, d) => (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(d.id)}>
                    {v}
                  </Button>
                ),
              },
              { title: '简称', dataIndex: 'shortName', width: 120 },
              { title: '类型', dataIndex: 'kind', width: 70, render: (k: Department['kind']) => <Tag>{DEPARTMENT_KIND_LABELS[k]}</Tag> },
              { title: '所属区划', dataIndex: 'regionName', width: 140 },
              { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (v: string | null) => v ?? '—' },
              { title: '状态', dataIndex: 'active', width: 70, render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
              ...(can('department.update') || can('department.deactivate')
                ? [
                    {
                      title: '操作',
                      key: 'ops',
                      width: 120,
                      render: (_: unknown, d: DepartmentRow) => (
                        <Space size={0}>
                          {d.abilities.includes('department.update') && (
                            <Button type="link" size="small" onClick={() => setDialog({ dept: d })}>
                              编辑
                            </Button>
                          )}
                          {d.abilities.includes('department.deactivate') && (
                            <ToggleActiveLink
                              target={{ path: `/org/departments/${d.id}`, noun: '部门', name: d.name, active: d.active, version: d.version }}
                              onDone={list.reload}
                            />
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        <LoadMore list={list} />
      </Card>
      <DepartmentModal
        open={!!dialog}
        dept={dialog?.dept}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          list.reload();
        }}
      />
      <DepartmentDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
