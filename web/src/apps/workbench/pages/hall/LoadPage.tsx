import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Space, Table, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type * as C from '../../../../../../src/modules/hallstats/hallstats.contract';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { BarChart, chinaToday, heat, mins, pct, useHallPicker } from './hallShared';
import './hall.css';

function Marks({ overloaded, idle }: { overloaded: boolean; idle: boolean }) {
  return (
    <>
      {overloaded && <Tag color="red">过载</Tag>}
      {idle && <Tag color="blue">空闲</Tag>}
    </>
  );
}

/** 窗口负荷: a day per window × hour (today live), and history with overloaded and idle windows marked. */
export default function LoadPage() {
  const { centerId, picker } = useHallPicker();
  const [day, setDay] = useState<Dayjs>(chinaToday);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [chinaToday().subtract(13, 'day'), chinaToday()]);
  const date = day.format('YYYY-MM-DD');
  const load = useLoad((signal) => (centerId ? api.get<C.DayLoadResponse>(`/hallstats/centers/${centerId}/load/day`, { date }, { signal }) : Promise.resolve(undefined)), [centerId, date]);
  const hist = useLoad(
    (signal) =>
      centerId ? api.get<C.HistoryResponse>(`/hallstats/centers/${centerId}/load/history`, { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }, { signal }) : Promise.resolve(undefined),
    [centerId, range[0].valueOf(), range[1].valueOf()],
  );
  const d = load.data;
  const th = d?.thresholds ?? hist.data?.thresholds;
  // History summed per window over the range, for the chart.
  const perWindow = new Map<number, { name: string; served: number; days: number; overloaded: number; idle: number }>();
  for (const r of hist.data?.rows ?? []) {
    const w = perWindow.get(r.number) ?? { name: r.name, served: 0, days: 0, overloaded: 0, idle: 0 };
    w.served += r.served;
    w.days += r.opened ? 1 : 0;
    w.overloaded += r.overloaded ? 1 : 0;
    w.idle += r.idle ? 1 : 0;
    perWindow.set(r.number, w);
  }
  const winList = [...perWindow].sort((a, b) => a[0] - b[0]);
  // Newest day first (then by window): the days a director asks about are the recent ones.
  const histRows = [...(hist.data?.rows ?? [])].sort((a, b) => b.date.localeCompare(a.date) || a.number - b.number);
  const marked = histRows.filter((r) => r.overloaded || r.idle);
  return (
    <>
      <PageHeader title="窗口负荷" sub={th ? `忙碌率 ≥ ${pct(th.overloadedBusyShare)} 或达到窗口限号为过载；开放但一天办结少于 ${th.idleServedBelow} 件为空闲` : undefined} extra={picker} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          size="small"
          title={day.isSame(chinaToday(), 'day') ? '今日实况（按窗口、按小时）' : `${date}（按窗口、按小时）`}
          extra={
            <Space wrap>
              <DatePicker value={day} allowClear={false} onChange={(v) => v && setDay(v)} disabledDate={(x) => x.isAfter(chinaToday(), 'day')} />
              <Button icon={<ReloadOutlined />} loading={load.loading} onClick={load.reload}>
                刷新
              </Button>
            </Space>
          }
        >
          {load.error && <Alert type="error" showIcon title={load.error.message} />}
          {d && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Tag>正在等候 {d.waiting} 人</Tag>
              <Tag>办结 {d.windows.reduce((s, w) => s + w.served, 0)} 件</Tag>
              <span style={{ color: '#8c8c8c' }}>格内数字为该小时办结件数，颜色为忙碌率（办理时长 / 在岗时长）；灰色为未开放。</span>
            </Space>
          )}
          <Table
            size="small"
            rowKey="windowId"
            loading={load.loading}
            pagination={false}
            dataSource={d?.windows ?? []}
            scroll={{ x: true }}
            columns={[
              { title: '窗口', fixed: 'left', render: (_, w) => <span style={{ whiteSpace: 'nowrap' }}>{`${w.number} 号 ${w.name}`}</span> },
              ...(d?.hours ?? []).map((h) => ({
                title: `${h}时`,
                key: `h${h}`,
                align: 'center' as const,
                width: 44,
                render: (_: unknown, w: C.DayLoadResponse['windows'][number]) => {
                  const c = w.hours.find((x) => x.hour === h)!;
                  return (
                    <Tooltip title={c.busyShare === null ? '未开放' : `办结 ${c.served} 件，忙碌率 ${pct(c.busyShare)}`}>
                      <div style={{ background: heat(c.busyShare, th?.overloadedBusyShare), color: (c.busyShare ?? 0) > 0.55 ? '#fff' : '#262626', borderRadius: 4, padding: '2px 0', minWidth: 32 }}>
                        {c.busyShare === null ? '' : c.served}
                      </div>
                    </Tooltip>
                  );
                },
              })),
              { title: '办结', dataIndex: 'served', align: 'right' },
              { title: '忙碌率', render: (_, w) => pct(w.busyShare) },
              { title: '平均等候', render: (_, w) => mins(w.meanWaitSeconds) },
              { title: '平均办理', render: (_, w) => mins(w.meanServiceSeconds) },
              { title: '', key: 'marks', render: (_, w) => <Marks overloaded={w.overloaded} idle={w.idle} /> },
            ]}
          />
        </Card>
        <Card
          size="small"
          title="历史"
          extra={<DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} disabledDate={(x) => x.isAfter(chinaToday(), 'day')} />}
        >
          {hist.error && <Alert type="error" showIcon title={hist.error.message} />}
          {winList.length > 0 && (
            <div className="hall-history-top">
              <div className="hall-history-chart">
                <BarChart
                  labels={winList.map(([n, w]) => (winList.length <= 6 ? `${n}号 ${w.name}` : `${n}号`))}
                  yLabel="件 / 天"
                  valueLabels
                  height={220}
                  series={[{ name: '日均办结（开放日）', color: '#1677ff', values: winList.map(([, w]) => (w.days ? Math.round((w.served / w.days) * 10) / 10 : 0)) }]}
                />
              </div>
              <div className="hall-marks" data-testid="load-marks">
                <div className="hall-marks-title">过载与空闲</div>
                {marked.length === 0 && <div className="hall-marks-none">所选期间没有过载或空闲的窗口</div>}
                {marked.map((r) => (
                  <div key={`${r.date}|${r.windowId}`} className="hall-mark">
                    <Marks overloaded={r.overloaded} idle={r.idle} />
                    <span>
                      {r.date} {r.number} 号 {r.name}：办结 {r.served} 件，忙碌率 {pct(r.busyShare)}
                    </span>
                  </div>
                ))}
              </div>
            </div>
          )}
          <Table
            size="small"
            rowKey={(r) => `${r.date}|${r.windowId}`}
            loading={hist.loading}
            dataSource={histRows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            rowClassName={(r) => (r.overloaded ? 'hall-row-overloaded' : r.idle ? 'hall-row-idle' : '')}
            columns={[
              { title: '日期', dataIndex: 'date' },
              { title: '窗口', render: (_, r) => `${r.number} 号 ${r.name}` },
              { title: '办结', dataIndex: 'served', align: 'right' },
              { title: '平均等候', render: (_, r) => mins(r.meanWaitSeconds) },
              { title: '平均办理', render: (_, r) => mins(r.meanServiceSeconds) },
              { title: '忙碌率', render: (_, r) => pct(r.busyShare) },
              { title: '', key: 'marks', render: (_, r) => (r.opened ? <Marks overloaded={r.overloaded} idle={r.idle} /> : <Tag>未开放</Tag>) },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
