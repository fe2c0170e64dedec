import { BankOutlined, CheckCircleOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Result, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';
import { CENTER_LEVEL_LABELS, DEPARTMENT_KIND_LABELS, WINDOW_KIND_LABELS } from '../../../../shared/labels';
import { usePageTitle } from '../../../../shared/title';
import type { CenterDetail as CenterDetailData, OrgWindow, Stationing } from '../../../../shared/types';
import { ToggleActiveLink, useToggleActive } from '../../../../shared/useToggleActive';
import { useOrgContext } from './context';
import { CenterFormModal, StationingFormModal, WindowFormModal } from './orgForms';
import { ActiveTag } from './RegionDetail';

type Dialog = { kind: 'edit' } | { kind: 'window'; window?: OrgWindow } | { kind: 'stationing'; stationing?: Stationing } | null;

interface StaffRow {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  departments: string[];
}

export function CenterNotFound() {
  return (
    <Result
      status="404"
      title="未找到该服务中心"
      subTitle="该服务中心不存在，或不在您的管辖范围内。"
      extra={
        <Link to="/workbench/org">
          <Button type="primary">返回组织机构</Button>
        </Link>
      }
    />
  );
}

export default function CenterDetail() {
  const { centerId = '' } = useParams();
  const { reloadTree } = useOrgContext();
  const toggle = useToggleActive();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data: c, error, loading, reload } = useLoad((signal) => api.get<CenterDetailData>(`/org/centers/${centerId}`, undefined, { signal }), [centerId]);
  usePageTitle(c ? `${c.name} - 组织机构` : error?.status === 404 ? '未找到该服务中心' : '组织机构');

  const staffRows = useMemo<StaffRow[]>(() => {
    const map = new Map<string, StaffRow>();
    for (const s of c?.stationings ?? []) {
      if (!s.active) continue;
      for (const p of s.staff) {
        const row = map.get(p.id) ?? { ...p, departments: [] };
        row.departments.push(s.department.name);
        map.set(p.id, row);
      }
    }
    return [...map.values()];
  }, [c]);

  if (error) {
    return <Card>{error.status === 404 ? <CenterNotFound /> : <Result status="error" title="加载失败" subTitle={error.message} extra={<Button onClick={reload}>重试</Button>} />}</Card>;
  }
  if (loading && !c) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (!c) return null;

  const has = (a: string) => c.abilities.includes(a);
  const refresh = () => {
    reload();
    reloadTree();
  };
  const nextNumber = c.windows.reduce((m, w) => Math.max(m, w.number), 0) + 1;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <BankOutlined />
            <span>{c.name}</span>
            <Tag color="blue">{CENTER_LEVEL_LABELS[c.level]}</Tag>
            <ActiveTag active={c.active} />
          </Space>
        }
        extra={
          <Space wrap>
            {has('center.update') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
                编辑
              </Button>
            )}
            {has('center.deactivate') && (
              <Button
                danger={c.active}
                icon={c.active ? <StopOutlined /> : <CheckCircleOutlined />}
                onClick={() => toggle({ path: `/org/centers/${c.id}`, noun: '服务中心', name: c.name, active: c.active, version: c.version }, refresh)}
              >
                {c.active ? '停用' : '启用'}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label="所属区划">
            <Link to={`/workbench/org/regions/${c.regionId}`}>{c.regionName}</Link>
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              {c.regionCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="类型">{CENTER_LEVEL_LABELS[c.level]}</Descriptions.Item>
          <Descriptions.Item label="地址" span={{ xs: 1, sm: 2 }}>
            {c.address || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="办公时间" span={{ xs: 1, sm: 2 }}>
            {c.hours || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="咨询电话">{c.phone || '—'}</Descriptions.Item>
          <Descriptions.Item label="投诉电话">{c.complaintPhone || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small">
        <Tabs
          items={[
            {
              key: 'windows',
              label: `窗口（${c.windows.length}）`,
              children: (
                <>
                  {has('window.create') && c.active && (
                    <div style={{ marginBottom: 12 }}>
                      <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'window' })}>
                        新建窗口
                      </Button>
                    </div>
                  )}
                  <Table<OrgWindow>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={c.windows}
                    scroll={{ x: 860 }}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未设置窗口" /> }}
                    columns={[
                      { title: '窗口号', dataIndex: 'number', width: 80, render: (v: number) => `${v} 号` },
                      { title: '名称', dataIndex: 'name', width: 150 },
                      {
                        title: '类型',
                        dataIndex: 'kind',
                        width: 150,
                        render: (k: OrgWindow['kind'], w) => (
                          <span>
                            <Tag color={k === 'comprehensive' ? 'geekblue' : 'cyan'}>{WINDOW_KIND_LABELS[k]}</Tag>
                            {w.sector}
                          </span>
                        ),
                      },
                      {
                        title: '业务类别',
                        dataIndex: 'categories',
                        render: (cs: string[]) => (cs.length ? cs.map((x) => <Tag key={x}>{x}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>),
                      },
                      { title: '每日限号', dataIndex: 'dailyCap', width: 90, render: (v: number | null) => (v ? `${v} 号` : '不限') },
                      { title: '状态', dataIndex: 'active', width: 70, render: (v: boolean) => <ActiveTag active={v} /> },
                      ...(has('window.update') || has('window.deactivate')
                        ? [
                            {
                              title: '操作',
                              key: 'ops',
                              width: 120,
                              render: (_: unknown, w: OrgWindow) => (
                                <Space size={0}>
                                  {has('window.update') && (
                                    <Button type="link" size="small" onClick={() => setDialog({ kind: 'window', window: w })}>
                                      编辑
                                    </Button>
                                  )}
                                  {has('window.deactivate') && (
                                    <ToggleActiveLink
                                      target={{ path: `/org/windows/${w.id}`, noun: '窗口', name: `${w.number} 号 ${w.name}`, active: w.active, version: w.version }}
                                      onDone={reload}
                                    />
                                  )}
                                </Space>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'stationings',
              label: `进驻部门（${c.stationings.filter((s) => s.active).length}）`,
              children: (
                <>
                  {has('stationing.create') && c.active && (
                    <div style={{ marginBottom: 12 }}>
                      <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'stationing' })}>
                        添加进驻部门
                      </Button>
                    </div>
                  )}
                  <Table<Stationing>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={c.stationings}
                    scroll={{ x: 600 }}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无部门进驻" /> }}
                    columns={[
                      {
                        title: '部门（站所）',
                        render: (_, s) => (
                          <span>
                            {s.department.name}
                            <Tag style={{ marginLeft: 6 }}>{DEPARTMENT_KIND_LABELS[s.department.kind]}</Tag>
                          </span>
                        ),
                      },
                      {
                        title: '进驻人员',
                        dataIndex: 'staff',
                        render: (st: Stationing['staff']) =>
                          st.length ? st.map((p) => p.displayName).join('、') : <Typography.Text type="secondary">未安排</Typography.Text>,
                      },
                      { title: '状态', dataIndex: 'active', width: 80, render: (v: boolean) => (v ? <Tag color="green">进驻中</Tag> : <Tag>已撤出</Tag>) },
                      ...(has('stationing.update') || has('stationing.deactivate')
                        ? [
                            {
                              title: '操作',
                              key: 'ops',
                              width: 150,
                              render: (_: unknown, s: Stationing) => (
                                <Space size={0}>
                                  {has('stationing.update') && s.active && (
                                    <Button type="link" size="small" onClick={() => setDialog({ kind: 'stationing', stationing: s })}>
                                      调整人员
                                    </Button>
                                  )}
                                  {has('stationing.deactivate') && (
                                    <ToggleActiveLink
                                      target={{
                                        path: `/org/stationings/${s.id}`,
                                        noun: '进驻部门',
                                        name: s.department.name,
                                        active: s.active,
                                        warning: '撤出后该部门不再在本中心办理业务，历史记录保留。',
                                      }}
                                      onDone={reload}
                                      labels={['撤出', '恢复']}
                                    />
                                  )}
                                </Space>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'staff',
              label: `工作人员（${staffRows.length}）`,
              children: (
                <Table<StaffRow>
                  size="small"
                  rowKey="id"
                  pagination={staffRows.length > 20 ? { pageSize: 20, size: 'small' } : false}
                  dataSource={staffRows}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无进驻人员" /> }}
                  columns={[
                    { title: '姓名', dataIndex: 'displayName' },
                    { title: '用户名', dataIndex: 'username' },
                    { title: '所在部门', dataIndex: 'departments', render: (d: string[]) => d.join('、') },
                    { title: '状态', dataIndex: 'active', width: 80, render: (v: boolean) => <ActiveTag active={v} /> },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>

      <CenterFormModal
        open={dialog?.kind === 'edit'}
        center={c}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          refresh();
        }}
      />
      <WindowFormModal
        open={dialog?.kind === 'window'}
        centerId={c.id}
        window={dialog?.kind === 'window' ? dialog.window : undefined}
        nextNumber={nextNumber}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          reload();
        }}
      />
      <StationingFormModal
        open={dialog?.kind === 'stationing'}
        centerId={c.id}
        stationing={dialog?.kind === 'stationing' ? dialog.stationing : undefined}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          reload();
        }}
      />
    </Space>
  );
}
