import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { PublicItemSummary } from '../../../shared/types';
import { promiseText, visitsText, type ItemLevel } from './labels';

const ACCEPT_AT: Record<ItemLevel, string> = { village: '村便民服务室', township: '乡镇便民服务中心', county: '县政务服务中心' };

/** 跑几次 as a coloured badge: green when one need not go at all. */
export function VisitsBadge({ n, big }: { n: number; big?: boolean }) {
  return <span className={`bm-visits bm-visits-${Math.min(Math.max(n, 0), 2)}${big ? ' big' : ''}`}>{visitsText(n)}</span>;
}

/**
 * One item in a list or in search results: what, where, how long, how many trips, 可代办. `via`: the
 * level the list is for; an item of a higher center taken in at that level says so (村里交材料, 镇上办理).
 */
export function ItemCard({ item, via }: { item: PublicItemSummary; via?: ItemLevel }) {
  const taken = via && via !== item.level && item.acceptLevels.includes(via);
  return (
    <Link to={`/portal/items/${item.id}`} className="bm-item-card" data-testid="item-card">
      <span className="bm-item-name">{item.name}</span>
      <span className="bm-item-where">
        {taken ? `${ACCEPT_AT[via]}可受理 · ${item.centerName}办理` : item.centerName}
        {item.departmentName ? ` · ${item.departmentName}` : ''}
      </span>
      <span className="bm-item-facts">
        <VisitsBadge n={item.maxVisits} />
        <span className="bm-item-days">承诺时限：{promiseText(item.handlingType, item.promisedDays)}</span>
        {item.agentEligible && <span className="bm-chip green">可代办</span>}
        {item.onlineLevel === 'full' && <span className="bm-chip blue">全程网办</span>}
      </span>
      <RightOutlined className="bm-item-arrow" aria-hidden />
    </Link>
  );
}
