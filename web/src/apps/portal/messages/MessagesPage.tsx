import { BellOutlined, CheckOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../shared/api';
import { fmtRelative } from '../../../shared/format';
import { useLoad, useShowError } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import { RequireLogin } from '../RequireLogin';
import { setUnread, type Message, type MessageList } from './unread';

/** 消息: the signed-in person's notifications (办件进度提醒), newest first; opening one marks it read. */
function Messages() {
  usePageTitle('我的消息 - 网上办事大厅');
  const showError = useShowError();
  const r = useLoad(async (signal) => {
    const list = await api.get<MessageList>('/notifications', undefined, { signal });
    setUnread(list.unread);
    return list;
  }, []);
  const [open, setOpen] = useState<string | null>(null);
  const [marking, setMarking] = useState(false);

  const markRead = async (ids: string[]) => {
    if (!r.data || ids.length === 0) return;
    await api.post<{ updated: number }>('/notifications/read', { ids });
    const set = new Set(ids);
    const items = r.data.items.map((m) => (set.has(m.id) ? { ...m, read: true } : m));
    const unread = Math.max(0, r.data.unread - r.data.items.filter((m) => set.has(m.id) && !m.read).length);
    r.setData({ unread, items });
    setUnread(unread);
  };

  const openMessage = (m: Message) => {
    setOpen(open === m.id ? null : m.id);
    if (!m.read) markRead([m.id]).catch(showError);
  };

  const unreadIds = r.data?.items.filter((m) => !m.read).map((m) => m.id) ?? [];

  return (
    <div className="bm-portal-page bm-messages">
      <header className="bm-list-head">
        <h1>我的消息</h1>
        <span className="bm-messages-count">{r.data ? (r.data.unread > 0 ? `${r.data.unread} 条未读` : '没有未读消息') : ''}</span>
        <Button
          className="bm-messages-all"
          icon={<CheckOutlined />}
          disabled={unreadIds.length === 0}
          loading={marking}
          onClick={() => {
            setMarking(true);
            markRead(unreadIds)
              .catch(showError)
              .finally(() => setMarking(false));
          }}
        >
          全部已读
        </Button>
      </header>
      {r.error ? (
        <Alert
          type="error"
          showIcon
          title="消息加载失败"
          description={r.error.message}
          action={
            <Button size="small" onClick={r.reload}>
              重试
            </Button>
          }
        />
      ) : !r.data ? (
        <div className="bm-portal-section flat">
          <Skeleton active paragraph={{ rows: 4 }} />
        </div>
      ) : r.data.items.length === 0 ? (
        <div className="bm-portal-section flat">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有消息。办件受理、需要补正、办结时，会在这里通知您。" />
        </div>
      ) : (
        <ul className="bm-message-list">
          {r.data.items.map((m) => (
            <li key={m.id} className={`bm-message${m.read ? '' : ' unread'}${open === m.id ? ' open' : ''}`} data-testid="message">
              <button type="button" className="bm-message-head" onClick={() => openMessage(m)} aria-expanded={open === m.id}>
                <BellOutlined className="bm-message-icon" aria-hidden />
                <span className="bm-message-title">
                  {!m.read && <span className="bm-dot" aria-label="未读" />}
                  {m.title}
                </span>
                <time className="bm-message-time" dateTime={m.createdAt}>
                  {fmtRelative(m.createdAt)}
                </time>
              </button>
              <div className="bm-message-body">{m.body}</div>
              {m.caseId && (
                <Link to={`/portal/me/cases/${m.caseId}`} className="bm-message-link">
                  查看办件 <RightOutlined />
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default function MessagesPage() {
  return (
    <RequireLogin>
      <Messages />
    </RequireLogin>
  );
}
