import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Result, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, download } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { fmtDateTime } from '../../../shared/format';
import { useLoad, useShowError } from '../../../shared/hooks';
import { OUTCOME_LABELS, ROLE_LABELS } from '../../../shared/labels';
import { PageHeader } from '../../../shared/PageHeader';
import type { AuditAction, AuditItem, AuditPage as AuditPageData, ChainReport } from '../../../shared/types';

const OBJECT_TYPES: Record<string, string> = {
  region: '区划',
  center: '服务中心',
  window: '窗口',
  department: '部门站所',
  stationing: '进驻',
  staff: '工作人员',
  user: '账号',
  citizen: '群众',
  role_grant: '角色授权',
  security_settings: '安全策略',
  audit_log: '审计日志',
  session: '会话',
  import: '导入',
  org_import: 'Excel 导入',
};

const DETAIL_LABELS: Record<string, string> = {
  mfa: '二次验证',
  reason: '原因',
  method: '请求方法',
  route: '接口',
  url: '地址',
  by: '限流依据',
  fileName: '文件名',
  fileSm3: '文件 SM3',
  summary: '汇总',
  created: '新建',
  updated: '更新',
  rows: '行数',
  filters: '筛选条件',
  userId: '用户编号',
  username: '用户名',
  role: '角色',
  scopeType: '范围类型',
  scopeId: '范围编号',
  code: '代码',
  totpEnrolled: '已绑定动态验证码',
  ok: '校验通过',
  checked: '已校验条数',
  firstBrokenSeq: '首个异常序号',
  attempts: '失败次数',
  lockedUntil: '锁定至',
};

const ACTION_GROUPS: { value: string; label: string }[] = [
  { value: 'auth.', label: '登录与会话（全部）' },
  { value: 'org.', label: '组织机构（全部）' },
  { value: 'staff.', label: '工作人员（全部）' },
  { value: 'role.', label: '角色授权（全部）' },
  { value: 'audit.', label: '审计（全部）' },
];

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  code: '区划代码',
  level: '层级',
  address: '地址',
  hours: '办公时间',
  phone: '电话',
  complaintPhone: '投诉电话',
  active: '状态',
  displayName: '姓名',
  username: '用户名',
  idNumber: '身份证号',
  number: '窗口号',
  kind: '类型',
  sector: '领域',
  categories: '业务类别',
  dailyCap: '每日限号',
  shortName: '简称',
  creditCode: '统一社会信用代码',
  lockedUntil: '锁定至',
  departmentId: '所属部门',
  homeRegionId: '所属区划',
  staffIds: '人员',
  mustChangePassword: '须修改密码',
  role: '角色',
  'passwordPolicy.minLength': '密码最短长度',
  'passwordPolicy.minClasses': '密码字符类别',
  'passwordPolicy.historyCount': '密码历史',
  'passwordPolicy.maxAgeDays': '密码有效期',
  'lockout.maxFailures': '锁定失败次数',
  'lockout.lockMinutes': '锁定时长',
  'session.idleMinutes': '空闲超时',
  'session.absoluteHours': '最长登录时长',
  'rateLimit.loginPerIpPerMinute': '每 IP 每分钟登录',
  'rateLimit.loginPerAccountPerMinute': '每账号每分钟登录',
};

/** Machine values that appear in event details, in words. */
const VALUE_LABELS: Record<string, string> = {
  out_of_scope: '超出管辖范围',
  no_permission: '没有权限',
  bad_password: '密码错误',
  bad_totp: '动态验证码错误',
  unknown_account: '账号不存在',
  inactive: '账号已停用',
  locked: '账号已锁定',
  idle_timeout: '空闲超时',
  absolute_lifetime: '超过最长登录时长',
  totp: '动态验证码',
  ip: '按 IP',
  account: '按账号',
  region: '区划',
  center: '服务中心',
};

