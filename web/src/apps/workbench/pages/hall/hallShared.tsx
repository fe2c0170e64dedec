import { Alert, Select, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';

/** The halls whose figures the user may read, and the one chosen (the first by default). */
export function useHallPicker() {
  const halls = useLoad((signal) => api.get<{ items: { id: string; name: string; level: string }[] }>('/hallstats/centers', undefined, { signal }), []);
  const [picked, setPicked] = useState<string>();
  const centerId = picked ?? halls.data?.items[0]?.id;
  const picker = (
    <>
      <Select
        aria-label="服务大厅"
        style={{ minWidth: 200 }}
        loading={halls.loading}
        value={centerId}
        onChange={setPicked}
        placeholder="选择服务大厅"
        options={(halls.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      />
      {halls.error && <Alert type="error" showIcon title={halls.error.message} />}
    </>
  );
  return { centerId, picker, loading: halls.loading, empty: !halls.loading && (halls.data?.items.length ?? 0) === 0 };
}

/** Today in China (the halls' business date), whatever the browser's time zone. */
/**
 * A form with one time-range field named `range` (start and end): the server reports its errors
 * on startsAt / endsAt, shown here on the range.
 */
export function showRangeFieldError(e: unknown, form: FormInstance): void {
  const fe = (e as { fieldErrors?: { path: string; message: string }[] }).fieldErrors ?? [];
  const t = fe.find((f) => f.path === 'startsAt' || f.path === 'endsAt');
  if (t) form.setFields([{ name: 'range', errors: [t.message] }]);
}

export const chinaToday = (): Dayjs => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
export const mins = (s: number | null | undefined): string => (s === null || s === undefined ? '—' : `${(s / 60).toFixed(1)} 分钟`);
export const hhmm = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }) : '—';

export interface BarSeries {
  name: string;
  color: string;
  values: number[];
  /** Drawn as a line with dots instead of bars. */
  line?: boolean;
  /** A line on its own scale, read on the right axis (another unit than the bars). */
  right?: boolean;
}

/** Ticks for 0 … max: a step of 1, 2 or a fifth of max, and the top tick at or above max. */
function axis(values: number[]) {
  const max = Math.max(1, ...values);
  const step = max <= 5 ? 1 : max <= 10 ? 2 : Math.ceil(max / 5);
  const top = Math.ceil(max / step) * step;
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}

const fmt = (v: number) => String(Math.round(v * 10) / 10);

/**
 * A small hand-drawn SVG chart (no chart library): grouped bars per category with optional line
 * series on top (on the left axis, or on a right axis of their own with `right`), a y axis with ticks
 * and a legend under the category labels. Scales to its container's width. `valueLabels` writes each
 * bar's value above it.
 */
export function BarChart({
  labels,
  series,
  height = 240,
  yLabel,
  yRightLabel,
  valueLabels,
}: {
  labels: string[];
  series: BarSeries[];
  height?: number;
  yLabel?: string;
  yRightLabel?: string;
  valueLabels?: boolean;
}) {
  const W = 720;
  const H = height;
  const hasRight = series.some((s) => s.right);
  const pad = { l: 40, r: hasRight ? 40 : 12, t: 26, b: 58 };
  const left = axis(series.filter((s) => !s.right).flatMap((s) => s.values));
  const rightAxis = axis(series.filter((s) => s.right).flatMap((s) => s.values));
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const bw = iw / Math.max(1, labels.length);
  const bars = series.filter((s) => !s.line);
  const lines = series.filter((s) => s.line);
  const y = (v: number) => pad.t + ih - (v / left.top) * ih;
  const yr = (v: number) => pad.t + ih - (v / rightAxis.top) * ih;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={series.map((s) => s.name).join('、')} style={{ maxWidth: W, display: 'block' }}>
      {left.ticks.map((t) => (
        <g key={t}>
          <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} stroke="#f0f0f0" />
          <text x={pad.l - 6} y={y(t) + 4} fontSize="11" textAnchor="end" fill="#8c8c8c">
            {t}
          </text>
        </g>
      ))}
      {hasRight &&
        rightAxis.ticks.map((t) => (
          <text key={t} x={W - pad.r + 6} y={yr(t) + 4} fontSize="11" textAnchor="start" fill="#8c8c8c">
            {t}
          </text>
        ))}
      {yLabel && (
        <text x={4} y={12} fontSize="11" fill="#8c8c8c">
          {yLabel}
        </text>
      )}
      {hasRight && yRightLabel && (
        <text x={W - 4} y={12} fontSize="11" textAnchor="end" fill="#8c8c8c">
          {yRightLabel}
        </text>
      )}
      {labels.map((l, i) => (
        <g key={l}>
          {bars.map((s, j) => {
            const w = (bw * 0.7) / bars.length;
            const x = pad.l + i * bw + bw * 0.15 + j * w;
            const v = s.values[i] ?? 0;
            return (
              <g key={s.name}>
                <rect x={x} y={y(v)} width={Math.max(1, w - 2)} height={pad.t + ih - y(v)} fill={s.color} rx={2}>
                  <title>{`${l} ${s.name}：${fmt(v)}`}</title>
                </rect>
                {valueLabels && (
                  <text x={x + (w - 2) / 2} y={y(v) - 4} fontSize="11" textAnchor="middle" fill="#262626">
                    {fmt(v)}
                  </text>
                )}
              </g>
            );
          })}
          <text x={pad.l + i * bw + bw / 2} y={pad.t + ih + 16} fontSize="11" textAnchor="middle" fill="#595959">
            {l}
          </text>
        </g>
      ))}
      {lines.map((s) => {
        const yy = s.right ? yr : y;
        return (
          <g key={s.name}>
            <polyline fill="none" stroke={s.color} strokeWidth={2} points={s.values.map((v, i) => `${pad.l + i * bw + bw / 2},${yy(v)}`).join(' ')} />
            {s.values.map((v, i) => (
              <circle key={i} cx={pad.l + i * bw + bw / 2} cy={yy(v)} r={3.5} fill={s.color}>
                <title>{`${labels[i]} ${s.name}：${fmt(v)}`}</title>
              </circle>
            ))}
          </g>
        );
      })}
      {series.map((s, i) => (
        <g key={s.name} transform={`translate(${pad.l + i * 190}, ${H - 10})`}>
          {s.line ? <line x1={0} x2={16} y1={-4} y2={-4} stroke={s.color} strokeWidth={2} /> : <rect x={0} y={-10} width={16} height={10} fill={s.color} rx={2} />}
          <text x={22} y={0} fontSize="12" fill="#262626">
            {s.name}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Background of a heat cell for a busy share (0–1): white → deep blue; overloaded in red. */
export function heat(share: number | null, overloaded = 0.85): string {
  if (share === null) return '#fafafa';
  if (share >= overloaded) return '#ff7875';
  const a = 0.08 + share * 0.7;
  return `rgba(22, 119, 255, ${a.toFixed(2)})`;
}
