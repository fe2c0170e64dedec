import {
  CalendarOutlined,
  CommentOutlined,
  FieldNumberOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FormOutlined,
  KeyOutlined,
  LogoutOutlined,
  RightOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Avatar, Button, Card, Descriptions, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth';
import { usePageTitle } from '../../shared/title';
import { SessionList } from '../../shared/SessionList';
import { RequireLogin } from './RequireLogin';

/** The rows of 我的, in order: who sees each (citizens, staff or everyone). */
const ROWS: { to: string; icon: ReactNode; label: string; who: 'citizen' | 'staff' | 'all' }[] = [
  { to: '/portal/me/cases', icon: <FileDoneOutlined />, label: '我的办件', who: 'citizen' },
  { to: '/portal/me/consultations', icon: <CommentOutlined />, label: '我的咨询', who: 'citizen' },
  { to: '/portal/me/applications', icon: <FormOutlined />, label: '我的申报', who: 'citizen' },
  { to: '/portal/me/appointments', icon: <CalendarOutlined />, label: '我的预约', who: 'citizen' },
  { to: '/portal/queue', icon: <FieldNumberOutlined />, label: '我的排号', who: 'citizen' },
  { to: '/portal/track', icon: <FileSearchOutlined />, label: '办件查询', who: 'all' },
  { to: '/portal/me/password', icon: <KeyOutlined />, label: '修改密码', who: 'all' },
  { to: '/workbench', icon: <UserOutlined />, label: '进入工作台', who: 'staff' },
];

function MeContent() {
  const { me, logout } = useAuth();
  const { message } = App.useApp();
  if (!me) return null;
  const u = me.user;

  const onLogout = async () => {
    await logout();
    void message.success('已安全退出');
  };

  return (
    <div className="bm-portal-page">
      <Card>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, minWidth: 0 }}>
          <Avatar size={52} icon={<UserOutlined />} style={{ background: '#1677ff', flex: 'none' }} />
          <div style={{ minWidth: 0 }}>
            <div style={{ fontSize: 18, fontWeight: 600 }} className="bm-ellipsis">
              {u.displayName}
            </div>
            <Tag color={u.kind === 'citizen' ? 'green' : 'blue'} style={{ marginTop: 4 }}>
              {u.kind === 'citizen' ? '已实名注册' : '工作人员'}
            </Tag>
          </div>
        </div>
      </Card>
      <Card title="个人信息" size="small">
        <Descriptions column={1} size="small" styles={{ label: { width: 84 } }}>
          <Descriptions.Item label="姓名">{u.displayName}</Descriptions.Item>
          <Descriptions.Item label="身份证号">
            <span data-testid="id-masked">{u.idNumberMasked ?? '未登记'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="手机号">
            <span data-testid="phone-masked">{u.phoneMasked ?? '未登记'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="登录账号">
            <span style={{ wordBreak: 'break-all' }}>{u.username}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        {ROWS.filter((r) => r.who === 'all' || r.who === u.kind).map((r) => (
          <Link key={r.to} to={r.to} className="bm-portal-row">
            {r.icon} <span>{r.label}</span>
            <RightOutlined className="bm-portal-row-arrow" />
          </Link>
        ))}
      </Card>
      <Card title="登录设备" size="small">
        <SessionList />
      </Card>
      <Card size="small">
        <Button danger block icon={<LogoutOutlined />} onClick={() => void onLogout()}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}

export default function MePage() {
  usePageTitle('我的 - 网上办事大厅');
  return (
    <RequireLogin>
      <MeContent />
    </RequireLogin>
  );
}
