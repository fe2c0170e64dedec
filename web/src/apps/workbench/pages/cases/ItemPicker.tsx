import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Spin, Tag, Typography, type InputRef } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { useLoad } from '../../../../shared/hooks';
import type { PublicRegion, SearchHit, SearchResponse } from '../../../../shared/types';
import { ITEM_LEVEL_LABELS } from './caseLabels';

/** Where the clerk works: the region and service center of their acceptance grant. */
export interface ClerkPlace {
  regionId: string | null;
  centerId: string | null;
  level: string | null;
  name: string | null;
}

const ACCEPT_ROLES = new Set(['window_clerk', 'village_agent', 'center_director']);

export function useClerkPlace(): ClerkPlace {
  const { me } = useAuth();
  const regions = useLoad((signal) => api.get<{ regions: PublicRegion[] }>('/catalog/regions', undefined, { signal }), []);
  return useMemo(() => {
    const roles = me?.roles ?? [];
    const role = roles.find((r) => ACCEPT_ROLES.has(r.role) && r.scopeId) ?? roles.find((r) => r.scopeId);
    const list = regions.data?.regions ?? [];
    let region: PublicRegion | undefined;
    if (role?.scopeType === 'center') region = list.find((r) => r.centerId === role.scopeId);
    else if (role?.scopeId) region = list.find((r) => r.id === role.scopeId);
    const regionId = region?.id ?? (role?.scopeType === 'region' ? role.scopeId : null) ?? me?.user.homeRegionId ?? null;
    return { regionId, centerId: region?.centerId ?? (role?.scopeType === 'center' ? role.scopeId : null), level: region?.level ?? null, name: role?.scopeName ?? region?.name ?? null };
  }, [me, regions.data]);
}

/** Can this center take the item in? Its own item, or an upper center's item accepted at this level. */
export const offeredHere = (hit: SearchHit, place: ClerkPlace): boolean =>
  !place.centerId || hit.centerId === place.centerId || (!!place.level && (hit.acceptLevels as string[]).includes(place.level));

export interface ItemPickerHandle {
  focus: () => void;
  clear: () => void;
}

/**
 * The item search of the window: type the name, 拼音 or 首字母; ↑/↓ move, Enter takes the highlighted
 * (by default the first) item this center can accept.
 */
export const ItemPicker = forwardRef<ItemPickerHandle, { place: ClerkPlace; onPick: (hit: SearchHit) => void }>(function ItemPicker({ place, onPick }, ref) {
  const [q, setQ] = useState('');
  const [res, setRes] = useState<SearchResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<InputRef>(null);

  useImperativeHandle(ref, () => ({
    focus: () => input.current?.focus(),
    clear: () => {
      setQ('');
      setRes(null);
    },
  }));

  useEffect(() => {
    const term = q.trim();
    if (!term) return;
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      setLoading(true);
      api
        .get<SearchResponse>('/catalog/search', { q: term, regionId: place.regionId ?? undefined, limit: 20 }, { signal: ctrl.signal })
        .then((r) => {
          setRes(r);
          setError(null);
          setActive(0);
        })
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          setError(e instanceof ApiError ? e.message : '搜索失败');
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, 150);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [q, place.regionId]);

  // Items this center accepts first (nearest level first, as the server grouped them), the rest after.
  const hits = useMemo(() => {
    const all = (res?.groups ?? []).flatMap((g) => g.items);
    return [...all.filter((h) => offeredHere(h, place)), ...all.filter((h) => !offeredHere(h, place))];
  }, [res, place]);
  const pickable = hits.filter((h) => offeredHere(h, place));

  const pick = (h: SearchHit | undefined) => {
    if (!h || !offeredHere(h, place)) return;
    onPick(h);
    setQ('');
    setRes(null);
  };

  return (
    <div className="bm-case-picker">
      <Input
        ref={input}
        size="large"
        autoFocus
        allowClear
        prefix={<SearchOutlined />}
        placeholder="输入事项名称、拼音或首字母，如 dibao、dbsq"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (!e.target.value.trim()) {
            setRes(null);
            setError(null);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, Math.max(pickable.length - 1, 0)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(pickable[active] ?? pickable[0]);
          } else if (e.key === 'Escape') {
            setQ('');
          }
        }}
        aria-label="查找事项"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="bm-case-hits"
        aria-autocomplete="list"
      />
      {q.trim() && (
        <div className="bm-case-hits" id="bm-case-hits" role="listbox" aria-label="事项搜索结果">
          {loading && !res ? (
            <div className="bm-case-hits-empty">
              <Spin size="small" />
            </div>
          ) : error ? (
            <Typography.Text type="danger" className="bm-case-hits-empty">
              {error}
            </Typography.Text>
          ) : hits.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有找到事项，换个说法试试" />
          ) : (
            <>
              {res && res.expansions.length > 0 && (
                <div className="bm-case-hits-note">已为您查找：{res.expansions.join('、')}</div>
              )}
              {hits.map((h) => {
                const ok = offeredHere(h, place);
                const idx = pickable.indexOf(h);
                return (
                  <div
                    key={h.id}
                    role="option"
                    aria-selected={ok && idx === active}
                    aria-disabled={!ok}
                    className={`bm-case-hit${ok && idx === active ? ' active' : ''}${ok ? '' : ' disabled'}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(h)}
                    onMouseEnter={() => ok && setActive(idx)}
                  >
                    <div className="bm-case-hit-name">
                      {h.name}
                      {idx === 0 && ok && <span className="bm-case-kbd">Enter</span>}
                    </div>
                    <div className="bm-case-hit-meta">
                      <Tag variant="filled">{ITEM_LEVEL_LABELS[h.level as 'county'] ?? h.level}</Tag>
                      <span>{h.centerName}</span>
                      <span>·</span>
                      <span>{h.departmentName}</span>
                      <span>·</span>
                      <span>{h.handlingType === 'instant' ? '即办件' : `承诺 ${h.promisedDays} 个工作日`}</span>
                      {!ok && <Tag color="default">本中心不受理</Tag>}
                    </div>
                  </div>
                );
              })}
            </>
          )}
        </div>
      )}
    </div>
  );
});
