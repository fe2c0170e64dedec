import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Select, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, download } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import type { CatalogImportReport } from '../../../../shared/types';
import { useCatalogTree } from './catalogData';
import { ITEM_LEVEL_LABELS } from './catalogLabels';

type ImportRow = CatalogImportReport['errors'][number];

const SUMMARY: [keyof CatalogImportReport['summary'], string][] = [
  ['basicItems', '基本目录事项'],
  ['items', '实施清单事项'],
];

function Summary({ summary }: { summary: CatalogImportReport['summary'] }) {
  return (
    <Row gutter={[16, 16]}>
      {SUMMARY.map(([k, label]) => (
        <Col key={k} xs={24} md={12}>
          <Card size="small" title={label}>
            <Row>
              <Col span={8}>
                <Statistic title="新建" value={summary[k].created} styles={{ content: { color: '#389e0d' } }} />
              </Col>
              <Col span={8}>
                <Statistic title="更新" value={summary[k].updated} styles={{ content: { color: '#1677ff' } }} />
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

function Errors({ errors }: { errors: ImportRow[] }) {
  return (
    <Table<ImportRow & { key: number }>
      size="small"
      dataSource={errors.map((e, i) => ({ ...e, key: i }))}
      pagination={errors.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
      scroll={{ x: 640 }}
      columns={[
        { title: '工作表', dataIndex: 'sheet', width: 130, render: (v: string) => v || '整个文件' },
        { title: '行', dataIndex: 'row', width: 80, render: (v: number) => (v > 0 ? `第 ${v} 行` : '—') },
        { title: '列', dataIndex: 'column', width: 140, render: (v: string) => v || '—' },
        { title: '错误说明', dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
      ]}
    />
  );
}

const isReport = (x: unknown): x is CatalogImportReport => !!x && typeof x === 'object' && Array.isArray((x as CatalogImportReport).errors) && !!(x as CatalogImportReport).summary;

/** 导入导出: the catalog as an Excel workbook — template, checked upload (dry run first), export. */
export default function CatalogImportPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useShowError();
  const tree = useCatalogTree();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CatalogImportReport | null>(null);
  const [saved, setSaved] = useState<CatalogImportReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | 'template' | 'export' | null>(null);
  const [exportCenter, setExportCenter] = useState<string | undefined>();
  const canImport = can('catalog_item.import') || can('catalog_basic_item.import');

  const centerOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const c of tree.data?.centers ?? []) {
      const g = ITEM_LEVEL_LABELS[c.level];
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push({ value: c.id, label: c.name });
    }
    return [...groups.entries()].map(([label, options]) => ({ label, options }));
  }, [tree.data]);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    setBusy(dryRun ? 'check' : 'save');
    try {
      const r = await api.post<CatalogImportReport>(`/catalog/admin/import?dryRun=${dryRun}`, fd);
      if (dryRun || !r.ok) setReport(r);
      else {
        setSaved(r);
        setReport(null);
        void message.success('导入完成');
      }
    } catch (e) {
      if (e instanceof ApiError) {
        const d = e.details as unknown;
        if (isReport(d)) setReport(d);
        else if (d && typeof d === 'object' && isReport((d as { report?: unknown }).report)) setReport((d as { report: CatalogImportReport }).report);
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
      if (kind === 'template') await download('/catalog/admin/template.xlsx', undefined, '事项清单导入模板.xlsx');
      else {
        const center = tree.data?.centers.find((c) => c.id === exportCenter);
        await download('/catalog/admin/export.xlsx', { centerId: exportCenter }, center ? `${center.name}事项清单.xlsx` : '事项清单.xlsx');
      }
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const changes = report ? SUMMARY.reduce((n, [k]) => n + report.summary[k].created + report.summary[k].updated, 0) : 0;
  const step = saved ? 2 : report ? 1 : 0;

  return (
    <>
      <PageHeader title="导入导出" sub="用 Excel 批量维护基本目录和实施清单：先校验，全部无误后再确认导入；有任何错误都不会保存。导入的事项生成草稿，仍须审核后发布。" />
      <Row gutter={[16, 16]}>
        {can('catalog_item.export') && (
          <Col xs={24}>
            <Card size="small" title="导出清单">
              <Space wrap>
                <Select
                  allowClear
                  placeholder="全部事项（整个清单）"
                  style={{ width: 280 }}
                  value={exportCenter}
                  onChange={setExportCenter}
                  options={centerOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                  aria-label="导出范围"
                />
                <Button icon={<FileExcelOutlined />} loading={busy === 'export'} onClick={() => getFile('export')}>
                  {exportCenter ? '导出该中心清单' : '导出整个清单'}
                </Button>
                <Typography.Text type="secondary">导出文件可修改后重新导入。</Typography.Text>
              </Space>
            </Card>
          </Col>
        )}
        {canImport && (
          <Col xs={24}>
            <Card
              size="small"
              title="导入清单"
              extra={
                <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => getFile('template')}>
                  下载模板
                </Button>
              }
            >
              <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: '上传并校验' }, { title: '核对校验结果' }, { title: '完成导入' }]} />
              {saved ? (
                <Result
                  status="success"
                  title="导入完成"
                  subTitle="导入的事项已生成草稿版本，请在事项清单中核对后提交审核。"
                  extra={[
                    <Button key="again" type="primary" onClick={reset}>
                      继续导入
                    </Button>,
                    <Link key="list" to="/workbench/catalog?pending=1">
                      <Button>查看待审核和草稿</Button>
                    </Link>,
                  ]}
                >
                  <Summary summary={saved.summary} />
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
                          if (f.size > 10 * 1024 * 1024) {
                            void message.error('文件不能超过 10 MB');
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
                        <p className="ant-upload-hint">仅支持 .xlsx；请使用「下载模板」或「导出清单」得到的文件</p>
                      </Upload.Dragger>
                    </Col>
                    <Col xs={24} lg={10}>
                      <Descriptions column={1} size="small" title="导入须知">
                        <Descriptions.Item label="匹配规则">基本目录按基本编码、实施清单按实施中心+基本编码匹配；已存在的更新，不存在的新建</Descriptions.Item>
                        <Descriptions.Item label="版本">已发布事项的修改生成新的草稿版本，审核通过后替换当前版本</Descriptions.Item>
                        <Descriptions.Item label="范围">只能导入您管辖范围内的中心和部门</Descriptions.Item>
                      </Descriptions>
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
                      {report.ok && report.errors.length === 0 ? (
                        <>
                          <Alert
                            type="success"
                            showIcon
                            title="校验通过"
                            description={changes ? '以下变更尚未保存，请核对后点击「确认导入」。' : '文件内容与现有清单一致，无需导入。'}
                            style={{ marginBottom: 16 }}
                          />
                          <Summary summary={report.summary} />
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
                            description="请按下表修改 Excel 文件后重新上传。"
                            style={{ marginBottom: 16 }}
                          />
                          <Errors errors={report.errors} />
                        </>
                      )}
                    </div>
                  )}
                </>
              )}
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
