import { FileTextOutlined, PaperClipOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Select, Skeleton, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../shared/api';
import { useLoad } from '../../../shared/hooks';
import { LoadMore } from '../../../shared/LoadMore';
import { usePageTitle } from '../../../shared/title';
import { useCursorList } from '../../../shared/useCursorList';
import { useParamPatch } from '../../../shared/useParamPatch';
import { useSearchBox } from '../useSearchBox';
import { Highlighted } from './Highlighted';
import type { PolicyFacets, PolicySummary } from './types';
import './policies.css';

const DEBOUNCE_MS = 400;
const HOT_WORDS = ['低保', '养老保险', '宅基地', '耕地地力保护补贴', '残疾人两项补贴', '医疗保险'];

function PolicyCard({ d }: { d: PolicySummary }) {
  return (
    <Link to={`/portal/policies/${d.id}`} className="bm-policy-card" data-testid="policy-result">
      <div className="bm-policy-title">
        <Highlighted text={d.title} highlights={d.titleHighlights} />
      </div>
      <div className="bm-policy-meta">
        {d.docNo && <span className="bm-policy-docno">{d.docNo}</span>}
        <span>{d.issuer}</span>
        {d.publishedOn && <span>{d.publishedOn}</span>}
      </div>
      {d.snippet.text && (
        <div className="bm-policy-snippet">
          <Highlighted text={d.snippet.text} highlights={d.snippet.highlights} />
        </div>
      )}
      <div className="bm-policy-tags">
        <Tag color="blue">{d.kindLabel}</Tag>
        <Tag>{d.topic}</Tag>
        {d.attachmentCount > 0 && (
          <span className="bm-muted">
            <PaperClipOutlined /> {d.attachmentCount} 个附件
          </span>
        )}
      </div>
    </Link>
  );
}

/** 政策文件: search the county's and townships' published documents by words, topic, issuer and kind. */
export default function PoliciesPage() {
  const [params, setParam, setParams] = useParamPatch();
  const q = (params.get('q') ?? '').trim();
  const topic = params.get('topic') ?? undefined;
  const issuer = params.get('issuer') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  usePageTitle(q ? `政策文件：${q} - 网上办事大厅` : '政策文件 - 网上办事大厅');

  // The box follows the URL (back/forward) and the URL follows the box after a pause.
  const [text, setText] = useSearchBox(q, (v) => setParam({ q: v || undefined }), DEBOUNCE_MS);

  const facets = useLoad((signal) => api.get<PolicyFacets>('/policies/facets', undefined, { signal }), []);
  const list = useCursorList<PolicySummary>('/policies', { q: q || undefined, topic, issuer, kind }, 20);
  const filtered = !!(q || topic || issuer || kind);

  return (
    <div className="bm-portal-page bm-policies">
      <div className="bm-list-head">
        <FileTextOutlined style={{ fontSize: 22, color: '#1677ff' }} />
        <h1>政策文件</h1>
      </div>
      <p className="bm-muted" style={{ margin: '4px 0 10px' }}>
        县、乡镇发布的政策文件和政策解读，可按文件名、文号或正文中的词查找。
      </p>
      <Input.Search
        size="large"
        value={text}
        maxLength={100}
        placeholder="输入关键词，如：低保标准、宅基地、示政办发〔2026〕8号"
        enterButton="搜索"
        allowClear
        aria-label="搜索政策文件"
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => {
          const s = v.trim();
          if (s === q) list.reload();
          else setParam({ q: s || undefined });
        }}
      />

      <div className="bm-policy-chips" role="group" aria-label="按主题筛选">
        <button type="button" className={`bm-chip big${!topic ? ' active' : ''}`} aria-pressed={!topic} onClick={() => setParam({ topic: undefined })}>
          全部{facets.data ? ` ${facets.data.total}` : ''}
        </button>
        {facets.data?.topics.map((t) => (
          <button
            key={t.value}
            type="button"
            className={`bm-chip big${topic === t.value ? ' active' : ''}`}
            aria-pressed={topic === t.value}
            onClick={() => setParam({ topic: topic === t.value ? undefined : t.value })}
          >
            {t.value} {t.count}
          </button>
        ))}
      </div>

      <div className="bm-policy-filters">
        <Select
          allowClear
          placeholder="全部发文机关"
          value={issuer}
          onChange={(v?: string) => setParam({ issuer: v })}
          options={facets.data?.issuers.map((i) => ({ value: i.value, label: `${i.value}（${i.count}）` }))}
          loading={facets.loading}
          aria-label="发文机关"
          popupMatchSelectWidth={false}
        />
        <Select
          allowClear
          placeholder="全部类别"
          value={kind}
          onChange={(v?: string) => setParam({ kind: v })}
          options={facets.data?.kinds.map((k) => ({ value: k.value, label: `${k.label}（${k.count}）` }))}
          loading={facets.loading}
          aria-label="文件类别"
        />
      </div>

      {!q && !topic && !issuer && !kind && (
        <div className="bm-hot-words" style={{ marginTop: 10 }} aria-label="常用关键词">
          {HOT_WORDS.map((w) => (
            <button key={w} type="button" className="bm-chip" onClick={() => setParam({ q: w }, false)}>
              {w}
            </button>
          ))}
        </div>
      )}

      {list.error ? (
        <Alert
          type="error"
          showIcon
          title={list.error.message}
          style={{ marginTop: 12 }}
          action={
            <Button size="small" onClick={list.reload}>
              重试
            </Button>
          }
        />
      ) : list.loading && list.items.length === 0 ? (
        <div className="bm-policy-list">
          {[0, 1, 2].map((i) => (
            <div key={i} className="bm-policy-card">
              <Skeleton active paragraph={{ rows: 2 }} />
            </div>
          ))}
        </div>
      ) : list.items.length === 0 ? (
        <Empty style={{ marginTop: 24 }} image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? '没有找到符合条件的文件，换个关键词试试' : '暂无已发布的政策文件'}>
          {filtered && (
            <Button onClick={() => setParams({}, { replace: true })} aria-label="清除筛选">
              清除筛选
            </Button>
          )}
        </Empty>
      ) : (
        <div className={list.loading ? 'bm-stale' : undefined} aria-busy={list.loading}>
          <div className="bm-result-count">
            {filtered ? '找到' : '共'} <strong>{list.total ?? list.items.length}</strong> 份文件{q ? '，标题命中的排在前面' : '，按发布日期排列'}
          </div>
          <div className="bm-policy-list">
            {list.items.map((d) => (
              <PolicyCard key={d.id} d={d} />
            ))}
          </div>
          <LoadMore list={list} />
        </div>
      )}

      <Link to="/portal/consult/ask" className="bm-policy-ask">
        <QuestionCircleOutlined /> 看不懂政策？向便民服务中心咨询
      </Link>
    </div>
  );
}
