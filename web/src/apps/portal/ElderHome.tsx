import { EnvironmentOutlined, FieldNumberOutlined, FileSearchOutlined, PhoneOutlined, ProfileOutlined, SearchOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { useLoad } from '../../shared/hooks';
import { usePageTitle } from '../../shared/title';
import { PlaceBar } from './catalog/PlaceBar';
import { usePlace } from './catalog/place';
import { telHref, type DirectoryCenterDetail } from './directory/directoryText';
import { SearchBox } from './SearchBox';

function BigEntry({ to, icon, title, hint, color }: { to: string; icon: ReactNode; title: string; hint: string; color: string }) {
  return (
    <Link to={to} className="bm-elder-entry">
      <span className="bm-elder-entry-icon" style={{ background: color }} aria-hidden>
        {icon}
      </span>
      <span className="bm-elder-entry-text">
        <strong>{title}</strong>
        <span>{hint}</span>
      </span>
    </Link>
  );
}

/** The nearest center of my place (village room, else township hall, else county hall), to call it. */
function CallNearest() {
  const place = usePlace();
  const centerId = place.village?.centerId ?? place.township?.centerId ?? place.county?.centerId ?? undefined;
  const { data } = useLoad(
    (signal) => (centerId ? api.get<DirectoryCenterDetail>(`/directory/centers/${centerId}`, undefined, { signal }) : Promise.resolve(undefined)),
    [centerId],
  );
  if (!data?.phone) {
    return <BigEntry to="/portal/centers" icon={<PhoneOutlined />} title="打电话问" hint="找到离您最近的服务中心，点号码就能打" color="#237804" />;
  }
  return (
    <a href={telHref(data.phone)} className="bm-elder-entry" data-testid="elder-call">
      <span className="bm-elder-entry-icon" style={{ background: '#237804' }} aria-hidden>
        <PhoneOutlined />
      </span>
      <span className="bm-elder-entry-text">
        <strong>打电话问</strong>
        <span>
          {data.name} {data.phone}
        </span>
      </span>
    </a>
  );
}

/** 长辈模式 home: one big search and a few big entries, nothing else. */
export default function ElderHome() {
  usePageTitle('网上办事大厅（长辈模式）');
  const { me } = useAuth();
  const place = usePlace();
  return (
    <div className="bm-elder-home">
      <section className="bm-elder-hero">
        <h1>{me ? `${me.user.displayName}，您好` : '您好，要办什么事？'}</h1>
        <SearchBox big placeholder="如：低保、医保" />
        <p className="bm-elder-tip">不会打字？点上面的框，再按手机键盘上的话筒，说出要办的事。</p>
      </section>
      <nav className="bm-elder-entries" aria-label="常用">
        <BigEntry to="/portal/search" icon={<SearchOutlined />} title="查事项" hint="办什么事、带什么材料、到哪里办" color="#0958d9" />
        <BigEntry to="/portal/me/cases" icon={<ProfileOutlined />} title="我的办件" hint="我办的事到哪一步了" color="#c41d7f" />
        <BigEntry to="/portal/queue" icon={<FieldNumberOutlined />} title="在线取号" hint="快到大厅时取号，叫到号会提醒您" color="#ad4e00" />
        <BigEntry to="/portal/track" icon={<FileSearchOutlined />} title="办件查询" hint="用回执上的办件编号查进度" color="#d4380d" />
        <BigEntry to="/portal/centers" icon={<EnvironmentOutlined />} title="找服务中心" hint="村里、镇上、县里的地址和电话" color="#531dab" />
        <CallNearest />
      </nav>
      <div className="bm-elder-place">
        <PlaceBar place={place} />
      </div>
    </div>
  );
}
