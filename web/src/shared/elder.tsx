import { ConfigProvider, type ThemeConfig } from 'antd';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { storedSetting } from './storedSetting';

/**
 * 长辈模式 (适老化): larger type (≥ 18 px body), higher contrast, bigger touch targets, fewer steps.
 * Switched from the portal's top bar, remembered in this browser (localStorage), read synchronously at
 * start so the first render is already large (no flash of the standard size). It applies to the
 * citizen-facing pages (portal, login, register), never to the workbench or the agent app.
 *
 * `useElderMode()` is for anyone who wants to adapt a screen; `.bm-elder` (portal root) and
 * `html.bm-elder-mode` are the CSS hooks.
 */

const setting = storedSetting('bm.portal.elder');
const isElder = () => setting.get() === '1';

// Before the first render, so page CSS keyed on the class does not flash at the standard size.
if (typeof document !== 'undefined') document.documentElement.classList.toggle('bm-elder-mode', isElder() && !/^\/(workbench|agent)(\/|$)/.test(location.pathname));

export function setElderMode(on: boolean): void {
  setting.set(on ? '1' : null);
}

export interface ElderMode {
  /** 长辈模式 is chosen in this browser. */
  elder: boolean;
  setElder: (on: boolean) => void;
  toggle: () => void;
}

export function useElderMode(): ElderMode {
  const on = useSyncExternalStore(setting.subscribe, isElder);
  return { elder: on, setElder: setElderMode, toggle: () => setElderMode(!isElder()) };
}

/**
 * Theme tokens of 长辈模式: 18 px body, 48 px controls, near-black text, no grey below 4.5:1 on white,
 * stronger borders, a darker blue (white on #0958d9 is 6:1; on #1677ff only 4.1:1).
 */
export const ELDER_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0050b3',
    colorText: '#1a1a1a',
    colorTextHeading: '#000000',
    colorTextLabel: '#262626',
    colorTextSecondary: '#333333',
    colorTextTertiary: '#404040',
    colorTextDescription: '#333333',
    colorTextPlaceholder: '#595959',
    colorTextQuaternary: '#595959',
    colorBorder: '#8c8c8c',
    colorBorderSecondary: '#bfbfbf',
    colorSplit: 'rgba(0, 0, 0, 0.2)',
    fontSize: 18,
    fontSizeSM: 16,
    fontSizeLG: 20,
    fontSizeXL: 22,
    fontSizeHeading1: 32,
    fontSizeHeading2: 28,
    fontSizeHeading3: 24,
    fontSizeHeading4: 22,
    fontSizeHeading5: 20,
    fontSizeIcon: 16,
    lineHeight: 1.7,
    controlHeight: 48,
    controlHeightLG: 56,
    controlHeightSM: 36,
    borderRadius: 8,
  },
};

/** Pages where 长辈模式 applies (staff and agent apps keep their dense layout). */
export const elderApplies = (pathname: string): boolean => !/^\/(workbench|agent)(\/|$)/.test(pathname);

interface RouterLike {
  state: { location: { pathname: string } };
  subscribe: (fn: (state: { location: { pathname: string } }) => void) => () => void;
}

function usePathname(router: RouterLike): string {
  return useSyncExternalStore(
    (cb) => router.subscribe(cb),
    () => router.state.location.pathname,
  );
}

/** Wraps the app (inside the root ConfigProvider): the elder theme where it applies, and the html class. */
export function ElderTheme({ router, children }: { router: RouterLike; children: ReactNode }) {
  const { elder: on } = useElderMode();
  const pathname = usePathname(router);
  const active = on && elderApplies(pathname);
  useEffect(() => {
    document.documentElement.classList.toggle('bm-elder-mode', active);
  }, [active]);
  return <ConfigProvider theme={active ? ELDER_THEME : undefined}>{children}</ConfigProvider>;
}
