import { SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Result, Spin } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { usePageTitle } from '../../shared/title';
import type { SearchResponse } from '../../shared/types';
import { ItemCard } from './catalog/ItemCard';
import { LEVEL_GROUP_WORDS, SEARCH_PLACEHOLDER } from './catalog/labels';
import { PlaceBar } from './catalog/PlaceBar';
import { usePlace } from './catalog/place';
import { useSearchBox } from './useSearchBox';

const HOT_WORDS = ['低保', '盖房', '养老保险', '残疾证', '社保卡', '医保', '高龄补贴', '生育登记'];
const DEBOUNCE_MS = 350;

function Tips() {
  return (
    <ul className="bm-tips">
      <li>换个说法试试，比如“低保”“养老保险”“残疾证”</li>
      <li>可以打拼音或首字母，比如 dibao、db</li>
      <li>少打几个字，比如只打“宅基地”</li>
      <li>
        也可以<Link to="/portal">按主题</Link>或<Link to="/portal/catalog/departments">按部门</Link>查找，或到村便民服务室问代办员
      </li>
    </ul>
  );
}

/** 事项搜索: as-you-type (debounced) search of the catalog for my place, grouped by where to go. */
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const place = usePlace();
  usePageTitle(q ? `搜索：${q} - 网上办事大厅` : '事项搜索 - 网上办事大厅');

  // What is in the box; the URL (?q=) follows it after a pause, and back/forward moves the box.
  const [text, setText] = useSearchBox(q, (v) => setParams(v ? { q: v } : {}, { replace: true }), DEBOUNCE_MS);

  const { data, error, loading, reload } = useLoad(
    (signal) =>
      q && place.ready ? api.get<SearchResponse>('/catalog/search', { q, regionId: place.regionId }, { signal }) : Promise.resolve(undefined),
    [q, place.ready, place.regionId],
  );
  // While the next query loads, the previous results stay (dimmed) instead of flashing a spinner.
  const result = data;

  return (
    <div className="bm-portal-page bm-search">
      <Input.Search
        size="large"
        value={text}
        maxLength={50}
        placeholder={SEARCH_PLACEHOLDER}
        enterButton="搜索"
        allowClear
        autoFocus={!q}
        aria-label="搜索办事事项"
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => {
          const s = v.trim();
          setParams(s ? { q: s } : {}, { replace: s === q });
          if (s === q) reload();
        }}
      />
      <PlaceBar place={place} />

      {!q ? (
        <section className="bm-portal-section flat" aria-label="大家都在搜">
          <h2>大家都在搜</h2>
          <div className="bm-hot-words">
            {HOT_WORDS.map((w) => (
              <Link key={w} to={`/portal/search?q=${encodeURIComponent(w)}`} replace className="bm-chip big">
                <SearchOutlined /> {w}
              </Link>
            ))}
          </div>
          <Tips />
        </section>
      ) : error ? (
        <Result
          status="warning"
          title="搜索失败"
          subTitle={error.message}
          extra={
            <Button type="primary" onClick={reload}>
              重试
            </Button>
          }
        />
      ) : !result ? (
        <div className="bm-page-loading" style={{ minHeight: 160 }}>
          <Spin description="正在查找…" />
        </div>
      ) : (
        <div className={loading ? 'bm-stale' : undefined} aria-busy={loading}>
          {result.expansions.length > 0 && (
            <div className="bm-expansion" data-testid="expansions">
              已为您查找：{result.expansions.join('、')}
            </div>
          )}
          {result.total === 0 ? (
            <section className="bm-portal-section flat">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有找到与“${result.q}”有关的事项`} />
              <Tips />
            </section>
          ) : (
            <>
              <div className="bm-result-count">
                找到 <strong>{result.total}</strong> 个事项
              </div>
              {result.groups
                .filter((g) => g.items.length > 0)
                .map((g) => (
                  <section key={g.level} className="bm-result-group" aria-label={LEVEL_GROUP_WORDS[g.level] ?? g.label}>
                    <h2 className={`bm-group-title ${g.level}`}>
                      {LEVEL_GROUP_WORDS[g.level] ?? g.label}
                      <small>{g.items.length} 项</small>
                    </h2>
                    <div className="bm-item-list">
                      {g.items.map((it) => (
                        <ItemCard key={it.id} item={it} via={g.level} />
                      ))}
                    </div>
                  </section>
                ))}
            </>
          )}
        </div>
      )}
    </div>
  );
}
