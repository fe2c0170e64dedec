import { FormOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { mayApplyOnline } from '../../../../../src/modules/applications/applications.rules';
import type { OnlineLevel } from '../../../../../src/modules/catalog/catalog.rules';
import './apply-button.css';

/** 在线申报 on a guide whose online level allows it; guests sign in first and come back to the form. */
export function ApplyButton({ itemId, onlineLevel }: { itemId: string; onlineLevel: OnlineLevel }) {
  const navigate = useNavigate();
  if (!mayApplyOnline(onlineLevel)) return null;
  return (
    <Button
      type="primary"
      size="large"
      block
      icon={<FormOutlined />}
      className="bm-apply-button"
      style={{ marginBottom: 8, height: 44, fontSize: 16 }}
      onClick={() => navigate(`/portal/apply/new?item=${encodeURIComponent(itemId)}`)}
      data-testid="apply-online"
    >
      在线申报
    </Button>
  );
}
