import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';

/**
 * What every Excel import shows after its dry run (organisation, catalog): the counts per kind of
 * record, or every error by sheet / row / column — and the button that saves only a valid file.
 */

export interface ImportErrorRow {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImportCountGroup {
  key: string;
  label: string;
  created: number;
  updated: number;
  unchanged: number;
}

/** Records the import would create or update (0 = the file matches what is saved). */
export const importChanges = (groups: readonly ImportCountGroup[]): number => groups.reduce((n, g) => n + g.created + g.updated, 0);

export function ImportCounts({ groups }: { groups: readonly ImportCountGroup[] }) {
  return (
    <Row gutter={[16, 16]}>
      {groups.map((g) => (
        <Col key={g.key} xs={24} md={24 / groups.length}>
          <Card size="small" title={g.label}>
            <Row>
              <Col span={8}>
                <Statistic title="新建" value={g.created} styles={{ content: { color: '#389e0d' } }} />
              </Col>
              <Col span={8}>
                <Statistic title="更新" value={g.updated} styles={{ content: { color: '#1677ff' } }} />
              </Col>
              <Col span={8}>
                <Statistic title="不变" value={g.unchanged} />
              </Col>
            </Row>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function ImportErrorTable({ errors }: { errors: readonly ImportErrorRow[] }) {
  const [sheet, setSheet] = useState<string | undefined>();
  const sheets = useMemo(() => [...new Set(errors.map((e) => e.sheet || '整个文件'))], [errors]);
  const shown = sheet ? errors.filter((e) => (e.sheet || '整个文件') === sheet) : errors;
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text>共 {errors.length} 处错误</Typography.Text>
        {sheets.length > 1 && (
          <Select
            size="small"
            allowClear
            placeholder="全部工作表"
            style={{ width: 160 }}
            value={sheet}
            onChange={setSheet}
            options={sheets.map((s) => ({ value: s, label: s }))}
          />
        )}
      </Space>
      <Table<ImportErrorRow & { key: number }>
        size="small"
        className="bm-import-errors"
        dataSource={shown.map((e, i) => ({ ...e, key: i }))}
        pagination={shown.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 640 }}
        columns={[
          { title: '工作表', dataIndex: 'sheet', width: 110, render: (v: string) => v || '整个文件' },
          { title: '行', dataIndex: 'row', width: 70, render: (v: number) => (v > 0 ? `第 ${v} 行` : '—') },
          { title: '列', dataIndex: 'column', width: 130, render: (v: string) => v || '—' },
          { title: '错误说明', dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
        ]}
      />
    </>
  );
}

/** The dry run's verdict: counts and 确认导入 when valid, else every error and nothing saved. */
export function ImportVerdict(props: {
  valid: boolean;
  errors: readonly ImportErrorRow[];
  groups: readonly ImportCountGroup[];
  /** Said when the file changes nothing, e.g. 「文件内容与现有数据一致，无需导入。」 */
  unchangedText: string;
  saving: boolean;
  onSave: () => void;
  onReset: () => void;
}) {
  const changes = importChanges(props.groups);
  return (
    <div style={{ marginTop: 24 }}>
      {props.valid ? (
        <>
          <Alert
            type="success"
            showIcon
            title="校验通过"
            description={changes ? '以下变更尚未保存，请核对后点击「确认导入」。' : props.unchangedText}
            style={{ marginBottom: 16 }}
          />
          <ImportCounts groups={props.groups} />
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" icon={<CheckCircleOutlined />} disabled={!changes} loading={props.saving} onClick={props.onSave}>
              确认导入
            </Button>
            <Button onClick={props.onReset}>重新选择文件</Button>
          </Space>
        </>
      ) : (
        <>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={`校验未通过：共 ${props.errors.length} 处错误，未保存任何数据`}
            description="请按下表逐条修改 Excel 文件后重新上传。"
            style={{ marginBottom: 16 }}
          />
          <ImportErrorTable errors={props.errors} />
        </>
      )}
    </div>
  );
}
