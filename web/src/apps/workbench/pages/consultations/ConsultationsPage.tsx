import { CommentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Descriptions, Drawer, Form, Input, Popconfirm, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../../../../shared/api';
import { fmtDateTime } from '../../../../shared/format';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { LoadMore } from '../../../../shared/LoadMore';
import { PageHeader } from '../../../../shared/PageHeader';
import { useCursorList } from '../../../../shared/useCursorList';
import type { Consultation, ConsultationCounts } from './types';
import './consultations.css';

type Status = Consultation['status'];
const TABS: { key: Status; label: string; color: string }[] = [
  { key: 'open', label: '待答复', color: '#fa8c16' },
  { key: 'answered', label: '已答复', color: '#52c41a' },
  { key: 'closed', label: '已关闭', color: '#8c8c8c' },
];
const STATUS_COLOR: Record<Status, string> = { open: 'orange', answered: 'green', closed: 'default' };

const time = (v: string | null) => fmtDateTime(v).slice(0, 16);

/** 公开 toggle: only for answered questions about an item, for directors and 事项管理员. */
function PublishSwitch({ c, onChanged }: { c: Consultation; onChanged: (c: Consultation) => void }) {
  const showError = useShowError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const may = c.published ? c.abilities.includes('unpublish') : c.abilities.includes('publish');
  const why = !c.itemId ? '未关联事项的咨询不能公开' : c.status !== 'answered' ? '答复后才能公开' : !may ? '由中心负责人或事项管理员公开' : undefined;
  const toggle = async (on: boolean) => {
    setBusy(true);
    try {
      const res = await api.post<Consultation>(`/consultations/${c.id}/${on ? 'publish' : 'unpublish'}`, { version: c.version });
      void message.success(on ? '已公开到事项的常见问题' : '已取消公开');
      onChanged(res);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={why}>
      <Switch
        size="small"
        checked={c.published}
        loading={busy}
        disabled={!may}
        onChange={(on) => void toggle(on)}
        aria-label={c.published ? '取消公开' : '公开到常见问题'}
        data-testid="publish-switch"
      />
    </Tooltip>
  );
}

function AnswerDrawer({ c, onClose, onChanged }: { c: Consultation | null; onClose: () => void; onChanged: (c: Consultation) => void }) {
  const [form] = Form.useForm<{ answer: string }>();
  const [closeForm] = Form.useForm<{ reason?: string }>();
  const showError = useShowError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'answer' | 'close' | null>(null);
  if (!c) return null;

  const mayAnswer = c.abilities.includes('answer');
  const answer = async (v: { answer: string }) => {
    setBusy('answer');
    try {
      const res = await api.post<Consultation>(`/consultations/${c.id}/answer`, { version: c.version, answer: v.answer });
      void message.success(c.status === 'open' ? '已答复，已通知提问人' : '答复已更新，已通知提问人');
      onChanged(res);
      onClose();
    } catch (e) {
      showError(e, form);
      if (e instanceof ApiError && e.status === 409) onClose();
    } finally {
      setBusy(null);
    }
  };
  const close = async () => {
    setBusy('close');
    try {
      const res = await api.post<Consultation>(`/consultations/${c.id}/close`, { version: c.version, reason: closeForm.getFieldValue('reason') || undefined });
      void message.success('已关闭该咨询');
      onChanged(res);
      onClose();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer open onClose={onClose} title={c.status === 'open' ? '答复咨询' : '咨询详情'} size="large" destroyOnHidden>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="咨询事项">{c.itemName ?? <Typography.Text type="secondary">（未关联事项，咨询服务中心）</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label="服务中心">{c.centerName}</Descriptions.Item>
        <Descriptions.Item label="提问人">{c.askerName}</Descriptions.Item>
        <Descriptions.Item label="提问时间">{time(c.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLOR[c.status]}>{c.statusLabel}</Tag>
          {c.published && <Tag color="blue">已公开</Tag>}
        </Descriptions.Item>
        {c.answeredAt && (
          <Descriptions.Item label={c.status === 'closed' ? '关闭' : '答复'}>
            {c.answeredByName} · {time(c.answeredAt)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5}>问题</Typography.Title>
      <div className="bm-consult-question" data-testid="consult-question">
        {c.question}
      </div>
      {c.status === 'closed' ? (
        <Alert type="info" showIcon style={{ marginTop: 16 }} title="该咨询已关闭" description={c.answer ?? '未填写原因'} />
      ) : mayAnswer ? (
        <Form form={form} layout="vertical" initialValues={{ answer: c.answer ?? '' }} onFinish={(v) => void answer(v)} style={{ marginTop: 16 }} disabled={!!busy}>
          <Form.Item
            name="answer"
            label={c.status === 'open' ? '答复' : '修改答复'}
            extra={c.published ? '该问答已公开，修改后常见问题中的答复同步更新。' : '答复后提问人会在“我的咨询”和“消息”中看到。'}
            rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}
          >
            <Input.TextArea rows={8} maxLength={2000} showCount placeholder="请用群众看得懂的话答复：能不能办、要带什么、到哪里办、多长时间。" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy === 'answer'}>
              {c.status === 'open' ? '提交答复' : '保存修改'}
            </Button>
            {c.abilities.includes('close') && (
              <Popconfirm
                title="关闭这条咨询？"
                description={
                  <Form form={closeForm} style={{ width: 260, marginTop: 8 }}>
                    <Form.Item name="reason" style={{ marginBottom: 0 }}>
                      <Input.TextArea rows={2} maxLength={300} placeholder="原因（选填，提问人可见），如：重复提问" />
                    </Form.Item>
                  </Form>
                }
                okText="关闭咨询"
                okButtonProps={{ danger: true, loading: busy === 'close' }}
                onConfirm={() => close()}
              >
                <Button danger loading={busy === 'close'}>
                  关闭咨询
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
      ) : (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            答复
          </Typography.Title>
          <div className="bm-consult-question">{c.answer ?? '尚未答复'}</div>
        </>
      )}
      {c.status === 'answered' && c.itemId && (
        <div style={{ marginTop: 16, display: 'flex', alignItems: 'center', gap: 8 }}>
          <PublishSwitch c={c} onChanged={onChanged} />
          <span>公开到「{c.itemName}」的常见问题（提问人姓名脱敏显示）</span>
        </div>
      )}
    </Drawer>
  );
}

/** 咨询答复: questions to the centers in my scope, by status, with the answer drawer and the 公开 toggle. */
export default function ConsultationsPage() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.key === params.get('tab'))?.key ?? 'open') as Status;
  const counts = useLoad((signal) => api.get<ConsultationCounts>('/consultations/counts', undefined, { signal }), []);
  const list = useCursorList<Consultation>('/consultations', { status: tab }, 30);
  const [open, setOpen] = useState<Consultation | null>(null);
  // Rows changed here are shown changed until the next reload (the list is keyset-paged).
  const [changed, setChanged] = useState<Map<string, Consultation>>(new Map());
  const rows = list.items.map((c) => changed.get(c.id) ?? c);

  const onChanged = (c: Consultation) => {
    setChanged((m) => new Map(m).set(c.id, c));
    setOpen((o) => (o && o.id === c.id ? c : o));
    counts.reload();
  };
  const reload = () => {
    setChanged(new Map());
    counts.reload();
    list.reload();
  };

  return (
    <>
      <PageHeader
        title="咨询答复"
        sub="群众在网上办事大厅对本中心事项或本中心提出的咨询。待答复的按提问先后排列，先问先答。"
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setChanged(new Map());
            setParams(k === 'open' ? {} : { tab: k }, { replace: true });
          }}
          items={TABS.map((t) => ({
            key: t.key,
            label: (
              <span data-testid={`tab-${t.key}`}>
                {t.label}
                <Badge count={counts.data?.[t.key] ?? 0} showZero overflowCount={9999} color={t.color} style={{ marginLeft: 6 }} />
              </span>
            ),
          }))}
        />
        {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        <Table<Consultation>
          rowKey="id"
          size="middle"
          loading={list.loading && list.items.length === 0}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 960 }}
          locale={{ emptyText: tab === 'open' ? '暂无待答复的咨询' : '暂无咨询' }}
          onRow={(c) => ({ onDoubleClick: () => setOpen(c) })}
          columns={[
            {
              title: '问题',
              render: (_, c) => (
                <div style={{ minWidth: 260 }}>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 2 }}>
                    {c.question}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.itemName ?? '（咨询服务中心）'} · {c.centerName}
                  </Typography.Text>
                </div>
              ),
            },
            { title: '提问人', dataIndex: 'askerName', width: 100 },
            { title: '提问时间', dataIndex: 'createdAt', width: 150, render: (v: string) => time(v) },
            ...(tab !== 'open'
              ? [
                  {
                    title: tab === 'closed' ? '关闭人' : '答复人',
                    width: 150,
                    render: (_: unknown, c: Consultation) => (
                      <div>
                        <div>{c.answeredByName ?? '—'}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {time(c.answeredAt)}
                        </Typography.Text>
                      </div>
                    ),
                  },
                ]
              : []),
            ...(tab === 'answered'
              ? [{ title: '公开', width: 80, render: (_: unknown, c: Consultation) => <PublishSwitch c={c} onChanged={onChanged} /> }]
              : []),
            {
              title: '操作',
              width: 100,
              render: (_, c) => (
                <Space size={4} wrap>
                  {c.status !== tab && <Tag color={STATUS_COLOR[c.status]}>{c.statusLabel}</Tag>}
                  <Button type={c.status === 'open' ? 'primary' : 'link'} size="small" icon={c.status === 'open' ? <CommentOutlined /> : undefined} onClick={() => setOpen(c)}>
                  {c.status === 'open' && c.abilities.includes('answer') ? '答复' : '查看'}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <LoadMore list={list} />
      </Card>
      {/* Keyed by the question: a new form (and its initial answer) for each one opened. */}
      <AnswerDrawer key={open?.id ?? 'none'} c={open} onClose={() => setOpen(null)} onChanged={onChanged} />
    </>
  );
}
