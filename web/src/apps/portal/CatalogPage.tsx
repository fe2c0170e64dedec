import { ApartmentOutlined, CloseOutlined, PrinterOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { usePageTitle } from '../../shared/title';
import type { PublicDepartments } from '../../shared/types';
import { ItemListView } from './catalog/ItemListView';
import type { ItemLevel } from './catalog/labels';
import { PlaceBar } from './catalog/PlaceBar';
import { usePlace } from './catalog/place';
import { useItems } from './catalog/useItems';

const LEVEL_OPTIONS: { value: ItemLevel | 'all'; label: string }[] = [
  { value: 'village', label: '我的村' },
  { value: 'township', label: '我的镇' },
  { value: 'county', label: '县级' },
  { value: 'all', label: '全部' },
];
const isLevel = (v: string | null): v is ItemLevel => v === 'village' || v === 'township' || v === 'county';

/** 事项清单 for my place: by level (村 / 镇 / 县) and by department, with 「加载更多」. */
export default function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const levelParam = params.get('level');
  const level = isLevel(levelParam) ? levelParam : undefined;
  const departmentId = params.get('departmentId') ?? undefined;
  const place = usePlace();
  const list = useItems({ regionId: place.regionId, level, departmentId }, place.ready);
  const { data: depts } = useLoad(
    (signal) =>
      departmentId && place.ready
        ? api.get<PublicDepartments>('/catalog/departments', { regionId: place.regionId }, { signal })
        : Promise.resolve(undefined),
    [departmentId, place.ready, place.regionId],
  );
  const department = depts?.departments.find((d) => d.id === departmentId);

  const where =
    level === 'village'
      ? `${place.village?.name ?? '村'}能办的事`
      : level === 'township'
        ? `${place.township?.name ?? '乡镇'}能办的事`
        : level === 'county'
          ? `${place.county?.name ?? '县'}县级事项`
          : '全部事项';
  const title = department ? `${department.name} · ${where}` : where;
  usePageTitle(`${title} - 网上办事大厅`);
  // The printable wall list of the center at that level of my place (村便民服务室, 镇便民服务中心, 县政务服务中心).
  const ownCenter = level ? ({ village: place.village, township: place.township, county: place.county }[level]?.centerId ?? undefined) : undefined;

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <div className="bm-portal-page">
      <header className="bm-list-head plain">
        <div style={{ minWidth: 0 }}>
          <h1>{title}</h1>
          <div className="bm-muted">
            {level === 'village'
              ? '在村便民服务室就能办或由代办员代办'
              : level === 'township'
                ? '在乡镇便民服务中心办'
                : level === 'county'
                  ? '在县政务服务中心办'
                  : '村、镇、县三级都在这里'}
            {list.total !== undefined && ` · 共 ${list.total} 项`}
          </div>
        </div>
      </header>
      <PlaceBar place={place} />
      <Segmented
        block
        size="large"
        className="bm-level-switch"
        value={level ?? 'all'}
        options={LEVEL_OPTIONS}
        onChange={(v) => setParam('level', v === 'all' ? undefined : v)}
      />
      <div className="bm-filter-row">
        {departmentId ? (
          <span className="bm-chip blue big">
            部门：{department?.name ?? '…'}
            <button type="button" aria-label="不按部门" onClick={() => setParam('departmentId', undefined)}>
              <CloseOutlined />
            </button>
          </span>
        ) : (
          <Link to={`/portal/catalog/departments${level ? `?level=${level}` : ''}`} className="bm-chip big">
            <ApartmentOutlined /> 按部门查看
          </Link>
        )}
        {ownCenter && (
          <a href={`/api/catalog/centers/${ownCenter}/list.pdf`} className="bm-chip big" target="_blank" rel="noreferrer">
            <PrinterOutlined /> 打印事项清单
          </a>
        )}
      </div>
      {level === 'village' && place.ready && !place.village && (
        <div className="bm-expansion">还没有选择村：点上面的“我的所在地”，选您住的村，就能看到在村里能办的事。</div>
      )}
      <ItemListView list={list} via={level} empty="这里暂时没有事项，换个层级或部门看看" />
    </div>
  );
}
