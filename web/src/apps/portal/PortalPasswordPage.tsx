import { Card } from 'antd';
import { useNavigate } from 'react-router';
import { ChangePasswordForm } from '../../shared/ChangePasswordForm';
import { usePageTitle } from '../../shared/title';
import { RequireLogin } from './RequireLogin';

export default function PortalPasswordPage() {
  usePageTitle('修改密码 - 网上办事大厅');
  const navigate = useNavigate();
  return (
    <RequireLogin>
      <div className="bm-portal-page">
        <Card title="修改密码">
          <ChangePasswordForm onDone={() => navigate('/portal/me')} />
        </Card>
      </div>
    </RequireLogin>
  );
}
