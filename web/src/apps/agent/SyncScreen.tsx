import { CloudUploadOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Tag } from 'antd';
import useApp from 'antd/es/app/useApp';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { fmtRelative } from '../../shared/format';
import { useAgent } from './context';
import { loadDraft, photoCount, type OutboxEntry } from './store';
import { engine, useEngine } from './sync';
import { SyncBanner } from './SyncBanner';

function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}

function EntryState({ e, sending, online, now }: { e: OutboxEntry; sending: boolean; online: boolean; now: number }) {
  if (sending) return <Tag color="processing">正在提交</Tag>;
  if (e.state === 'conflict') return <Tag color="error">需处理</Tag>;
  if (!online) return <Tag color="warning">离线待同步</Tag>;
  if (e.attempts > 0 && e.nextTryAt > now) return <Tag color="warning">{Math.ceil((e.nextTryAt - now) / 1000)} 秒后重试</Tag>;
  return <Tag color="blue">等待同步</Tag>;
}

/** Every matter waiting on this phone with its state, and what was synced lately. */
export function SyncScreen() {
  const { profile } = useAgent();
  const s = useEngine();
  const { modal, message } = useApp();
  const navigate = useNavigate();
  const just = (useLocation().state as { just?: string } | null)?.just;
  const now = useNow(1000);

  const edit = async (e: OutboxEntry) => {
    const draft = await loadDraft(profile.userId).catch(() => undefined);
    const open = () => navigate(`/agent/new?edit=${e.clientId}`);
    if (draft && draft.item && draft.clientId !== e.clientId) {
      modal.confirm({
        title: '替换未完成的登记？',
        content: `本机还有一件未完成的登记（${draft.villager.name || '未填姓名'} · ${draft.item.name}），修改这件会替换它。`,
        okText: '替换并修改',
        cancelText: '取消',
        onOk: open,
      });
    } else open();
  };

  const remove = (e: OutboxEntry) =>
    modal.confirm({
      title: '删除这件登记？',
      content: `${e.villager.name} · ${e.item.name}：删除后不会提交到镇/县，本机的签名和照片也一并删除。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '保留',
      onOk: async () => {
        await engine.remove(e.clientId);
        message.success('已删除');
      },
    });

  const waiting = s.entries.filter((e) => e.state === 'waiting').length;

  return (
    <div className="bm-agent-page">
      <SyncBanner showLinks={false} />
      {s.online && waiting > 0 && !s.syncing && (
        <Button type="primary" size="large" block icon={<CloudUploadOutlined />} onClick={() => void engine.syncNow({ force: true })}>
          立即同步
        </Button>
      )}

      <h2 className="bm-agent-h2">本机待同步（{s.entries.length}）</h2>
      {s.loaded && s.entries.length === 0 && (
        <section className="bm-agent-card">
          <Empty description="没有待同步的登记" />
        </section>
      )}
      {s.entries.map((e) => (
        <section key={e.clientId} className={`bm-agent-card bm-agent-entry${e.clientId === just ? ' just' : ''}`} data-testid="outbox-entry" data-state={e.state}>
          <div className="bm-agent-entry-head">
            <span className="bm-agent-strong">{e.villager.name}</span>
            <EntryState e={e} sending={s.sending === e.clientId} online={s.online} now={now} />
          </div>
          <div>{e.item.name}</div>
          <div className="bm-agent-muted">
            登记于 {dayjs(e.collectedAt).format('M月D日 HH:mm')} · 委托{e.consent.method === 'signature' ? '已签名' : '已拍照'} · 材料照片 {photoCount(e)} 张
          </div>
          {e.lastError && e.state === 'conflict' && (
            <Alert
              type="error"
              showIcon
              className="bm-agent-alert"
              title={e.lastError.message}
              description={
                e.lastError.fields && e.lastError.fields.length > 1 ? (
                  <ul className="bm-agent-errors">
                    {e.lastError.fields.map((f, i) => (
                      <li key={i}>{f.message}</li>
                    ))}
                  </ul>
                ) : (
                  '请修改后重新提交，或删除这件登记。'
                )
              }
            />
          )}
          {e.lastError && e.state === 'waiting' && (
            <div className="bm-agent-warn-text">
              上次尝试（{fmtRelative(e.lastError.at)}）：{e.lastError.message}
            </div>
          )}
          <div className="bm-agent-entry-actions">
            {e.state === 'conflict' && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => void edit(e)}>
                修改后重新提交
              </Button>
            )}
            <Button danger icon={<DeleteOutlined />} disabled={s.sending === e.clientId} onClick={() => remove(e)}>
              删除
            </Button>
          </div>
        </section>
      ))}

      {s.history.length > 0 && (
        <>
          <h2 className="bm-agent-h2">最近已同步</h2>
          {s.history.slice(0, 10).map((h) => (
            <section key={h.clientId} className="bm-agent-card bm-agent-entry" data-testid="synced-entry">
              <div className="bm-agent-entry-head">
                <span className="bm-agent-strong">{h.villagerName}</span>
                {h.submitError ? <Tag color="warning">已登记，未提交</Tag> : <Tag color="success">已同步</Tag>}
              </div>
              <div>{h.itemName}</div>
              <div className="bm-agent-muted">
                {fmtRelative(h.syncedAt)}同步{h.caseNo ? ` · 办件编号 ${h.caseNo}` : ''}
                {h.replayed ? ' · 此前已送达' : ''}
              </div>
              {h.submitError && <Alert type="warning" showIcon className="bm-agent-alert" title={h.submitError.message} description="镇/县已收到登记，但未能生成办件。请在「我的代办」中查看并处理。" />}
              <Link to={`/agent/mandates/${h.mandateId}`}>查看办理进度 ›</Link>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
