import { Col, Row } from 'antd';
import { CALENDAR_KIND_LABELS, isoWeekday, type CalendarDay } from './calendarTypes';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

/** What a screen reader (and a test) reads for a day: `2026-10-01 节假日 国庆节`. */
export function dayLabel(d: CalendarDay): string {
  const kind = d.swapped ? '调休上班' : CALENDAR_KIND_LABELS[d.kind];
  return [d.date, kind, d.name].filter(Boolean).join(' ');
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function MonthGrid({ year, month, days, today, onPick }: { year: number; month: number; days: Map<string, CalendarDay>; today: string; onPick?: (d: CalendarDay) => void }) {
  const first = `${year}-${pad(month)}-01`;
  const blanks = isoWeekday(first) - 1;
  const n = daysInMonth(year, month);
  const dates = Array.from({ length: n }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`);
  const workdays = dates.filter((d) => days.get(d)?.kind === 'workday').length;
  return (
    <section className="bm-cal-month" aria-label={`${month}月`}>
      <header className="bm-cal-month-head">
        <strong>{month}月</strong>
        <span>{workdays} 个工作日</span>
      </header>
      <div className="bm-cal-grid">
        {WEEK.map((w, i) => (
          <div key={w} className={`bm-cal-week${i >= 5 ? ' bm-cal-week-end' : ''}`}>
            {w}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`b${i}`} className="bm-cal-blank" />
        ))}
        {dates.map((date, i) => {
          const d = days.get(date);
          if (!d) return <div key={date} className="bm-cal-day bm-cal-unknown">{i + 1}</div>;
          const cls = ['bm-cal-day', `bm-cal-${d.kind}`, d.swapped ? 'bm-cal-swapped' : '', date === today ? 'bm-cal-today' : '', d.source === 'admin' ? 'bm-cal-edited' : '']
            .filter(Boolean)
            .join(' ');
          const label = dayLabel(d);
          const body = (
            <>
              <span className="bm-cal-num">{i + 1}</span>
              {d.kind === 'holiday' && <i className="bm-cal-mark">休</i>}
              {d.swapped && <i className="bm-cal-mark">班</i>}
              {(d.kind === 'holiday' || d.swapped) && d.name && <span className="bm-cal-name">{d.swapped ? '调休' : d.name}</span>}
            </>
          );
          return onPick ? (
            <button key={date} type="button" className={cls} aria-label={label} title={label} onClick={() => onPick(d)}>
              {body}
            </button>
          ) : (
            <div key={date} className={cls} aria-label={label} title={label}>
              {body}
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** A year as twelve month grids: holidays red and named, 调休 working weekends marked 班, rest days grey. */
export function YearGrid({ year, days, today, onPick }: { year: number; days: CalendarDay[]; today: string; onPick?: (d: CalendarDay) => void }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <Row gutter={[16, 16]}>
      {Array.from({ length: 12 }, (_, i) => (
        <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
          <MonthGrid year={year} month={i + 1} days={byDate} today={today} onPick={onPick} />
        </Col>
      ))}
    </Row>
  );
}

export function Legend() {
  return (
    <div className="bm-cal-legend" aria-hidden>
      <span>
        <i className="bm-cal-swatch bm-cal-workday" />
        工作日
      </span>
      <span>
        <i className="bm-cal-swatch bm-cal-restday" />
        休息日
      </span>
      <span>
        <i className="bm-cal-swatch bm-cal-holiday" />
        节假日（休）
      </span>
      <span>
        <i className="bm-cal-swatch bm-cal-workday bm-cal-swapped" />
        调休上班（班）
      </span>
    </div>
  );
}
