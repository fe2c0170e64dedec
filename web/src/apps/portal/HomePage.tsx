import { Input } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../shared/auth';
import { usePageTitle } from '../../shared/title';
import { LIFE_EVENTS } from './lifeEvents';

export default function PortalHomePage() {
  usePageTitle('网上办事大厅');
  const { me } = useAuth();
  const navigate = useNavigate();

  return (
    <>
      <section className="bm-portal-hero">
        <h1>网上办事大厅</h1>
        <p>小事不出村、大事有代办，办事最多跑一次</p>
        <Input.Search
          size="large"
          placeholder="搜索办事事项，如：低保"
          enterButton="搜索"
          allowClear
          aria-label="搜索办事事项"
          onSearch={(q) => {
            const v = q.trim();
            if (v) navigate(`/portal/search?q=${encodeURIComponent(v)}`);
          }}
        />
      </section>

      <section className="bm-portal-section overlap" aria-labelledby="life-events">
        <h2 id="life-events">
          按人生事件办事 <small>共 {LIFE_EVENTS.length} 类</small>
        </h2>
        <div className="bm-tiles">
          {LIFE_EVENTS.map((e) => (
            <Link key={e.key} to={`/portal/events/${e.key}`} className="bm-tile">
              <span className="bm-tile-icon" style={{ background: e.color }}>
                {e.icon}
              </span>
              <span>{e.name}</span>
            </Link>
          ))}
        </div>
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
        </div>
      </section>

      <section className="bm-portal-section" aria-labelledby="help">
        <h2 id="help">办事提示</h2>
        <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', lineHeight: 1.8 }}>
          网上申报、预约取号和办件查询将陆续开通。现在办事，请就近前往乡镇便民服务中心或村便民服务室，代办员可以帮您代办。
        </div>
      </section>
    </>
  );
}
