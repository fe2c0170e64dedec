import { Alert, Card } from 'antd';
import { useNavigate } from 'react-router';
import { ChangePasswordForm } from '../../../shared/ChangePasswordForm';
import { useMe } from '../../../shared/auth';
import { PageHeader } from '../../../shared/PageHeader';

export default function PasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="修改密码" />
      <Card>
        {me.user.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="请先修改密码"
            description="您的密码为初始密码、已被重置或已过期，修改后才能继续使用工作台。"
          />
        )}
        <ChangePasswordForm onDone={() => navigate('/workbench')} />
      </Card>
    </>
  );
}
