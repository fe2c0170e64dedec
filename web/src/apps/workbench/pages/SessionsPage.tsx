import { Card } from 'antd';
import { PageHeader } from '../../../shared/PageHeader';
import { SessionList } from '../../../shared/SessionList';

export default function SessionsPage() {
  return (
    <>
      <PageHeader title="我的会话" sub="您的账号当前在以下设备登录；发现陌生设备请立即下线并修改密码。" />
      <Card>
        <SessionList />
      </Card>
    </>
  );
}
