import { CloudUploadOutlined, FileSearchOutlined, FormOutlined, MobileOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { fmtRelative } from '../../shared/format';
import { useAgent } from './context';
import { villageLabel } from './rules';
import { loadDraft, type Draft } from './store';
import { useEngine } from './sync';
import { SyncBanner } from './SyncBanner';

export function HomeScreen() {
  const { profile, items } = useAgent();
  const s = useEngine();
  const [draft, setDraft] = useState<Draft | undefined>();
  const village = items.value?.villageName ?? profile.roomName;

  useEffect(() => {
    void loadDraft(profile.userId)
      .then(setDraft)
      .catch(() => undefined);
  }, [profile.userId]);

  const count = items.value?.items.length;
  return (
    <div className="bm-agent-page">
      <section className="bm-agent-card bm-agent-who">
        <div className="bm-agent-who-name">{profile.displayName}</div>
        <div className="bm-agent-who-role">{village ? `${villageLabel(village)}代办员` : '村代办员'}</div>
        <div className="bm-agent-who-meta" data-testid="items-state" data-cached={items.value ? 'yes' : 'no'} data-fresh={items.value && !items.fromCache ? 'yes' : 'no'}>
          {items.value ? (
            <>
              代办事项清单 {count} 项 · {items.fromCache ? `本机保存于 ${fmtRelative(items.savedAt)}` : '已更新'}
            </>
          ) : items.loading ? (
            '正在下载代办事项清单…'
          ) : (
            <span className="bm-agent-danger">{items.error?.message ?? '代办事项清单尚未下载'}</span>
          )}
          {!items.loading && s.online && (
            <Button type="link" size="small" icon={<ReloadOutlined />} onClick={items.reload} aria-label="刷新清单" />
          )}
        </div>
        {s.appCached && (
          <Tag color="green" icon={<MobileOutlined />} className="bm-agent-offline-ready" data-testid="offline-ready">
            已可离线使用
          </Tag>
        )}
      </section>

      <SyncBanner />

      {draft && draft.item && (
        <section className="bm-agent-card bm-agent-draft">
          <div>
            <div className="bm-agent-strong">有一件未完成的登记</div>
            <div className="bm-agent-muted">
              {draft.villager.name || '（未填姓名）'} · {draft.item.name}
            </div>
          </div>
          <Link to="/agent/new">
            <Button type="primary" ghost>
              继续
            </Button>
          </Link>
        </section>
      )}

      <div className="bm-agent-actions">
        <Link to="/agent/new" className="bm-agent-big primary">
          <FormOutlined />
          <span>新登记代办</span>
          <small>选事项 · 登记群众 · 签委托 · 拍材料</small>
        </Link>
        <Link to="/agent/mandates" className="bm-agent-big">
          <FileSearchOutlined />
          <span>我的代办</span>
          <small>办理进度 · 补正 · 移交结果</small>
        </Link>
        <Link to="/agent/sync" className="bm-agent-big">
          <CloudUploadOutlined />
          <span>待同步{s.entries.length ? `（${s.entries.length}）` : ''}</span>
          <small>本机保存、尚未提交的登记</small>
        </Link>
      </div>
    </div>
  );
}
