import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Input, Result, Row, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, download } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { useShowError } from '../../../shared/hooks';
import { ImportCounts, ImportVerdict, type ImportCountGroup } from '../../../shared/ImportResult';
import { PageHeader } from '../../../shared/PageHeader';
import type { ImportReport } from '../../../shared/types';

const SUMMARY_LABELS: [keyof ImportReport['summary'], string][] = [
  ['regions', '区划'],
  ['centers', '服务中心'],
  ['staff', '工作人员'],
];

const countGroups = (summary: ImportReport['summary']): ImportCountGroup[] =>
  SUMMARY_LABELS.map(([key, label]) => ({ key, label, created: summary[key].create, updated: summary[key].update, unchanged: summary[key].unchanged }));

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
              <ImportVerdict
                valid={report.valid}
                errors={report.errors}
                groups={countGroups(report.summary)}
                unchangedText="文件内容与现有数据一致，无需导入。"
                saving={busy === 'save'}
                onSave={() => void send(false)}
                onReset={reset}
              />
            )}
          </>
        )}
      </Card>
    </>
  );
}
