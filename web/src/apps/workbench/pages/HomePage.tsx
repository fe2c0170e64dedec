import { Alert, Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../../shared/auth';
import { usePageTitle } from '../../../shared/PageHeader';
import { visibleMenu } from '../menu';

const ROLE_HINTS: Record<string, string> = {
  window_clerk: '在窗口受理群众和企业的办事申请，一次性告知需补正的材料。',
  approver: '审核、勘验并作出审批决定；乡镇初审的事项报县级审批。',
  center_director: '关注本中心的排队、时限、考勤和评价，安排窗口人员。',
  supervisor: '对各服务中心开展效能监察、督办、抽查和考核。',
  catalog_admin: '维护本级事项清单和办事指南：编辑要素、提交审核、导入导出。',
  village_agent: '为村民登记事项、收集材料、代办并送达办理结果。',
  system_admin: '维护区划、服务中心、窗口、部门站所和工作人员账号。',
  security_admin: '配置安全策略、授予和收回角色、解锁账号。',
  audit_admin: '查阅、导出和校验审计日志。',
};

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '夜深了';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  usePageTitle('工作台首页');
  const me = useMe();
  const { can } = useAuth();
  const links = visibleMenu(can).filter((m) => m.key !== 'home');

  return (
    <div>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {greeting()}，{me.user.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          欢迎使用便民服务一体化平台工作台。
        </Typography.Paragraph>
        {me.roles.some((r) => r.role === 'village_agent') && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title="代办员请使用手机上的「便民代办」"
            description="登记群众、签委托、拍材料，村里没有网络也能用，联网后自动提交。"
            action={<Link to="/agent">代办员工作台</Link>}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="我的角色" style={{ height: '100%' }}>
            {me.roles.length === 0 ? (
              <Alert type="warning" showIcon title="您的账号尚未被授予任何角色" description="请联系安全管理员为您授权。" />
            ) : (
              <Descriptions column={1} size="small" bordered>
                {me.roles.map((r, i) => (
                  <Descriptions.Item key={i} label={<Tag color="blue">{r.label}</Tag>}>
                    <div>{r.scopeName ? `范围：${r.scopeName}` : '范围：全部'}</div>
                    {ROLE_HINTS[r.role] && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {ROLE_HINTS[r.role]}
                      </Typography.Text>
                    )}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="常用功能" style={{ height: '100%' }}>
            {links.length === 0 ? (
              <Empty description="业务功能将随后续版本陆续开放" />
            ) : (
              <Row gutter={[12, 12]}>
                {links.map((m) => (
                  <Col key={m.key} xs={12} sm={8}>
                    <Link to={m.path} className="bm-quick-link">
                      <span className="bm-quick-icon">{m.icon}</span>
                      <span>{m.label}</span>
                    </Link>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
