import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tabs, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { api, download } from '../../../../shared/api';
import { useShowError } from '../../../../shared/hooks';
import { parseScheduleLines, type CalendarImportReport } from './calendarTypes';

type Mode = 'lines' | 'excel';
type ReportError = CalendarImportReport['errors'][number];

const EXAMPLE = (y: number) =>
  [`# 每行：日期 类型 名称；日期可写范围，类型为 节假日 / 上班 / 休息日`, `${y}-01-01 节假日 元旦`, `${y}-02-06~${y}-02-12 节假日 春节`, `${y}-02-20 上班 春节`].join('\n');

/**
 * 导入年度日历: list a year's holidays and 调休 working weekends (typed as lines copied from the State
 * Council's notice, or an Excel file of 日期 / 类型 / 名称); every other date follows the weekday.
 * Check first (dry run), then confirm; the import replaces the year and is recorded in the audit log.
 */
export function ImportDialog({ open, initialYear, onClose, onImported }: { open: boolean; initialYear: number; onClose: () => void; onImported: (year: number) => void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [year, setYear] = useState<number | null>(initialYear);
  const [mode, setMode] = useState<Mode>('lines');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CalendarImportReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | 'template' | null>(null);

  const parsed = useMemo(() => parseScheduleLines(text), [text]);
  const lineErrors = mode === 'lines' ? parsed.errors : [];
  const ready = !!year && (mode === 'lines' ? parsed.days.length > 0 && lineErrors.length === 0 : !!file);
  const changed = () => setReport(null);

  const send = async (dryRun: boolean) => {
    if (!year || !ready) return;
    setBusy(dryRun ? 'check' : 'save');
    try {
      let r: CalendarImportReport;
      if (mode === 'lines') {
        r = await api.post<CalendarImportReport>(`/calendar/years/${year}/import?dryRun=${dryRun}`, { days: parsed.days, note: note.trim() || undefined });
      } else {
        const fd = new FormData();
        fd.append('file', file!, file!.name);
        r = await api.post<CalendarImportReport>(`/calendar/years/${year}/import.xlsx?dryRun=${dryRun}`, fd);
      }
      setReport(r);
      if (!dryRun && r.saved) {
        void message.success(`${year} 年工作日历已导入`);
        onImported(year);
      }
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const template = async () => {
    setBusy('template');
    try {
      await download('/calendar/import/template.xlsx', undefined, '工作日历导入模板.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const valid = !!report?.valid && report.dryRun;

  return (
    <Modal
      open={open}
      title="导入年度工作日历"
      width={760}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button icon={<SafetyOutlined />} disabled={!ready} loading={busy === 'check'} onClick={() => send(true)}>
            校验
          </Button>
          <Button type="primary" icon={<CheckCircleOutlined />} disabled={!valid} loading={busy === 'save'} onClick={() => send(false)}>
            确认导入
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        只需列出国务院办公厅放假通知中的<strong>节假日</strong>和<strong>调休上班日</strong>，其余日期按周一至周五上班、周六周日休息自动补齐。导入会替换该年已有的日历，并记入审计日志。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Space wrap size="large" align="start">
          <Form.Item label="年份" required>
            <InputNumber
              aria-label="年份"
              min={2000}
              max={2100}
              precision={0}
              value={year}
              onChange={(v) => {
                setYear(v);
                changed();
              }}
            />
          </Form.Item>
          {mode === 'lines' && (
            <Form.Item label="依据（可不填）">
              <Input aria-label="依据" style={{ width: 360 }} maxLength={200} placeholder="如 国办发明电〔2026〕X号" value={note} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
          )}
        </Space>
      </Form>
      <Tabs
        activeKey={mode}
        onChange={(k) => {
          setMode(k as Mode);
          changed();
        }}
        items={[
          {
            key: 'lines',
            label: '逐行填写',
            children: (
              <>
                <Input.TextArea
                  className="bm-cal-lines"
                  aria-label="节假日和调休安排"
                  rows={9}
                  placeholder={EXAMPLE(year ?? 2027)}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    changed();
                  }}
                />
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                  {parsed.days.length > 0 ? `已识别 ${parsed.days.length} 天` : '每行一条：日期（或 日期~日期） 类型 名称'}
                </Typography.Text>
                {lineErrors.length > 0 && (
                  <Alert
                    type="error"
                    showIcon
                    style={{ marginTop: 8 }}
                    title="以下行无法识别"
                    description={
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {lineErrors.slice(0, 10).map((e) => (
                          <li key={e.line}>
                            第 {e.line} 行：{e.message}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                )}
              </>
            ),
          },
          {
            key: 'excel',
            label: 'Excel 文件',
            children: (
              <>
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  maxCount={1}
                  showUploadList={false}
                  beforeUpload={(f) => {
                    if (f.size > 2 * 1024 * 1024) {
                      void message.error('文件不能超过 2 MB');
                      return Upload.LIST_IGNORE;
                    }
                    setFile(f);
                    changed();
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">点击或拖拽 Excel 文件到此处</p>
                  <p className="ant-upload-hint">工作表“工作日历”，列：日期、类型、名称</p>
                </Upload.Dragger>
                <Space style={{ marginTop: 8 }}>
                  {file ? (
                    <span>
                      <FileExcelOutlined style={{ color: '#389e0d' }} /> {file.name}
                    </span>
                  ) : (
                    <Typography.Text type="secondary">尚未选择文件</Typography.Text>
                  )}
                  <Button type="link" icon={<DownloadOutlined />} loading={busy === 'template'} onClick={template}>
                    下载模板
                  </Button>
                </Space>
              </>
            ),
          },
        ]}
      />
      {report && <ReportView report={report} />}
    </Modal>
  );
}

function ReportView({ report }: { report: CalendarImportReport }) {
  if (!report.valid) {
    return (
      <>
        <Alert type="error" showIcon title="校验未通过，未保存任何内容" style={{ margin: '12px 0' }} />
        <Table<ReportError & { key: number }>
          size="small"
          pagination={false}
          dataSource={report.errors.map((e, i) => ({ ...e, key: i }))}
          columns={[
            { title: '位置', width: 120, render: (_, e) => (e.row > 0 ? `第 ${e.row} ${e.sheet === '日历' ? '条' : '行'}` : '整体') },
            { title: '列', dataIndex: 'column', width: 80, render: (v: string) => ({ date: '日期', kind: '类型', name: '名称' })[v] ?? (v || '—') },
            { title: '错误说明', dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
          ]}
        />
      </>
    );
  }
  const s = report.summary;
  return (
    <div style={{ marginTop: 12 }}>
      <Alert
        type={report.saved ? 'success' : 'info'}
        showIcon
        title={report.saved ? `${report.year} 年工作日历已导入` : '校验通过，尚未保存'}
        description={
          report.saved ? undefined : s.replaces ? `将替换 ${report.year} 年现有的日历（${s.changed} 天有变化），请核对后点击“确认导入”。` : `${report.year} 年尚无日历，请核对后点击“确认导入”。`
        }
        style={{ marginBottom: 12 }}
      />
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label="列出的日期">{s.listed} 天</Descriptions.Item>
        <Descriptions.Item label="节假日">{s.holidays} 天</Descriptions.Item>
        <Descriptions.Item label="调休上班">{s.swappedWorkdays} 天</Descriptions.Item>
        <Descriptions.Item label="全年工作日">{s.workdays} 天</Descriptions.Item>
        <Descriptions.Item label="休息日">{s.restdays} 天</Descriptions.Item>
        <Descriptions.Item label="有变化的日期">{s.changed} 天</Descriptions.Item>
      </Descriptions>
    </div>
  );
}
