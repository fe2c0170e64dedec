import { RightOutlined } from '@ant-design/icons';
import { Empty, Spin } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { usePageTitle } from '../../shared/title';
import type { PublicDepartments } from '../../shared/types';
import { PlaceBar } from './catalog/PlaceBar';
import { LoadFailed } from './LoadFailed';
import { usePlace } from './catalog/place';

/** 按部门: the departments with published items for my place, each opening its item list. */
export default function DepartmentsPage() {
  usePageTitle('按部门查找 - 网上办事大厅');
  const [params] = useSearchParams();
  const level = params.get('level');
  const place = usePlace();
  const { data, error, loading, reload } = useLoad(
    (signal) => (place.ready ? api.get<PublicDepartments>('/catalog/departments', { regionId: place.regionId }, { signal }) : Promise.resolve(undefined)),
    [place.ready, place.regionId],
  );
  const departments = (data?.departments ?? []).filter((d) => d.count > 0);

  return (
    <div className="bm-portal-page">
      <header className="bm-list-head plain">
        <div>
          <h1>按部门查找</h1>
          <div className="bm-muted">选择负责的部门，看它有哪些事项</div>
        </div>
      </header>
      <PlaceBar place={place} />
      {error ? (
        <LoadFailed title="部门加载失败" error={error} onRetry={reload} />
      ) : loading && !data ? (
        <div className="bm-page-loading" style={{ minHeight: 160 }}>
          <Spin />
        </div>
      ) : departments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="您所在地暂时没有公开的事项" />
      ) : (
        <div className="bm-dept-list">
          {departments.map((d) => (
            <Link
              key={d.id}
              to={`/portal/catalog?departmentId=${d.id}${level ? `&level=${encodeURIComponent(level)}` : ''}`}
              className="bm-portal-row"
            >
              <span className="bm-dept-name">{d.name}</span>
              <span className="bm-muted">{d.count} 项</span>
              <RightOutlined className="bm-portal-row-arrow" style={{ marginLeft: 0 }} />
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
