import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Input, Result, Row, Select, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, download } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { useShowError } from '../../../shared/hooks';
import { PageHeader } from '../../../shared/PageHeader';
import type { ImportError, ImportReport } from '../../../shared/types';

const SUMMARY_LABELS: [keyof ImportReport['summary'], string][] = [
  ['regions', '区划'],
  ['centers', '服务中心'],
  ['staff', '工作人员'],
];

function SummaryTable({ summary }: { summary: ImportReport['summary'] }) {
  return (
    <Row gutter={[16, 16]}>
      {SUMMARY_LABELS.map(([k, label]) => (
        <Col key={k} xs={24} md={8}>
          <Card size="small" title={label}>
            <Row>
              <Col span={8}>
                <Statistic title="新建" value={summary[k].create} styles={{ content: { color: '#389e0d' } }} />
              </Col>
              <Col span={8}>
                <Statistic title="更新" value={summary[k].update} styles={{ content: { color: '#1677ff' } }} />
              </Col>
              <Col span={8}>
                <Statistic title="不变" value={summary[k].unchanged} />
              </Col>
            </Row>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function ErrorTable({ errors }: { errors: ImportError[] }) {
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
      <Table<ImportError & { key: number }>
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

/** 批量导入: upload the org workbook, see every error by sheet/row/column, then confirm. */
export default function ImportPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useShowError();
  const [file, setFile] = useState<File | null>(null);
  const [initialPassword, setInitialPassword] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | 'template' | 'export' | null>(null);
  const [saved, setSaved] = useState<ImportReport | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    if (initialPassword) fd.append('initialPassword', initialPassword);
    setBusy(dryRun ? 'check' : 'save');
    try {
      const r = await api.post<ImportReport>(`/org/import?dryRun=${dryRun}`, fd);
      if (dryRun) setReport(r);
      else {
        setSaved(r);
        setReport(null);
        void message.success('导入完成');
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_INVALID' && e.details && typeof e.details === 'object' && 'errors' in e.details) {
        setReport(e.details as ImportReport);
      }
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setFile(null);
    setReport(null);
    setSaved(null);
  };

  const getFile = async (kind: 'template' | 'export') => {
    setBusy(kind);
    try {
      if (kind === 'template') await download('/org/import/template', undefined, '组织机构导入模板.xlsx');
      else await download('/org/export', undefined, '组织机构导出.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const step = saved ? 2 : report ? 1 : 0;
  const changes = report ? SUMMARY_LABELS.reduce((n, [k]) => n + report.summary[k].create + report.summary[k].update, 0) : 0;

  return (
    <>
      <PageHeader
        title="批量导入"
        sub="用 Excel 批量维护区划、服务中心和工作人员：先校验，全部无误后再确认导入；有任何错误都不会保存。"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => getFile('template')}>
              下载模板
            </Button>
            {can('region.export') && (
              <Button icon={<FileExcelOutlined />} loading={busy === 'export'} onClick={() => getFile('export')}>
                导出现有数据
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: '上传并校验' }, { title: '核对校验结果' }, { title: '完成导入' }]}
        />
        {saved ? (
          <Result
            status="success"
            title="导入完成"
            subTitle="所有数据已在一个事务中保存，并记入审计日志。"
            extra={[
              <Button key="again" type="primary" onClick={reset}>
                继续导入
              </Button>,
              <Link key="org" to="/workbench/org">
                <Button>查看组织机构</Button>
              </Link>,
            ]}
          >
            <SummaryTable summary={saved.summary} />
          </Result>
        ) : (
          <>
            <Row gutter={[24, 16]}>
              <Col xs={24} lg={14}>
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  maxCount={1}
                  showUploadList={false}
                  beforeUpload={(f) => {
                    if (f.size > 5 * 1024 * 1024) {
                      void message.error('文件不能超过 5 MB');
                      return Upload.LIST_IGNORE;
                    }
                    setFile(f);
                    setReport(null);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">点击或拖拽 Excel 文件到此处</p>
                  <p className="ant-upload-hint">仅支持 .xlsx，不超过 5 MB；工作表：区划、服务中心、工作人员</p>
                </Upload.Dragger>
              </Col>
              <Col xs={24} lg={10}>
                <Descriptions column={1} size="small" title="导入须知">
                  <Descriptions.Item label="匹配规则">区划按代码、服务中心按区划+名称、工作人员按用户名匹配；已存在的更新，不存在的新建</Descriptions.Item>
                  <Descriptions.Item label="证件号">导出文件中的脱敏值表示不修改</Descriptions.Item>
                </Descriptions>
                <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
                  新建账号的初始密码
                </Typography.Text>
                <Input.Password
                  style={{ marginTop: 8 }}
                  value={initialPassword}
                  onChange={(e) => setInitialPassword(e.target.value)}
                  placeholder="文件中包含新工作人员时必填"
                  autoComplete="new-password"
                />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
                  初始密码不写入文件；新账号首次登录须修改密码。
                </Typography.Paragraph>
              </Col>
            </Row>
            <Space style={{ marginTop: 16 }} wrap>
              <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file} loading={busy === 'check'} onClick={() => send(true)}>
                上传并校验
              </Button>
              {file ? (
                <span data-testid="import-file">
                  <FileExcelOutlined style={{ color: '#389e0d' }} /> {file.name}
                  <Typography.Text type="secondary">（{(file.size / 1024).toFixed(1)} KB）</Typography.Text>
                  <Button type="link" size="small" onClick={reset}>
                    移除
                  </Button>
                </span>
              ) : (
                <Typography.Text type="secondary">尚未选择文件</Typography.Text>
              )}
            </Space>
            {report && (
              <div style={{ marginTop: 24 }}>
                {report.valid ? (
                  <>
                    <Alert
                      type="success"
                      showIcon
                      title="校验通过"
                      description={changes ? '以下变更尚未保存，请核对后点击「确认导入」。' : '文件内容与现有数据一致，无需导入。'}
                      style={{ marginBottom: 16 }}
                    />
                    <SummaryTable summary={report.summary} />
                    <Space style={{ marginTop: 16 }}>
                      <Button type="primary" icon={<CheckCircleOutlined />} disabled={!changes} loading={busy === 'save'} onClick={() => send(false)}>
                        确认导入
                      </Button>
                      <Button onClick={reset}>重新选择文件</Button>
                    </Space>
                  </>
                ) : (
                  <>
                    <Alert
                      type="error"
                      showIcon
                      role="alert"
                      title={`校验未通过：共 ${report.errors.length} 处错误，未保存任何数据`}
                      description="请按下表逐条修改 Excel 文件后重新上传。"
                      style={{ marginBottom: 16 }}
                    />
                    <ErrorTable errors={report.errors} />
                  </>
                )}
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
