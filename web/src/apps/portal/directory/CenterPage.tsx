import { ClockCircleOutlined, EnvironmentOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../shared/api';
import { useLoad } from '../../../shared/hooks';
import { NotFoundPage } from '../../../shared/NotFound';
import { usePageTitle } from '../../../shared/title';
import { ItemListView } from '../catalog/ItemListView';
import { useItems } from '../catalog/useItems';
import { LoadFailed } from '../LoadFailed';
import { CallLink, type DirectoryCenterDetail } from './directoryText';

function Items({ c }: { c: DirectoryCenterDetail }) {
  const list = useItems({ regionId: c.browse.regionId, level: c.browse.level }, true);
  return <ItemListView list={list} empty="这里暂时没有可办事项" via={c.level} />;
}

/** One service center: how to get there and call, its windows, the departments stationed, what it handles. */
export default function CenterPage() {
  const { id = '' } = useParams();
  const { data: c, error, reload } = useLoad((signal) => api.get<DirectoryCenterDetail>(`/directory/centers/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  const [showItems, setShowItems] = useState(false);
  usePageTitle(c ? `${c.name} - 服务中心` : '服务中心 - 网上办事大厅');

  if (error && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage home="/portal/centers" title="未找到该服务中心" subTitle="该服务中心不存在或已停用，请在服务中心列表里查找。" />;
  }
  if (error) {
    return (
      <div className="bm-portal-page">
        <LoadFailed title="服务中心加载失败" error={error} onRetry={reload} />
      </div>
    );
  }
  if (!c) {
    return (
      <div className="bm-portal-page">
        <div className="bm-guide-top">
          <Skeleton active paragraph={{ rows: 5 }} />
        </div>
      </div>
    );
  }
  const where = [c.county.name, c.township?.name].filter(Boolean).join(' · ');
  return (
    <div className="bm-portal-page bm-center-page">
      <header className="bm-guide-top">
        <div className="bm-center-name">
          <span className={`bm-level-tag ${c.level}`}>{c.levelLabel}</span>
        </div>
        <h1 data-testid="center-name">{c.name}</h1>
        <div className="bm-muted">{where}</div>
        <dl className="bm-center-info">
          <div>
            <dt>
              <EnvironmentOutlined /> 地址
            </dt>
            <dd>{c.address || '—'}</dd>
          </div>
          <div>
            <dt>
              <ClockCircleOutlined /> 办公时间
            </dt>
            <dd>{c.hours || '—'}</dd>
          </div>
        </dl>
        <div className="bm-center-calls">
          <CallLink phone={c.phone} label="咨询电话" className="big" />
          <CallLink phone={c.complaintPhone} label="投诉电话" className="big plain" />
        </div>
      </header>

      <section className="bm-guide-section" aria-labelledby="center-items">
        <div className="bm-guide-section-head">
          <h2 id="center-items">可办事项</h2>
          <small>共 {c.items.total} 项</small>
        </div>
        <div className="bm-center-counts">
          <div>
            <b>{c.items.own}</b>
            <span>本级办理</span>
          </div>
          <div>
            <b>{c.items.accepted}</b>
            <span>在这里受理、转上级办</span>
          </div>
        </div>
        {showItems ? (
          <Items c={c} />
        ) : (
          <Button type="primary" size="large" block onClick={() => setShowItems(true)} disabled={c.items.total === 0}>
            查看这里能办的 {c.items.total} 项事
          </Button>
        )}
        <a className="bm-file-link bm-center-pdf" href={c.listPdfUrl} target="_blank" rel="noreferrer">
          <FilePdfOutlined /> 打印事项清单（PDF）
        </a>
      </section>

      <section className="bm-guide-section" aria-labelledby="center-windows">
        <div className="bm-guide-section-head">
          <h2 id="center-windows">办事窗口</h2>
          <small>{c.windows.length} 个</small>
        </div>
        {c.windows.length === 0 ? (
          <div className="bm-muted">暂无窗口信息，请电话咨询。</div>
        ) : (
          <ol className="bm-windows">
            {c.windows.map((w) => (
              <li key={w.number} data-testid="window">
                <span className="bm-window-no">{w.number}号</span>
                <span className="bm-window-main">
                  <strong>{w.name}</strong>
                  <span className="bm-window-kind">{w.sector ? `${w.kindLabel} · ${w.sector}` : w.kindLabel}</span>
                  {w.categories.length > 0 && <span className="bm-window-cats">{w.categories.join('、')}</span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      {c.departments.length > 0 && (
        <section className="bm-guide-section" aria-labelledby="center-depts">
          <div className="bm-guide-section-head">
            <h2 id="center-depts">进驻部门</h2>
            <small>{c.departments.length} 个</small>
          </div>
          <div className="bm-hot-words">
            {c.departments.map((d) => (
              <span key={d.name} className="bm-chip">
                {d.name}
              </span>
            ))}
          </div>
        </section>
      )}

      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/portal/centers">查看其他服务中心</Link>
      </div>
    </div>
  );
}
