import { Button, Card, Result, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../shared/NotFound';
import { usePageTitle } from '../../shared/title';
import { findLifeEvent } from './lifeEvents';

/** A life-event theme. Its item list comes with the service catalog; until then we say so plainly. */
export default function LifeEventPage() {
  const { eventKey } = useParams();
  const event = findLifeEvent(eventKey);
  usePageTitle(event ? `${event.name} - 网上办事大厅` : '页面不存在');
  if (!event) return <NotFoundPage home="/portal" title="未找到该主题" subTitle="您访问的办事主题不存在。" />;

  return (
    <div className="bm-portal-page">
      <Card>
        <Result
          icon={
            <span className="bm-tile-icon" style={{ background: event.color, margin: '0 auto', width: 64, height: 64, fontSize: 32 }}>
              {event.icon}
            </span>
          }
          title={event.name}
          subTitle="事项清单即将上线"
          extra={
            <Link to="/portal">
              <Button type="primary">返回首页</Button>
            </Link>
          }
        />
      </Card>
      <Card title="将陆续提供的事项（示例）" size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {event.examples.map((x) => (
            <Tag key={x} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
              {x}
            </Tag>
          ))}
        </div>
        <p style={{ margin: '12px 0 0', fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
          以上事项的办事指南、所需材料和网上申报功能正在整理中。现在办理，请就近前往乡镇便民服务中心或村便民服务室咨询。
        </p>
      </Card>
    </div>
  );
}

export function SearchPlaceholder() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  usePageTitle('事项搜索 - 网上办事大厅');
  return (
    <div className="bm-portal-page">
      <Card>
        <Result
          status="info"
          title="事项清单即将上线"
          subTitle={q ? `暂时还不能搜索「${q}」：办事事项和办事指南正在整理中。` : '办事事项和办事指南正在整理中。'}
          extra={
            <Link to="/portal">
              <Button type="primary">返回首页</Button>
            </Link>
          }
        />
      </Card>
    </div>
  );
}
