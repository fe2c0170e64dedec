import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Result, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { CALENDAR_SOURCE_LABELS, type CalendarDay, type YearResponse, type YearsResponse } from './calendarTypes';
import { DayDialog } from './DayDialog';
import { ImportDialog } from './ImportDialog';
import { Legend, YearGrid } from './YearGrid';
import './calendar.css';

const fmtTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 工作日历: the official holidays and 调休 days by year; case deadlines are counted on it. System administrator. */
export default function CalendarPage() {
  const { message } = App.useApp();
  const years = useLoad((signal) => api.get<YearsResponse>('/calendar/years', undefined, { signal }), []);
  const [picked, setYear] = useState<number | null>(null);
  const [editing, setEditing] = useState<CalendarDay | null>(null);
  const [importYear, setImportYear] = useState<number | null>(null);

  const today = years.data?.today ?? '';
  const thisYear = today ? Number(today.slice(0, 4)) : null;
  // The year shown: the one picked, else this year (once the server said what today is).
  const year = picked ?? thisYear;

  const detail = useLoad((signal) => (year === null ? Promise.resolve(undefined) : api.get<YearResponse>(`/calendar/years/${year}`, undefined, { signal })), [year]);

  const complete = useMemo(() => new Set((years.data?.years ?? []).filter((y) => y.complete).map((y) => y.year)), [years.data]);
  const nextYear = thisYear !== null ? thisYear + 1 : null;
  const nextMissing = nextYear !== null && years.data !== undefined && !complete.has(nextYear);
  const canImport = !!years.data?.abilities.import;
  const canEdit = !!detail.data?.abilities.update && !!detail.data?.status?.complete;

  const yearOptions = useMemo(() => {
    const set = new Set<number>(complete);
    if (thisYear !== null) [thisYear - 1, thisYear, thisYear + 1].forEach((y) => set.add(y));
    if (year !== null) set.add(year);
    return [...set].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年${complete.has(y) ? '' : '（未导入）'}` }));
  }, [complete, thisYear, year]);

  const counts = useMemo(() => {
    const days = detail.data?.days ?? [];
    return {
      workdays: days.filter((d) => d.kind === 'workday').length,
      holidays: days.filter((d) => d.kind === 'holiday').length,
      swapped: days.filter((d) => d.swapped).length,
      edited: days.filter((d) => d.source === 'admin').length,
    };
  }, [detail.data]);

  if (years.error) return <Result status={years.error.status === 403 ? '403' : 'error'} title={years.error.message} />;

  const status = detail.data?.status ?? null;

  return (
    <>
      <PageHeader
        title="工作日历"
        sub="法定节假日和调休上班安排；办件的承诺期限按此计算（受理之后的第一个工作日为第 1 天，即办件当日办结）。"
        extra={
          <Space wrap>
            <Select aria-label="年份" style={{ width: 150 }} value={year ?? undefined} options={yearOptions} onChange={(v: number) => setYear(v)} loading={years.loading} />
            {canImport && (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setImportYear(year ?? nextYear ?? 2027)}>
                导入年度日历
              </Button>
            )}
          </Space>
        }
      />
      {nextMissing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${nextYear} 年工作日历尚未导入`}
          description={`期限跨入 ${nextYear} 年的办件将无法计算到期日（系统不会按普通周末推算）。国务院办公厅公布 ${nextYear} 年放假安排后，请导入其中的节假日和调休上班日。`}
          action={
            canImport ? (
              <Button size="small" onClick={() => setImportYear(nextYear)}>
                立即导入
              </Button>
            ) : undefined
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        {detail.loading && !detail.data ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : status ? (
          <Space wrap size={[32, 12]} align="center">
            <Statistic title={`${status.year} 年工作日`} value={counts.workdays} suffix="天" />
            <Statistic title="节假日" value={counts.holidays} suffix="天" />
            <Statistic title="调休上班" value={counts.swapped} suffix="天" />
            <div>
              <div>
                {status.complete ? <Tag color="success">完整，可用于计算期限</Tag> : <Tag color="error">不完整</Tag>}
                <Tag>{CALENDAR_SOURCE_LABELS[status.source]}</Tag>
                {counts.edited > 0 && <Tag color="purple">{counts.edited} 天经管理员修改</Tag>}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {status.note ? `${status.note} · ` : ''}更新于 {fmtTime(status.updatedAt)}
              </Typography.Text>
            </div>
          </Space>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={`${year ?? ''} 年工作日历尚未导入，不能计算落在该年的期限`}
          >
            {canImport && year !== null && (
              <Button type="primary" onClick={() => setImportYear(year)}>
                导入 {year} 年日历
              </Button>
            )}
          </Empty>
        )}
        <div style={{ marginTop: 12 }}>
          <Legend />
        </div>
      </Card>
      {detail.error && <Alert type="error" showIcon title={detail.error.message} style={{ marginBottom: 16 }} />}
      {status && detail.data && year !== null && (
        <>
          {canEdit && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              点击某一天可修改其类型和名称。
            </Typography.Paragraph>
          )}
          <YearGrid year={year} days={detail.data.days} today={today} onPick={canEdit ? setEditing : undefined} />
        </>
      )}
      <DayDialog
        day={editing}
        onClose={() => setEditing(null)}
        onSaved={(d) => {
          setEditing(null);
          void message.success(`${d.date} 已修改`);
          if (detail.data) detail.setData({ ...detail.data, days: detail.data.days.map((x) => (x.date === d.date ? d : x)) });
          years.reload();
        }}
      />
      {importYear !== null && (
        <ImportDialog
          open
          initialYear={importYear}
          onClose={() => setImportYear(null)}
          onImported={(y) => {
            setImportYear(null);
            years.reload();
            if (y === year) detail.reload();
            else setYear(y);
          }}
        />
      )}
    </>
  );
}
