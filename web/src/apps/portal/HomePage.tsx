import { ApartmentOutlined, BankOutlined, HomeOutlined, ShopOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { useElderMode } from '../../shared/elder';
import { PageLoading } from '../../shared/feedback';
import { useLoad } from '../../shared/hooks';
import { usePageTitle } from '../../shared/title';
import type { TopicsResponse } from '../../shared/types';
import { PlaceBar } from './catalog/PlaceBar';
import { usePlace } from './catalog/place';
import { SearchBox } from './SearchBox';
import { ENTERPRISE_EVENTS, PERSON_EVENTS, type LifeEvent } from './lifeEvents';

function TopicTiles({ events, counts }: { events: LifeEvent[]; counts: Map<string, number> | undefined }) {
  return (
    <div className="bm-tiles">
      {events.map((e) => {
        const n = counts?.get(e.key);
        return (
          <Link key={e.key} to={`/portal/events/${e.key}`} className={`bm-tile${n === 0 ? ' empty' : ''}`}>
            <span className="bm-tile-icon" style={{ background: e.color }}>
              {e.icon}
            </span>
            <span className="bm-tile-name">{e.name}</span>
            <span className="bm-tile-count">{n === undefined ? '\u00a0' : n === 0 ? '暂无' : `${n} 项`}</span>
          </Link>
        );
      })}
    </div>
  );
}

// 长辈模式: a few big entries instead of the full home (fewer steps); its own small chunk, fetched
// early by PortalLayout when the mode is on, so the standard home's first load does not carry it.
const ElderHome = lazy(() => import('./ElderHome'));

export default function PortalHomePage() {
  const { elder } = useElderMode();
  return elder ? (
    <Suspense fallback={<PageLoading />}>
      <ElderHome />
    </Suspense>
  ) : (
    <StandardHome />
  );
}

function StandardHome() {
  usePageTitle('网上办事大厅');
  const { me } = useAuth();
  const place = usePlace();
  const { data: topics } = useLoad(
    (signal) => (place.ready ? api.get<TopicsResponse>('/catalog/topics', { regionId: place.regionId }, { signal }) : Promise.resolve(undefined)),
    [place.ready, place.regionId],
  );
  const counts = topics ? new Map(topics.topics.map((t) => [t.key, t.count])) : undefined;

  return (
    <>
      <section className="bm-portal-hero">
        <h1>网上办事大厅</h1>
        <p>小事不出村、大事有代办，办事最多跑一次</p>
        <SearchBox />
        <PlaceBar place={place} tone="hero" />
      </section>

      <section className="bm-portal-section overlap" aria-labelledby="where">
        <h2 id="where">在哪儿办</h2>
        <div className="bm-where">
          <Link to="/portal/catalog?level=village">
            <HomeOutlined style={{ color: '#52c41a' }} />
            <strong>我的村</strong>
            <span className="bm-ellipsis">{place.village?.name ?? '村里能办的事'}</span>
          </Link>
          <Link to="/portal/catalog?level=township">
            <ShopOutlined style={{ color: '#1677ff' }} />
            <strong>我的镇</strong>
            <span className="bm-ellipsis">{place.township?.name ?? '镇上能办的事'}</span>
          </Link>
          <Link to="/portal/catalog?level=county">
            <BankOutlined style={{ color: '#722ed1' }} />
            <strong>县级</strong>
            <span className="bm-ellipsis">{place.county?.name ?? '县里办的事'}</span>
          </Link>
          <Link to="/portal/catalog/departments">
            <ApartmentOutlined style={{ color: '#fa8c16' }} />
            <strong>按部门</strong>
            <span className="bm-ellipsis">民政、人社、医保…</span>
          </Link>
        </div>
      </section>

      <section className="bm-portal-section" aria-labelledby="life-events">
        <h2 id="life-events">
          个人办事 <small>按人生事件</small>
        </h2>
        <TopicTiles events={PERSON_EVENTS} counts={counts} />
      </section>

      <section className="bm-portal-section" aria-labelledby="enterprise-events">
        <h2 id="enterprise-events">
          企业办事 <small>开办到注销</small>
        </h2>
        <TopicTiles events={ENTERPRISE_EVENTS} counts={counts} />
      </section>

      <section className="bm-portal-section" aria-labelledby="entries">
        <h2 id="entries">便民服务</h2>
        <div className="bm-portal-entry">
          {me ? (
            <Link to="/portal/me">
              <strong>我的</strong>
              <span>个人信息、登录设备</span>
            </Link>
          ) : (
            <Link to="/login?redirect=%2Fportal%2Fme">
              <strong>登录</strong>
              <span>已有账号，登录办事</span>
            </Link>
          )}
          {me ? (
            <Link to="/portal/me/password">
              <strong>修改密码</strong>
              <span>保护账号安全</span>
            </Link>
          ) : (
            <Link to="/portal/register">
              <strong>注册</strong>
              <span>实名注册，一次认证</span>
            </Link>
          )}
          <Link to="/portal/track">
            <strong>办件查询</strong>
            <span>凭办件编号查进度</span>
          </Link>
          <Link to="/portal/centers">
            <strong>找服务中心</strong>
            <span>地址、电话、办公时间</span>
          </Link>
          {me?.user.kind === 'citizen' ? (
            <Link to="/portal/me/cases">
              <strong>我的办件</strong>
              <span>我办过的事</span>
            </Link>
          ) : null}
          <Link to="/portal/policies">
            <strong>政策文件</strong>
            <span>查政策、看解读</span>
          </Link>
          <Link to="/portal/consult/ask">
            <strong>我要咨询</strong>
            <span>有疑问，在线问</span>
          </Link>
          <Link to="/portal/appointments/new">
            <strong>预约办事</strong>
            <span>约好时段，到厅优先</span>
          </Link>
          <Link to="/portal/queue">
            <strong>在线取号</strong>
            <span>快到大厅时手机取号</span>
          </Link>
        </div>
      </section>

      <section className="bm-portal-section" aria-labelledby="help">
        <h2 id="help">办事提示</h2>
        <div className="bm-help-text">
          先看办事指南，把材料一次备齐。标有“可代办”的事项，可以请村便民服务室的代办员帮您办，不用自己跑。能网上办的事项，在办事指南里点“在线申报”；要到大厅办的，可以先“预约办事”约好时段，或快到大厅时“在线取号”，少排队。
        </div>
      </section>
    </>
  );
}