const REASONS: Record<string, string> = {
  hash_mismatch: '记录内容与其哈希值不符（记录可能被篡改）',
  link_mismatch: '记录与前一条的链接断裂（记录可能被删除或插入）',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' && VALUE_LABELS[v]) return VALUE_LABELS[v];
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function roleNames(r: string | null): string {
  if (!r) return '—';
  return r
    .split(',')
    .map((x) => ROLE_LABELS[x as keyof typeof ROLE_LABELS] ?? x)
    .join('、');
}

function EventDetail({ e }: { e: AuditItem }) {
  const changes = Object.entries(e.changes ?? {});
  const details = Object.entries(e.details ?? {});
  return (
    <div className="bm-audit-detail">
      {changes.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="field"
          style={{ marginBottom: details.length ? 12 : 0 }}
          dataSource={changes.map(([field, c]) => ({ field, before: c.before, after: c.after }))}
          columns={[
            {
              title: '字段',
              dataIndex: 'field',
              width: 200,
              render: (f: string) => (
                <span>
                  {FIELD_LABELS[f] ?? f}
                  {FIELD_LABELS[f] && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                      {f}
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            { title: '变更前', dataIndex: 'before', render: (v: unknown) => <span className="bm-audit-before">{show(v)}</span> },
            { title: '变更后', dataIndex: 'after', render: (v: unknown) => <span className="bm-audit-after">{show(v)}</span> },
          ]}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label="序号">{e.seq}</Descriptions.Item>
        <Descriptions.Item label="操作代码">{e.action}</Descriptions.Item>
        <Descriptions.Item label="对象编号">{e.objectId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="IP">{e.ip ?? '—'}</Descriptions.Item>
        {details.map(([k, v]) => (
          <Descriptions.Item key={k} label={DETAIL_LABELS[k] ?? k}>
            <span style={{ wordBreak: 'break-all' }}>{show(v)}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </div>
  );
}

interface Filters {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  outcome?: string;
}

type Query = Record<string, string | undefined>;

function toQuery(f: Filters): Query {
  return {
    from: f.range?.[0]?.format() ?? undefined,
    to: f.range?.[1]?.format() ?? undefined,
    actor: f.actor?.trim() || undefined,
    action: f.action || undefined,
    objectType: f.objectType || undefined,
    outcome: f.outcome || undefined,
  };
}

/** 审计日志 (audit administrator): filter, read before/after changes, export, verify the chain. */
export default function AuditPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Query>({});
  const [items, setItems] = useState<AuditItem[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [report, setReport] = useState<ChainReport | null>(null);
  const generation = useRef(0);

  const actions = useLoad((signal) => api.get<AuditAction[]>('/audit/actions', undefined, { signal }), []);
  const actionOptions = useMemo(
    () => [
      { label: '按类别', options: ACTION_GROUPS },
      { label: '按操作', options: (actions.data ?? []).map((a) => ({ value: a.action, label: a.label })) },
    ],
    [actions.data],
  );

  const load = useCallback(
    async (q: Query, after: number | null) => {
      const gen = ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api.get<AuditPageData>('/audit/events', { ...q, cursor: after ?? undefined, limit: 50 });
        if (gen !== generation.current) return;
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (gen !== generation.current) return;
        setError((e as Error).message);
        showError(e);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [showError],
  );

  useEffect(() => {
    void load(query, null);
  }, [query, load]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download('/audit/events/export', query, '审计日志.xlsx');
      void message.success('已导出，导出操作本身也已记入审计日志');
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setReport(await api.post<ChainReport>('/audit/verify'));
    } catch (e) {
      showError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageHeader
        title="审计日志"
        sub="审计日志只可追加、不可修改，并以 SM3 哈希链防篡改。"
        extra={
          <Space wrap>
            {can('audit_log.verify') && (
              <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={verifying}>
                校验审计链
              </Button>
            )}
            {can('audit_log.export') && (
              <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting}>
                导出 Excel
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters> form={form} layout="vertical" onFinish={(f) => setQuery(toQuery(f))} className="bm-filter-form">
          <Row gutter={12}>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="range" label="时间">
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="actor" label="操作人">
                <Input placeholder="姓名或用户名" allowClear />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={5}>
              <Form.Item name="action" label="操作">
                <Select placeholder="全部操作" allowClear showSearch={{ optionFilterProp: 'label' }} options={actionOptions} loading={actions.loading} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="objectType" label="对象类型">
                <Select placeholder="全部" allowClear options={Object.entries(OBJECT_TYPES).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="outcome" label="结果">
                <Select placeholder="全部" allowClear options={Object.entries(OUTCOME_LABELS).map(([value, o]) => ({ value, label: o.text }))} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery({});
              }}
            >
              重置
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void load(query, null)}>
              刷新
            </Button>
          </Space>
        </Form>
      </Card>
      <Card size="small">
        {error && !items.length ? (
          <Result status="error" title="加载失败" subTitle={error} />
        ) : (
          <>
            <Table<AuditItem>
              rowKey="seq"
              size="small"
              loading={loading && !items.length}
              dataSource={items}
              pagination={false}
              scroll={{ x: 960 }}
              expandable={{
                expandedRowRender: (e) => <EventDetail e={e} />,
                rowExpandable: () => true,
              }}
              columns={[
                { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
                {
                  title: '操作人',
                  dataIndex: 'actorName',
                  width: 200,
                  render: (v: string | null, e) => (
                    <div>
                      <div>{v ?? '系统'}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {roleNames(e.actorRole)}
                      </Typography.Text>
                    </div>
                  ),
                },
                {
                  title: '操作',
                  dataIndex: 'actionLabel',
                  render: (v: string, e) => (
                    <span>
                      {v}
                      {e.changes && Object.keys(e.changes).length > 0 && (
                        <Tag bordered={false} color="processing" style={{ marginLeft: 6 }}>
                          {Object.keys(e.changes).length} 项变更
                        </Tag>
                      )}
                    </span>
                  ),
                },
                {
                  title: '对象',
                  dataIndex: 'objectType',
                  width: 120,
                  render: (v: string | null) => (v ? (OBJECT_TYPES[v] ?? v) : '—'),
                },
                {
                  title: '结果',
                  dataIndex: 'outcome',
                  width: 80,
                  render: (v: string) => <Tag color={OUTCOME_LABELS[v]?.color}>{OUTCOME_LABELS[v]?.text ?? v}</Tag>,
                },
                { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
              ]}
            />
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              {cursor ? (
                <Button onClick={() => void load(query, cursor)} loading={loading}>
                  加载更多
                </Button>
              ) : (
                items.length > 0 && <Typography.Text type="secondary">已显示全部 {items.length} 条</Typography.Text>
              )}
            </div>
          </>
        )}
      </Card>
      <Modal
        open={!!report}
        title="审计链校验结果"
        onCancel={() => setReport(null)}
        footer={
          <Button type="primary" onClick={() => setReport(null)}>
            知道了
          </Button>
        }
      >
        {report &&
          (report.ok ? (
            <Result status="success" title="审计链完整" subTitle={`已逐条校验 ${report.checked} 条记录，未发现篡改、删除或插入。`} />
          ) : (
            <>
              <Result status="error" title="审计链已被破坏" subTitle={`已校验 ${report.checked} 条记录。`} />
              <Alert
                type="error"
                showIcon
                title={`第 ${report.firstBrokenSeq ?? '?'} 条记录校验失败`}
                description={`${report.reason ? REASONS[report.reason] : '原因未知'}。请立即保全数据库并报告安全管理员。`}
              />
            </>
          ))}
      </Modal>
    </>
  );
}
