import { ClockCircleOutlined, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { Input, Skeleton } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { matchesQuery } from '../../../../../src/modules/directory/directory.rules';
import { api } from '../../../shared/api';
import { useLoad } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import { usePlace } from '../catalog/place';
import { LoadFailed } from '../LoadFailed';
import { CallLink, LEVEL_SHORT, type DirectoryCenter, type DirectoryResponse } from './directoryText';

function CenterCard({ c, mine }: { c: DirectoryCenter; mine: boolean }) {
  return (
    <li className={`bm-center-card ${c.level}${mine ? ' mine' : ''}`} data-testid="center-card">
      <Link to={`/portal/centers/${c.id}`} className="bm-center-main">
        <span className="bm-center-name">
          <span className={`bm-level-tag ${c.level}`}>{LEVEL_SHORT[c.level]}</span>
          <strong>{c.name}</strong>
          {mine && <span className="bm-mine-tag">我的所在地</span>}
        </span>
        {c.address && (
          <span className="bm-center-line">
            <EnvironmentOutlined /> {c.address}
          </span>
        )}
        {c.hours && (
          <span className="bm-center-line">
            <ClockCircleOutlined /> {c.hours}
          </span>
        )}
        <span className="bm-center-facts">
          可办事项 <b>{c.items.total}</b> 项 · 窗口 <b>{c.windows.length}</b> 个
          <RightOutlined className="bm-center-arrow" />
        </span>
      </Link>
      <CallLink phone={c.phone} />
    </li>
  );
}

/** 找服务中心: every center and village room of my county, grouped by township, searchable, tap to call. */
export default function CentersPage() {
  usePageTitle('服务中心 - 网上办事大厅');
  const place = usePlace();
  const { data, error, reload } = useLoad(
    (signal) => (place.ready ? api.get<DirectoryResponse>('/directory/centers', { regionId: place.regionId }, { signal }) : Promise.resolve(undefined)),
    [place.ready, place.regionId],
  );
  const [q, setQ] = useState('');
  const query = useDeferredValue(q);
  const mineIds = useMemo(() => new Set([place.village?.centerId, place.township?.centerId].filter((x): x is string => !!x)), [place.village, place.township]);

  const groups = useMemo(() => {
    if (!data) return [];
    const filtered = data.groups
      .map((g) => ({ ...g, centers: g.centers.filter((c) => matchesQuery(query, [c.name, c.address, c.regionName, g.name])) }))
      .filter((g) => g.centers.length > 0);
    // My township right after 县级: the nearest halls first.
    const myTown = place.township?.id;
    return [...filtered].sort((a, b) => Number(b.level === 'county') - Number(a.level === 'county') || Number(b.key === myTown) - Number(a.key === myTown));
  }, [data, query, place.township]);
  const shown = groups.reduce((n, g) => n + g.centers.length, 0);

  return (
    <div className="bm-portal-page bm-centers">
      <header className="bm-list-head">
        <h1>找服务中心</h1>
      </header>
      <p className="bm-muted bm-centers-intro">{data ? `${data.county.name}的政务服务中心、乡镇便民服务中心和村便民服务室，点电话号码可直接拨打。` : '正在读取…'}</p>
      <Input
        size="large"
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="搜中心名称、村名或地址"
        aria-label="搜索服务中心"
        className="bm-centers-search"
      />
      {error ? (
        <LoadFailed title="服务中心加载失败" error={error} onRetry={reload} />
      ) : !data ? (
        <div className="bm-portal-section flat">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : (
        <>
          <div className="bm-result-count" aria-live="polite">
            {query.trim() ? `找到 ${shown} 个` : `共 ${data.total} 个`}
          </div>
          {groups.length === 0 && <div className="bm-portal-section flat bm-muted">没有找到，换个词试试，比如村名或镇名。</div>}
          {groups.map((g) => (
            <section key={g.key} className="bm-center-group" aria-label={g.name}>
              <h2 className={`bm-group-title ${g.level}`}>
                {g.name}
                <small>{g.centers.length} 个</small>
              </h2>
              <ul className="bm-center-list">
                {g.centers.map((c) => (
                  <CenterCard key={c.id} c={c} mine={mineIds.has(c.id)} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
