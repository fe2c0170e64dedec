import { DownOutlined, KeyOutlined, LaptopOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Layout, Menu, Result, Space, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { roleText, useAuth } from '../../shared/auth';
import { PageLoading } from '../../shared/feedback';
import { selectedKey, visibleMenu } from './menu';
import './workbench.css';

const { Header, Sider, Content } = Layout;

export default function WorkbenchLayout() {
  const { me, can, logout, signedOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const [broken, setBroken] = useState(false);

  const items = useMemo(() => visibleMenu(can), [can]);
  const menuItems: MenuProps['items'] = useMemo(() => {
    const out: NonNullable<MenuProps['items']> = [];
    const groups = new Map<string, NonNullable<MenuProps['items']>>();
    for (const m of items) {
      const entry = { key: m.key, icon: m.icon, label: <Link to={m.path}>{m.label}</Link> };
      if (!m.group) {
        out.push(entry);
        continue;
      }
      let g = groups.get(m.group);
      if (!g) {
        g = [];
        groups.set(m.group, g);
        out.push({ type: 'group', key: `g-${m.group}`, label: m.group, children: g });
      }
      g.push(entry);
    }
    return out;
  }, [items]);

  if (me === undefined) return <PageLoading full />;
  if (me === null) {
    // Signed out on purpose → the login page; session ended (expired, revoked) → login and come back here.
    return <Navigate to={signedOut ? '/login' : `/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (me.user.kind !== 'staff') {
    return (
      <Result
        status="403"
        title="工作台仅供工作人员使用"
        subTitle="您登录的是群众账号，请前往网上办事大厅办理业务。"
        extra={
          <Link to="/portal">
            <Button type="primary">进入网上办事大厅</Button>
          </Link>
        }
      />
    );
  }
  if (me.user.mustChangePassword && location.pathname !== '/workbench/password') {
    return <Navigate to="/workbench/password" replace />;
  }

  const onLogout = async () => {
    await logout();
    void message.success('已安全退出');
  };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'roles',
        type: 'group',
        label: '我的角色',
        children: me.roles.length
          ? me.roles.map((r, i) => ({ key: `role-${i}`, label: roleText(r), disabled: true, className: 'bm-role-item' }))
          : [{ key: 'role-none', label: '暂无角色', disabled: true }],
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { key: 'sessions', icon: <LaptopOutlined />, label: '我的会话' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/workbench/password');
      else if (key === 'sessions') navigate('/workbench/sessions');
      else if (key === 'logout') void onLogout();
    },
  };

  const firstRole = me.roles[0];

  return (
    <Layout className="bm-wb" style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsedWidth={broken ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(b) => {
          setBroken(b);
          setCollapsed(b);
        }}
        width={208}
        theme="dark"
        // On phones the menu slides over the page from a header button; the default trigger would be
        // clipped by the scrolling sider.
        trigger={broken ? null : undefined}
        className={broken ? 'bm-wb-sider bm-wb-sider-mobile' : 'bm-wb-sider'}
      >
        <Link to="/workbench" className="bm-wb-brand" title="便民服务一体化平台">
          <span className="bm-wb-logo">便</span>
          {!collapsed && <span className="bm-wb-brand-text">便民服务工作台</span>}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedKey(location.pathname)].filter(Boolean)}
          items={menuItems}
          onClick={() => {
            if (broken) setCollapsed(true);
          }}
          aria-label="工作台菜单"
        />
      </Sider>
      {broken && !collapsed && <div className="bm-wb-mask" onClick={() => setCollapsed(true)} aria-hidden />}
      <Layout>
        <Header className="bm-wb-header">
          {broken && (
            <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setCollapsed((c) => !c)} />
          )}
          <div className="bm-wb-header-title">便民服务一体化平台</div>
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button type="text" className="bm-wb-user" aria-label="用户菜单">
              <Space size={8}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
                <span className="bm-wb-user-name">{me.user.displayName}</span>
                {firstRole && (
                  <Tag color="blue" className="bm-wb-user-role" bordered={false}>
                    {roleText(firstRole)}
                    {me.roles.length > 1 ? ` 等 ${me.roles.length} 个角色` : ''}
                  </Tag>
                )}
                <DownOutlined style={{ fontSize: 10 }} />
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content className="bm-wb-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
        <Layout.Footer className="bm-wb-footer">
          <Typography.Text type="secondary">便民服务一体化平台 · 小事不出村、大事有代办、事事有人管</Typography.Text>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
