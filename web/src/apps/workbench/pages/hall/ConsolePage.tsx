import { LinkOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Modal, Radio, Row, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type * as C from '../../../../../../src/modules/queue/queue.contract';
import { api } from '../../../../shared/api';
import { useHallStream } from '../../../../shared/hallStream';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { hhmm } from './hallShared';

type ConsoleView = z.infer<typeof C.ConsoleView>;
type Ticket = z.infer<typeof C.ConsoleTicket>;
type MyWindows = z.infer<typeof C.MyWindows>;

const STATUS: Record<Ticket['status'], { label: string; color: string }> = {
  waiting: { label: '等候中', color: 'default' },
  called: { label: '已叫号，等候到窗', color: 'blue' },
  serving: { label: '办理中', color: 'green' },
  done: { label: '已办结', color: 'default' },
  no_show: { label: '过号未到', color: 'red' },
  cancelled: { label: '已取消', color: 'default' },
};
const REASON: Record<string, string> = { elderly: '老年人', disabled: '残疾人', veteran: '军人/退役军人', pregnant: '孕妇', appointment: '预约' };
const WINDOW_KEY = 'bm.console.window';

/** 窗口叫号: choose my window, sign in, call / recall / skip / serve / finish / transfer / pause. */
export default function ConsolePage() {
  const windows = useLoad((signal) => api.get<MyWindows>('/queue/my-windows', undefined, { signal }), []);
  const [picked, setPicked] = useState<string | undefined>(() => localStorage.getItem(WINDOW_KEY) ?? undefined);
  const items = windows.data?.items ?? [];
  const windowId = items.find((w) => w.id === picked)?.id ?? items.find((w) => w.mine)?.id ?? items[0]?.id;
  useEffect(() => {
    if (windowId) localStorage.setItem(WINDOW_KEY, windowId);
  }, [windowId]);

  return (
    <>
      <PageHeader
        title="窗口叫号"
        extra={
          <Select
            aria-label="我的窗口"
            style={{ minWidth: 260 }}
            loading={windows.loading}
            value={windowId}
            onChange={setPicked}
            placeholder="选择窗口"
            options={items.map((w) => ({
              value: w.id,
              label: `${items.some((x) => x.centerId !== w.centerId) ? `${w.centerName} · ` : ''}${w.number}号 ${w.name}${w.occupiedBy ? `（${w.mine ? '我' : w.occupiedBy}已签到）` : ''}`,
            }))}
          />
        }
      />
      {windows.error && <Alert type="error" showIcon title={windows.error.message} />}
      {windows.loading && !windows.data ? <Skeleton active /> : windowId ? <Console key={windowId} windowId={windowId} onChanged={windows.reload} /> : <Empty description="您没有可签到的窗口" />}
    </>
  );
}

function Console({ windowId, onChanged }: { windowId: string; onChanged: () => void }) {
  const view = useLoad((signal) => api.get<ConsoleView>(`/queue/windows/${windowId}/console`, undefined, { signal }), [windowId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [pauseOpen, setPauseOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  const reload = view.reload;

  // Live: every hall event of the center (another window's call, a new ticket, a transfer to me)
  // re-reads the view; window events also refresh who is signed in where. Without a stream
  // (proxy, network), fall back to reading every 15 s.
  const onEvent = useCallback(
    (type: string) => {
      if (type === 'snapshot') return;
      reload();
      if (type.startsWith('window.')) onChanged();
    },
    [reload, onChanged],
  );
  useHallStream(view.data?.window.centerId, onEvent, 15_000);

  const run = async (key: string, fn: () => Promise<unknown>, ok?: string) => {
    setBusy(key);
    try {
      const r = (await fn()) as { ticket?: Ticket | null } | undefined;
      if (key === 'call' && r && r.ticket === null) void message.info('当前没有等候的号');
      else if (ok) void message.success(ok);
      view.reload();
      if (key === 'signin' || key === 'signout') onChanged();
      return true;
    } catch (e) {
      showError(e);
      view.reload();
      return false;
    } finally {
      setBusy(null);
    }
  };

  const v = view.data;
  if (view.error && !v) return <Alert type="error" showIcon title={view.error.message} />;
  if (!v) return <Skeleton active />;
  const cur = v.current;
  const paused = !!v.session?.pausedAt;
  const t = (path: string) => (cur ? api.post(`/queue/tickets/${cur.id}/${path}`, { version: cur.version }) : Promise.resolve());

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>
              {v.window.centerName} · {v.window.number}号窗口 {v.window.name}
            </Typography.Text>
            {v.session ? (
              <Tag color={paused ? 'orange' : 'green'}>
                {paused ? `暂停服务：${v.session.pauseReason ?? ''}` : `${v.session.userName} ${hhmm(v.session.signedInAt)} 签到`}
              </Tag>
            ) : (
              <Tag>未签到</Tag>
            )}
          </Space>
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={view.reload} loading={view.loading}>
              刷新
            </Button>
            {!v.session && (
              <Button type="primary" loading={busy === 'signin'} onClick={() => void run('signin', () => api.post(`/queue/windows/${windowId}/sign-in`), '已签到')}>
                签到
              </Button>
            )}
            {v.mine && !paused && (
              <Button loading={busy === 'pause'} onClick={() => setPauseOpen(true)}>
                暂停服务
              </Button>
            )}
            {v.mine && paused && (
              <Button type="primary" loading={busy === 'resume'} onClick={() => void run('resume', () => api.post(`/queue/windows/${windowId}/resume`), '已恢复服务')}>
                恢复服务
              </Button>
            )}
            {v.mine && (
              <Button danger loading={busy === 'signout'} onClick={() => void run('signout', () => api.post(`/queue/windows/${windowId}/sign-out`), '已签退')}>
                签退
              </Button>
            )}
          </Space>
        </Space>
      </Card>

      {v.session && !v.mine && <Alert type="info" showIcon title={`该窗口由${v.session.userName}签到中，您可查看但不能叫号`} />}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="当前号" className="bm-console-current">
            {cur ? (
              <div style={{ textAlign: 'center' }}>
                <div style={{ fontSize: 64, fontWeight: 700, lineHeight: 1.1, letterSpacing: 2 }} data-testid="current-code">
                  {cur.code}
                </div>
                <Space wrap style={{ justifyContent: 'center', marginTop: 8 }}>
                  <Tag>{cur.categoryName}</Tag>
                  <Tag color={STATUS[cur.status].color}>{STATUS[cur.status].label}</Tag>
                  {cur.priority && <Tag color="gold">绿色通道 · {REASON[cur.reason ?? ''] ?? ''}</Tag>}
                  {cur.recalls > 0 && <Tag color="orange">已重呼 {cur.recalls} 次</Tag>}
                  {cur.caseNo && (
                    <Tag color="purple" icon={<LinkOutlined />}>
                      {cur.caseNo}
                    </Tag>
                  )}
                </Space>
                <div style={{ marginTop: 4, color: 'rgba(0,0,0,0.45)' }}>
                  取号 {hhmm(cur.queuedAt)} · 叫号 {hhmm(cur.calledAt)}
                  {cur.servingAt ? ` · 开始办理 ${hhmm(cur.servingAt)}` : ''}
                </div>
              </div>
            ) : (
              <Empty description={v.mine ? (paused ? '暂停服务中' : '点“叫号”呼叫下一位') : '签到后可叫号'} />
            )}
            <Space wrap style={{ marginTop: 16, justifyContent: 'center', width: '100%' }}>
              <Button type="primary" size="large" disabled={!v.mine || paused || !!cur} loading={busy === 'call'} onClick={() => void run('call', () => api.post(`/queue/windows/${windowId}/call-next`))}>
                叫号
              </Button>
              <Button size="large" disabled={!v.mine || cur?.status !== 'called'} loading={busy === 'recall'} onClick={() => void run('recall', () => t('recall'))}>
                重呼
              </Button>
              <Button size="large" disabled={!v.mine || cur?.status !== 'called'} loading={busy === 'skip'} onClick={() => void run('skip', () => t('skip'), '已过号')}>
                过号
              </Button>
              <Button size="large" disabled={!v.mine || cur?.status !== 'called'} loading={busy === 'start'} onClick={() => void run('start', () => t('start'))}>
                开始办理
              </Button>
              <Button size="large" type="primary" ghost disabled={!v.mine || cur?.status !== 'serving'} loading={busy === 'finish'} onClick={() => void run('finish', () => t('finish'), '办理完毕')}>
                办理完毕
              </Button>
              <Button size="large" disabled={!v.mine || !cur} onClick={() => setTransferOpen(true)}>
                转移
              </Button>
            </Space>
            <Space wrap style={{ marginTop: 12, justifyContent: 'center', width: '100%' }}>
              <Link to="/workbench/cases/window">受理办件</Link>
              <Button type="link" disabled={!cur} onClick={() => setLinkOpen(true)}>
                关联办件
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="今日">
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title="已办结" value={v.servedToday} />
              </Col>
              <Col span={12}>
                <Statistic title="已叫号 / 限号" value={v.calledToday} suffix={v.window.dailyCap ? `/ ${v.window.dailyCap}` : ''} />
              </Col>
            </Row>
          </Card>
          <Card title="等候人数" style={{ marginTop: 16 }}>
            {v.targetedWaiting > 0 && (
              <div style={{ marginBottom: 8 }}>
                <Tag color="blue">转来本窗口 {v.targetedWaiting} 人</Tag>
              </div>
            )}
            {v.categories.length === 0 ? (
              <Empty description="本窗口未配置业务类别" />
            ) : (
              v.categories.map((c) => (
                <div key={c.id} style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }}>
                  <span>
                    <Tag>{c.prefix}</Tag>
                    {c.name}
                  </span>
                  <span>
                    <Typography.Text strong>{c.waiting}</Typography.Text> 人{c.priorityWaiting > 0 && <Tag color="gold" style={{ marginLeft: 8 }}>绿色通道 {c.priorityWaiting}</Tag>}
                  </span>
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>

      <PauseModal open={pauseOpen} onClose={() => setPauseOpen(false)} onSubmit={(reason) => run('pause', () => api.post(`/queue/windows/${windowId}/pause`, { reason }), '已暂停服务')} />
      {cur && <TransferModal open={transferOpen} view={v} ticket={cur} onClose={() => setTransferOpen(false)} onSubmit={(body) => run('transfer', () => api.post(`/queue/tickets/${cur.id}/transfer`, { version: cur.version, ...body }), '已转移')} />}
      {cur && <LinkModal open={linkOpen} onClose={() => setLinkOpen(false)} onSubmit={(caseId) => run('link', () => api.post(`/queue/tickets/${cur.id}/link`, { version: cur.version, caseId }), '已关联办件')} />}
    </Space>
  );
}

function PauseModal({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title="暂停服务"
      okText="暂停"
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then(async (v) => {
          setBusy(true);
          const ok = await onSubmit(v.reason);
          setBusy(false);
          if (ok) onClose();
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ reason: '临时离开' }}>
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写暂停原因' }]}>
          <Select options={['临时离开', '午休', '业务培训', '系统故障'].map((x) => ({ value: x, label: x }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TransferModal({ open, view, ticket, onClose, onSubmit }: { open: boolean; view: ConsoleView; ticket: Ticket; onClose: () => void; onSubmit: (b: { categoryId?: string; windowId?: string }) => Promise<boolean> }) {
  const [form] = Form.useForm<{ to: 'category' | 'window'; categoryId?: string; windowId?: string }>();
  const [busy, setBusy] = useState(false);
  const to = Form.useWatch('to', form) ?? 'window';
  return (
    <Modal
      open={open}
      title={`转移 ${ticket.code}`}
      okText="转移"
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then(async (v) => {
          setBusy(true);
          const ok = await onSubmit(v.to === 'window' ? { windowId: v.windowId } : { categoryId: v.categoryId });
          setBusy(false);
          if (ok) onClose();
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ to: 'window' }}>
        <Form.Item name="to" label="转往">
          <Radio.Group options={[{ value: 'window', label: '其他窗口（保留号码，优先呼叫）' }, { value: 'category', label: '其他业务类别（按该类别重新编号）' }]} />
        </Form.Item>
        {to === 'window' ? (
          <Form.Item name="windowId" label="窗口" rules={[{ required: true, message: '请选择窗口' }]}>
            <Select options={view.otherWindows.map((w) => ({ value: w.id, label: `${w.number}号 ${w.name}` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="categoryId" label="业务类别" rules={[{ required: true, message: '请选择业务类别' }]}>
            <Select options={view.centerCategories.filter((c) => c.id !== ticket.categoryId).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function LinkModal({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (caseId: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ caseNo: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  return (
    <Modal
      open={open}
      title="关联办件"
      okText="关联"
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then(async (v) => {
          setBusy(true);
          try {
            // Resolve the case number to its id through the cases list (scope applies).
            const r = await api.get<{ items: { id: string; caseNo: string }[] }>('/cases', { view: 'all', q: v.caseNo.trim() });
            const hit = r.items.find((c) => c.caseNo === v.caseNo.trim());
            if (!hit) {
              form.setFields([{ name: 'caseNo', errors: ['未找到该办件编号（须为本中心的办件）'] }]);
              return;
            }
            if (await onSubmit(hit.id)) onClose();
          } catch (e) {
            showError(e, form);
          } finally {
            setBusy(false);
          }
        })
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="caseNo" label="办件编号" rules={[{ required: true, message: '请输入办件编号' }]}>
          <Input placeholder="受理后生成的办件编号" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
