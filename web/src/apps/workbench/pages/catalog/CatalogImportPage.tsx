import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Result, Row, Select, Space, Steps, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, download } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { useShowError } from '../../../../shared/hooks';
import { ImportCounts, ImportVerdict, type ImportCountGroup } from '../../../../shared/ImportResult';
import { PageHeader } from '../../../../shared/PageHeader';
import type { CatalogImportReport } from '../../../../shared/types';
import { useCatalogTree } from './catalogData';
import { ITEM_LEVEL_LABELS } from './catalogLabels';

const SUMMARY: [keyof CatalogImportReport['summary'], string][] = [
  ['basicItems', '基本目录事项'],
  ['items', '实施清单事项'],
];

const countGroups = (summary: CatalogImportReport['summary']): ImportCountGroup[] =>
  SUMMARY.map(([key, label]) => ({ key, label, created: summary[key].created, updated: summary[key].updated, unchanged: summary[key].unchanged }));

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
                  <ImportCounts groups={countGroups(saved.summary)} />
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
                    <ImportVerdict
                      valid={report.ok && report.errors.length === 0}
                      errors={report.errors}
                      groups={countGroups(report.summary)}
                      unchangedText="文件内容与现有清单一致，无需导入。"
                      saving={busy === 'save'}
                      onSave={() => void send(false)}
                      onReset={reset}
                    />
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
