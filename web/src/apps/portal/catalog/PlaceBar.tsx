import { EnvironmentOutlined } from '@ant-design/icons';
import { lazy, Suspense, useState } from 'react';
import type { Place } from './place';

// The picker (a bottom drawer) loads only when someone opens it: the home page stays light.
const PlaceDrawer = lazy(() => import('./PlaceDrawer'));

/** 我的所在地: where the lists are for, and the way to change it. */
export function PlaceBar({ place, tone = 'light' }: { place: Place; tone?: 'light' | 'hero' }) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const names = place.chain.map((r) => r.name);
  return (
    <>
      <button
        type="button"
        className={`bm-place-bar ${tone === 'hero' ? 'hero' : ''}`}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
        data-testid="place-bar"
      >
        <EnvironmentOutlined className="bm-place-bar-icon" />
        <span className="bm-place-bar-text">
          <span className="bm-place-bar-label">我的所在地</span>
          <span className="bm-place-bar-name">
            {names.length ? names.join(' · ') : place.regionId ? '正在读取…' : '未选择，请选择您所在的村或镇'}
          </span>
        </span>
        <span className="bm-place-bar-action">{names.length ? '切换' : '选择'}</span>
      </button>
      {tone === 'light' && place.ready && !place.regionId && (
        <div className="bm-place-hint">还没选所在地，现在只显示县里办的事项。选好您住的村镇，就能看到身边能办的事。</div>
      )}
      {opened && (
        <Suspense fallback={null}>
          <PlaceDrawer open={open} onClose={() => setOpen(false)} place={place} />
        </Suspense>
      )}
    </>
  );
}
