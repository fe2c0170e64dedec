import { CheckCircleOutlined, CloudUploadOutlined, DisconnectOutlined, ExclamationCircleOutlined, LoadingOutlined, LockOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { engine, useEngine } from './sync';

type Tone = 'ok' | 'info' | 'warn' | 'error';

/** The one line that says what is waiting to sync: shown on the home and sync screens. */
export function SyncBanner({ showLinks = true }: { showLinks?: boolean }) {
  const s = useEngine();
  const waiting = s.entries.filter((e) => e.state === 'waiting').length;
  const conflicts = s.entries.filter((e) => e.state === 'conflict').length;
  const total = waiting + conflicts;

  let tone: Tone;
  let state: string;
  let icon: ReactNode;
  let title: ReactNode;
  let detail: ReactNode = null;
  let action: ReactNode = null;

  if (!s.loaded) {
    [tone, state, icon, title] = ['info', 'loading', <LoadingOutlined />, '正在读取本机保存的登记…'];
  } else if (s.storageError) {
    [tone, state, icon, title] = ['error', 'storage', <ExclamationCircleOutlined />, '本机无法保存数据'];
    detail = `${s.storageError}。请退出无痕/隐私模式，或换用手机自带浏览器、Chrome 打开。`;
  } else if (s.needLogin) {
    [tone, state, icon, title] = ['error', 'login', <LockOutlined />, '登录已过期，请重新登录后继续同步'];
    detail = total > 0 ? `已登记的 ${total} 件保存在本机，不会丢失。` : null;
    action = (
      <Button type="primary" href="/login?redirect=%2Fagent">
        重新登录
      </Button>
    );
  } else if (!s.online) {
    [tone, state, icon] = ['warn', 'offline', <DisconnectOutlined />];
    title = total > 0 ? '离线 — 已保存在本机，联网后自动提交' : '离线 — 可以继续登记，联网后自动提交';
    detail = total > 0 ? `有 ${total} 件待同步` : null;
  } else if (conflicts > 0) {
    [tone, state, icon, title] = ['error', 'conflict', <ExclamationCircleOutlined />, `有 ${conflicts} 件需处理`];
    detail = `镇/县未接收，请查看原因后修改或删除${waiting ? `；另有 ${waiting} 件待同步` : ''}。`;
    if (showLinks)
      action = (
        <Link to="/agent/sync">
          <Button danger>去处理</Button>
        </Link>
      );
  } else if (s.syncing) {
    [tone, state, icon, title] = ['info', 'syncing', <LoadingOutlined />, `正在同步… 有 ${waiting} 件待同步`];
  } else if (waiting > 0) {
    [tone, state, icon, title] = ['info', 'waiting', <CloudUploadOutlined />, `有 ${waiting} 件待同步`];
    detail = s.lastProblem ?? '联网时每 30 秒自动提交一次';
    action = <Button onClick={() => void engine.syncNow({ force: true })}>立即同步</Button>;
  } else {
    [tone, state, icon, title] = ['ok', 'synced', <CheckCircleOutlined />, '全部已同步'];
  }

  return (
    <div className={`bm-agent-banner ${tone}`} data-testid="sync-banner" data-state={state} role="status" aria-live="polite">
      <span className="bm-agent-banner-icon">{icon}</span>
      <div className="bm-agent-banner-text">
        <div className="bm-agent-banner-title">{title}</div>
        {detail && <div className="bm-agent-banner-detail">{detail}</div>}
      </div>
      {action}
    </div>
  );
}
