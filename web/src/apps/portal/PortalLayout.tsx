import { BellOutlined, FileTextOutlined, HomeOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense, useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../shared/auth';
import { useElderMode } from '../../shared/elder';
import { PageLoading } from '../../shared/feedback';
import { useUnread } from './messages/unread';
import './portal.css';

const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'active' : undefined);

/**
 * The citizen portal's frame: a slim top bar (with the 长辈模式 switch on every page), the page, and a
 * bottom tab bar on phones (首页 / 查事项 / 办件 / 消息 with the unread count / 我的).
 */
export default function PortalLayout() {
  const { me } = useAuth();
  const { elder, toggle } = useElderMode();
  // The 长辈模式 home is its own chunk: fetch it alongside the page when the mode is on.
  useEffect(() => {
    if (elder) void import('./ElderHome');
  }, [elder]);
  const { pathname } = useLocation();
  const unread = useUnread(!!me, pathname);
  // 我的 covers /portal/me/* except 我的办件, which is the 办件 tab.
  const meTab = (pathname === '/portal/me' || pathname.startsWith('/portal/me/')) && !pathname.startsWith('/portal/me/cases');
  const badge = unread ? (unread > 99 ? '99+' : String(unread)) : null;
  return (
    <div className={`bm-portal${elder ? ' bm-elder' : ''}`}>
      <header className="bm-portal-top">
        <Link to="/portal" className="bm-portal-brand" aria-label="网上办事大厅首页">
          <span className="bm-portal-logo">便</span>
          <span className="bm-portal-title">{elder ? '办事大厅' : '网上办事大厅'}</span>
        </Link>
        <nav className="bm-portal-top-nav" aria-label="账号">
          <button
            type="button"
            className="bm-elder-switch"
            onClick={toggle}
            aria-pressed={elder}
            title={elder ? '切换回标准模式' : '字更大、步骤更少'}
            data-testid="elder-switch"
          >
            {elder ? '标准模式' : '长辈模式'}
          </button>
          {me === undefined ? null : me ? (
            <>
              {me.user.kind === 'staff' && !elder && (
                <Link to="/workbench" className="bm-portal-top-link">
                  工作台
                </Link>
              )}
              <Link to="/portal/me" className="bm-portal-top-link bm-portal-top-user">
                <UserOutlined /> <span className="bm-ellipsis">{me.user.displayName}</span>
              </Link>
            </>
          ) : (
            <>
              <Link to="/login?redirect=%2Fportal%2Fme" className="bm-portal-top-link">
                登录
              </Link>
              {!elder && (
                <Link to="/portal/register" className="bm-portal-top-btn">
                  注册
                </Link>
              )}
            </>
          )}
        </nav>
      </header>
      <main className="bm-portal-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="bm-portal-foot">便民服务一体化平台 · 让数据多跑路，让群众少跑腿</footer>
      <nav className="bm-portal-tabbar" aria-label="底部导航">
        <NavLink to="/portal" end className={tabClass}>
          <HomeOutlined />
          <span>首页</span>
        </NavLink>
        <NavLink to="/portal/search" className={tabClass}>
          <SearchOutlined />
          <span>查事项</span>
        </NavLink>
        <NavLink to="/portal/me/cases" className={tabClass}>
          <FileTextOutlined />
          <span>办件</span>
        </NavLink>
        <NavLink to="/portal/messages" className={tabClass} aria-label={badge ? `消息，${unread} 条未读` : '消息'}>
          <span className="bm-tab-icon">
            <BellOutlined />
            {badge && (
              <span className="bm-tab-badge" data-testid="unread-badge">
                {badge}
              </span>
            )}
          </span>
          <span>消息</span>
        </NavLink>
        <NavLink to="/portal/me" className={() => (meTab ? 'active' : undefined)}>
          <UserOutlined />
          <span>我的</span>
        </NavLink>
      </nav>
    </div>
  );
}
