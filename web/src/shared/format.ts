import dayjs from 'dayjs';

export const fmtDateTime = (v: string | null | undefined): string => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');
export const fmtDate = (v: string | null | undefined): string => (v ? dayjs(v).format('YYYY-MM-DD') : '—');
export const fmtRelative = (v: string | null | undefined): string => {
  if (!v) return '—';
  const d = dayjs(v);
  const mins = dayjs().diff(d, 'minute');
  if (mins < 1) return '刚刚';
  if (mins < 60) return `${mins} 分钟前`;
  const hours = dayjs().diff(d, 'hour');
  if (hours < 24) return `${hours} 小时前`;
  return d.format('YYYY-MM-DD HH:mm');
};

/** A short, readable description of a browser user agent ("Chrome 120 · Windows"). */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '未知设备';
  const browser =
    /Edg\/(\d+)/.exec(ua)?.[1] !== undefined
      ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}`
      : /MicroMessenger\/([\d.]+)/.test(ua)
        ? '微信'
        : /Chrome\/(\d+)/.exec(ua)
          ? `Chrome ${/Chrome\/(\d+)/.exec(ua)![1]}`
          : /Firefox\/(\d+)/.exec(ua)
            ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}`
            : /Safari\//.test(ua)
              ? 'Safari'
              : /HeadlessChrome/.test(ua)
                ? 'Chrome'
                : '浏览器';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}
