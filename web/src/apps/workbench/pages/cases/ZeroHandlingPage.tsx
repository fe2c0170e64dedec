import { Alert, Card, DatePicker, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../../../shared/api';
import { useLoad } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import type { ZeroHandlingResponse } from '../../../../shared/types';

type Row = ZeroHandlingResponse['items'][number];

/** 零办理事项: published items of my centers with no case in the period (this month by default). */
export default function ZeroHandlingPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const r = useLoad((signal) => api.get<ZeroHandlingResponse>('/cases/zero-handling', { from, to }, { signal }), [from, to]);
  const items = r.data?.items ?? [];
  const published = r.data?.published ?? 0;

  return (
    <>
      <PageHeader title="零办理事项" sub="期间内没有任何办件的已发布事项：核实是否确无需求、指南是否清楚、窗口是否会办。" />
      <Card size="small">
        <Space wrap size={[24, 12]} style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            presets={[
              { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
              { label: '上月', value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
              { label: '本季度', value: [dayjs().startOf('month').subtract(dayjs().month() % 3, 'month'), dayjs()] },
              { label: '今年', value: [dayjs().startOf('year'), dayjs()] },
            ]}
            aria-label="统计期间"
          />
          <Statistic title="已发布事项" value={published} loading={r.loading} />
          <Statistic title="零办理" value={items.length} loading={r.loading} styles={{ content: { color: items.length ? '#fa8c16' : undefined } }} />
          <Statistic title="零办理占比" value={published ? Math.round((items.length / published) * 1000) / 10 : 0} suffix="%" loading={r.loading} />
        </Space>
        {r.error && <Alert type="error" showIcon title={r.error.message} style={{ marginBottom: 12 }} />}
        <Table<Row>
          rowKey={(x) => x.itemId}
          size="middle"
          loading={r.loading}
          dataSource={items}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: '期间内每个已发布事项都有办件' }}
          columns={[
            { title: '序号', width: 64, render: (_, __, i) => i + 1 },
            { title: '事项名称', dataIndex: 'name' },
            { title: '实施中心', dataIndex: 'centerName', width: 220 },
            { title: '部门', dataIndex: 'departmentName', width: 220, render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
          ]}
        />
      </Card>
    </>
  );
}
