import { CloudUploadOutlined, FileSearchOutlined, HomeOutlined, LeftOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../../shared/feedback';
import { NotFoundPage } from '../../shared/NotFound';
import { AgentContext, type AgentContextValue } from './context';
import { agencyApi, resolveSession, useCached, type Session } from './data';
import { HomeScreen } from './HomeScreen';
import { MandateDetailScreen } from './MandateDetailScreen';
import { MandatesScreen } from './MandatesScreen';
import { NewMatterScreen } from './NewMatterScreen';
import { linkManifest, registerServiceWorker } from './pwa';
import { cacheKeys } from './store';
import { engine, useEngine } from './sync';
import { SyncScreen } from './SyncScreen';
import './agent.css';

const TITLES: [RegExp, string][] = [
  [/^\/agent\/new/, '新登记代办'],
  [/^\/agent\/sync/, '待同步'],
  [/^\/agent\/mandates\/.+/, '代办详情'],
  [/^\/agent\/mandates/, '我的代办'],
];

/**
 * 便民代办: the village agent's phone app (installable PWA, works offline). One chunk with all its
 * screens, so once opened it can be used without a network; the portal never loads it.
 */
export default function AgentApp() {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const { online } = useEngine();

  useEffect(() => {
    let alive = true;
    void resolveSession().then((s) => alive && setSession(s));
    return () => {
      alive = false;
    };
  }, []);

  // Back online after starting offline: check the session now (an expired one asks to sign in again).
  const offlineReady = session.status === 'ready' && session.offline;
  useEffect(() => {
    if (!online || !offlineReady) return;
    let alive = true;
    void resolveSession().then((s) => {
      if (!alive) return;
      if (s.status === 'ready') setSession(s);
      else if (s.status === 'login') engine.sessionEnded();
    });
    return () => {
      alive = false;
    };
  }, [online, offlineReady]);

  useEffect(() => linkManifest(), []);
  useEffect(() => registerServiceWorker(() => engine.setAppCached(true)), []);
  useEffect(() => {
    const before = document.title;
    document.title = '便民代办 - 村代办员工作台';
    return () => {
      document.title = before;
    };
  }, []);

  const userId = session.status === 'ready' ? session.profile.userId : null;
  useEffect(() => {
    if (!userId) return;
    engine.start(userId);
    if (session.status === 'ready' && !session.offline) engine.signedIn();
    return () => engine.stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);

  if (session.status === 'loading') return <PageLoading full />;
  if (session.status === 'login') return <Navigate to="/login?redirect=%2Fagent" replace />;
  if (session.status === 'not-agent') {
    return (
      <Notice title="便民代办仅供村代办员使用" text={`${session.displayName}，您的账号没有代办员角色。`}>
        <Link to="/workbench">
          <Button type="primary" size="large">
            进入工作台
          </Button>
        </Link>
      </Notice>
    );
  }
  if (session.status === 'offline-first') {
    return (
      <Notice title="首次使用请联网登录" text="登录一次并下载代办事项清单后，没有网络也能登记代办事项。">
        <Button type="primary" size="large" onClick={() => window.location.reload()}>
          联网后重试
        </Button>
      </Notice>
    );
  }
  return <AgentShell profile={session.profile} offlineSession={session.offline} />;
}

/** A full-screen message (antd's Result would add its illustrations to the first load). */
function Notice({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  return (
    <div className="bm-agent-notice" role="alert">
      <span className="bm-agent-logo" aria-hidden>
        代
      </span>
      <h1>{title}</h1>
      <p>{text}</p>
      {children}
    </div>
  );
}

function AgentShell({ profile, offlineSession }: { profile: AgentContextValue['profile']; offlineSession: boolean }) {
  const { online, entries } = useEngine();
  const items = useCached(cacheKeys.items(profile.userId), (signal) => agencyApi.items(signal), [online]);
  const value = useMemo<AgentContextValue>(() => ({ profile, offlineSession, items }), [profile, offlineSession, items]);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const title = TITLES.find(([re]) => re.test(pathname))?.[1] ?? '便民代办';
  const home = pathname === '/agent' || pathname === '/agent/';

  return (
    <AgentContext.Provider value={value}>
      <div className="bm-agent">
        <header className="bm-agent-top">
          {home ? (
            <span className="bm-agent-logo" aria-hidden>
              代
            </span>
          ) : (
            <Button type="text" className="bm-agent-back" icon={<LeftOutlined />} aria-label="返回" onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/agent'))} />
          )}
          <h1 className="bm-agent-title">{title}</h1>
          <span className={`bm-agent-net ${online ? 'on' : 'off'}`} data-testid="net-state">
            {online ? '在线' : '离线'}
          </span>
        </header>
        <main className="bm-agent-main">
          <Routes>
            <Route index element={<HomeScreen />} />
            <Route path="new" element={<NewMatterScreen />} />
            <Route path="sync" element={<SyncScreen />} />
            <Route path="mandates" element={<MandatesScreen />} />
            <Route path="mandates/:id" element={<MandateDetailScreen />} />
            <Route path="*" element={<NotFoundPage home="/agent" />} />
          </Routes>
        </main>
        <nav className="bm-agent-tabbar" aria-label="底部导航">
          <NavLink to="/agent" end>
            <HomeOutlined />
            <span>首页</span>
          </NavLink>
          <NavLink to="/agent/new">
            <PlusCircleOutlined />
            <span>新登记</span>
          </NavLink>
          <NavLink to="/agent/mandates">
            <FileSearchOutlined />
            <span>我的代办</span>
          </NavLink>
          <NavLink to="/agent/sync">
            <Badge count={entries.length} size="small" offset={[6, -2]}>
              <CloudUploadOutlined />
            </Badge>
            <span>待同步</span>
          </NavLink>
        </nav>
      </div>
    </AgentContext.Provider>
  );
}
