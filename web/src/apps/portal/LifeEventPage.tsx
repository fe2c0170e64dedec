import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../shared/NotFound';
import { usePageTitle } from '../../shared/title';
import { ItemListView } from './catalog/ItemListView';
import { PlaceBar } from './catalog/PlaceBar';
import { usePlace } from './catalog/place';
import { useItems } from './catalog/useItems';
import { findLifeEvent } from './lifeEvents';

/** A topic (人生事件 / 企业生命周期): the published items for my place, nearest level first. */
export default function LifeEventPage() {
  const { eventKey } = useParams();
  const event = findLifeEvent(eventKey);
  usePageTitle(event ? `${event.name} - 网上办事大厅` : '页面不存在');
  const place = usePlace();
  const list = useItems({ topic: event?.key, regionId: place.regionId }, place.ready && !!event);
  if (!event) return <NotFoundPage home="/portal" title="未找到该主题" subTitle="您访问的办事主题不存在。" />;

  return (
    <div className="bm-portal-page">
      <header className="bm-list-head">
        <span className="bm-tile-icon" style={{ background: event.color }} aria-hidden>
          {event.icon}
        </span>
        <div style={{ minWidth: 0 }}>
          <h1>{event.name}</h1>
          <div className="bm-muted">
            {event.audience === 'enterprise' ? '企业办事' : '个人办事'}
            {list.total !== undefined && ` · 共 ${list.total} 项`}
          </div>
        </div>
      </header>
      <PlaceBar place={place} />
      <ItemListView
        list={list}
        empty={
          <>
            您所在地暂时没有“{event.name}”类事项。
            <br />
            可以<Link to="/portal/search">搜索事项</Link>，或到村、镇便民服务中心咨询。
          </>
        }
      />
    </div>
  );
}
