import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Drawer, Result, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useAuth } from '../../../shared/auth';
import type { PublicRegion } from '../../../shared/types';
import { regionChain, savePlace, useRegions, type Place } from './place';

const NEXT_WORD: Record<string, string> = { county: '请选择乡镇', township: '请选择村（社区）' };

/**
 * Pick 我的所在地 step by step: county → township → village, as big rows a thumb can hit. A township
 * (or the county) can be chosen without going further down.
 */
export default function PlaceDrawer({ open, onClose, place }: { open: boolean; onClose: () => void; place: Place }) {
  const { regions, failed } = useRegions();
  const { me } = useAuth();
  const counties = useMemo(() => (regions ?? []).filter((r) => r.level === 'county'), [regions]);
  // Where the picker starts: the current place's township (to change the village), else the county.
  const [path, setPath] = useState<PublicRegion[] | null>(null);
  const start = useMemo(() => {
    if (!regions) return [];
    const chain = place.chain.length ? place.chain : counties.length === 1 ? [counties[0]] : [];
    return chain.filter((r) => r.level !== 'village');
  }, [regions, place.chain, counties]);
  const current = path ?? start;
  const last = current[current.length - 1] as PublicRegion | undefined;
  const options = useMemo(() => {
    if (!regions) return [];
    if (!last) return counties;
    return regions.filter((r) => r.parentId === last.id).sort((a, b) => a.code.localeCompare(b.code));
  }, [regions, last, counties]);

  const choose = (r: PublicRegion) => {
    savePlace(r.id);
    setPath(null);
    onClose();
  };
  const home = me?.user.homeRegionId;
  const homeChain = home && regions ? regionChain(regions, home) : [];

  return (
    <Drawer
      placement="bottom"
      size="78%"
      open={open}
      onClose={() => {
        setPath(null);
        onClose();
      }}
      title="选择我的所在地"
      className="bm-place-drawer"
      destroyOnHidden
    >
      {failed ? (
        <Result status="warning" title="地区列表加载失败" subTitle="请检查网络后重试" />
      ) : !regions ? (
        <div className="bm-page-loading">
          <Spin />
        </div>
      ) : (
        <>
          <nav className="bm-place-path" aria-label="已选地区">
            {counties.length > 1 || current.length === 0 ? (
              <button type="button" className={current.length === 0 ? 'active' : ''} onClick={() => setPath([])}>
                全部县
              </button>
            ) : null}
            {current.map((r, i) => (
              <button key={r.id} type="button" onClick={() => setPath(current.slice(0, i + 1))}>
                {r.name}
              </button>
            ))}
            {last?.level !== 'village' && <span className="bm-place-path-next">{last ? NEXT_WORD[last.level] ?? '请选择' : '请选择县'}</span>}
          </nav>
          {last && (
            <Button block size="large" className="bm-place-this" onClick={() => choose(last)}>
              {last.level === 'county' ? `只看${last.name}县级事项（不选乡镇）` : `就选${last.name}（不选村）`}
            </Button>
          )}
          {homeChain.length > 0 && place.regionId !== home && current.length <= 1 && (
            <Button block size="large" type="dashed" className="bm-place-this" onClick={() => choose(homeChain[homeChain.length - 1])}>
              用我登记的常住地：{homeChain.map((r) => r.name).join(' ')}
            </Button>
          )}
          <div className="bm-place-options" role="list">
            {options.map((r) => {
              const selected = place.chain.some((c) => c.id === r.id);
              const leaf = r.level === 'village' || !regions.some((x) => x.parentId === r.id);
              return (
                <button
                  key={r.id}
                  type="button"
                  role="listitem"
                  className={`bm-place-option${selected ? ' selected' : ''}`}
                  onClick={() => (leaf ? choose(r) : setPath([...current, r]))}
                >
                  <span>{r.name}</span>
                  {selected ? <CheckOutlined /> : leaf ? null : <RightOutlined />}
                </button>
              );
            })}
            {options.length === 0 && <div className="bm-muted" style={{ padding: 16 }}>这里没有下级地区</div>}
          </div>
        </>
      )}
    </Drawer>
  );
}
