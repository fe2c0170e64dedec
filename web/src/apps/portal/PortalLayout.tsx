import { HomeOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../../shared/auth';
import { PageLoading } from '../../shared/feedback';
import './portal.css';

/** The citizen portal's frame: a slim top bar, the page, and a bottom tab bar on phones. */
export default function PortalLayout() {
  const { me } = useAuth();
  return (
    <div className="bm-portal">
      <header className="bm-portal-top">
        <Link to="/portal" className="bm-portal-brand">
          <span className="bm-portal-logo">便</span>
          <span className="bm-portal-title">网上办事大厅</span>
        </Link>
        <nav className="bm-portal-top-nav" aria-label="账号">
          {me === undefined ? null : me ? (
            <>
              {me.user.kind === 'staff' && (
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
              <Link to="/portal/register" className="bm-portal-top-btn">
                注册
              </Link>
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
        <NavLink to="/portal" end className={({ isActive }) => (isActive ? 'active' : undefined)}>
          <HomeOutlined />
          <span>首页</span>
        </NavLink>
        <NavLink to="/portal/search" className={({ isActive }) => (isActive ? 'active' : undefined)}>
          <SearchOutlined />
          <span>查事项</span>
        </NavLink>
        <NavLink to="/portal/me" className={({ isActive }) => (isActive ? 'active' : undefined)}>
          <UserOutlined />
          <span>我的</span>
        </NavLink>
      </nav>
    </div>
  );
}
