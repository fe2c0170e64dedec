import { ArrowLeftOutlined, DeleteOutlined, EyeOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, List, Modal, Popconfirm, Result, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../../shared/api';
import { fmtDateTime } from '../../../../shared/format';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { fileSize } from '../../../../shared/photo';
import { DocUpload } from '../DocUpload';
import { DOC_KIND_OPTIONS, POLICY_TOPICS, STATUS_COLOR } from './labels';
import type { ManagedPolicy, PolicyFacets, PolicyInput, PolicyRegions } from './types';

type Values = PolicyInput & { regionId?: string };

function Attachments({ doc, onChanged }: { doc: ManagedPolicy; onChanged: (d: ManagedPolicy) => void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<string | null>(null);
  const editable = doc.abilities.includes('update');

  const upload = async (file: File) => {
    setBusy('upload');
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const res = await api.post<ManagedPolicy>(`/policies/${doc.id}/files`, fd);
      onChanged(res);
      void message.success(`已上传附件「${file.name}」`);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };
  const remove = async (fileId: string) => {
    setBusy(fileId);
    try {
      onChanged(await api.delete<ManagedPolicy>(`/policies/${doc.id}/files/${fileId}`));
      void message.success('已删除附件');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title="附件"
      extra={
        editable && (
          <DocUpload onPick={(f) => void upload(f)} loading={busy === 'upload'}>
            上传附件
          </DocUpload>
        )
      }
    >
      <List
        size="small"
        locale={{ emptyText: editable ? '暂无附件（PDF、Word、Excel 或图片，每个不超过 10 MB）' : '无附件' }}
        dataSource={doc.attachments}
        renderItem={(a) => (
          <List.Item
            actions={
              editable
                ? [
                    <Popconfirm key="del" title={`删除附件「${a.name}」？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove(a.id)}>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} loading={busy === a.id} aria-label={`删除附件${a.name}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <a href={`/api/policies/${doc.id}/files/${a.id}`} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {a.name}
            </a>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {fileSize(a.size)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

function PublishButton({ doc, onChanged }: { doc: ManagedPolicy; onChanged: (d: ManagedPolicy) => void }) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  const publish = async () => {
    setBusy(true);
    try {
      const res = await api.post<ManagedPolicy>(`/policies/${doc.id}/publish`, { version: doc.version, publishedOn: date.format('YYYY-MM-DD') });
      onChanged(res);
      setOpen(false);
      void message.success('已发布，群众可在网上办事大厅查看');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)}>
        发布
      </Button>
      <Modal open={open} title="发布政策文件" okText="确认发布" onOk={() => void publish()} confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden>
        <p>发布后，群众可以在网上办事大厅「政策文件」中检索、查看和下载附件。已发布的文件不能直接修改，需要先撤回。</p>
        <Space>
          <span>发布日期</span>
          <DatePicker value={date} onChange={(d) => d && setDate(d)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} aria-label="发布日期" />
        </Space>
      </Modal>
    </>
  );
}

function WithdrawButton({ doc, onChanged }: { doc: ManagedPolicy; onChanged: (d: ManagedPolicy) => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  const withdraw = async (v: { reason: string }) => {
    setBusy(true);
    try {
      onChanged(await api.post<ManagedPolicy>(`/policies/${doc.id}/withdraw`, { version: doc.version, reason: v.reason }));
      setOpen(false);
      void message.success('已撤回，群众不能再查看该文件');
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger icon={<RollbackOutlined />} onClick={() => setOpen(true)}>
        撤回
      </Button>
      <Modal open={open} title="撤回政策文件" okText="确认撤回" okButtonProps={{ danger: true }} onOk={() => form.submit()} confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void withdraw(v)} preserve={false}>
          <Form.Item name="reason" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }]} extra="记入审计日志；撤回后可修改再发布。">
            <Input.TextArea rows={3} maxLength={300} showCount placeholder="如：文号有误、已被新文件替代" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 政策文件 editor: a new draft, or an existing document with its attachments, publish and withdraw. */
export default function PolicyEditorPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const loaded = useLoad((signal) => (isNew ? Promise.resolve(undefined) : api.get<ManagedPolicy>(`/policies/manage/${id}`, undefined, { signal })), [id, isNew]);
  const regions = useLoad((signal) => (isNew ? api.get<PolicyRegions>('/policies/manage/regions', undefined, { signal }) : Promise.resolve(undefined)), [isNew]);
  const facets = useLoad((signal) => api.get<PolicyFacets>('/policies/facets', undefined, { signal }), []);
  const doc = loaded.data;
  const editable = isNew || !!doc?.abilities.includes('update');

  const onChanged = (d: ManagedPolicy) => loaded.setData(d);

  const save = async (v: Values) => {
    setSaving(true);
    try {
      if (isNew) {
        const res = await api.post<ManagedPolicy>('/policies', v);
        void message.success('已保存为草稿，可以继续上传附件或发布');
        navigate(`/workbench/policies/${res.id}`, { replace: true });
      } else if (doc) {
        const { regionId: _r, ...fields } = v;
        const res = await api.put<ManagedPolicy>(`/policies/${doc.id}`, { ...fields, version: doc.version });
        onChanged(res);
        void message.success('已保存');
      }
    } catch (e) {
      showError(e, form);
      if (e instanceof ApiError && e.status === 409) loaded.reload();
    } finally {
      setSaving(false);
    }
  };

  if (loaded.error) {
    return (
      <Result
        status={loaded.error.status === 404 ? '404' : 'error'}
        title={loaded.error.status === 404 ? '未找到该文件' : '加载失败'}
        subTitle={loaded.error.message}
        extra={<Link to="/workbench/policies">返回政策文件</Link>}
      />
    );
  }

  const title = isNew ? '新建政策文件' : (doc?.title ?? '政策文件');
  return (
    <>
      <PageHeader
        title={isNew ? '新建政策文件' : editable ? '编辑政策文件' : '查看政策文件'}
        sub={
          <Link to="/workbench/policies">
            <ArrowLeftOutlined /> 返回政策文件
          </Link>
        }
        extra={
          doc && (
            <Space wrap>
              <Tag color={STATUS_COLOR[doc.status]}>{doc.statusLabel}</Tag>
              {doc.status === 'published' && (
                <a href={`/portal/policies/${doc.id}`} target="_blank" rel="noreferrer">
                  <Button icon={<EyeOutlined />}>在门户查看</Button>
                </a>
              )}
              {doc.abilities.includes('publish') && <PublishButton doc={doc} onChanged={onChanged} />}
              {doc.abilities.includes('withdraw') && <WithdrawButton doc={doc} onChanged={onChanged} />}
            </Space>
          )
        }
      />
      {doc?.status === 'published' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`已于 ${doc.publishedOn} 发布。已发布的文件不能直接修改，如需修改请先撤回。`} />
      )}
      {doc?.status === 'withdrawn' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="该文件已撤回，群众不能查看。修改后可以重新发布。" />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={title} loading={!isNew && !doc}>
            {(isNew || doc) && (
              <Form<Values>
                key={doc ? `${doc.id}:${doc.version}` : 'new'}
                form={form}
                layout="vertical"
                disabled={!editable || saving}
                initialValues={doc ? { title: doc.title, docNo: doc.docNo, issuer: doc.issuer, topic: doc.topic as Values['topic'], kind: doc.kind, summary: doc.summary, body: doc.body } : { kind: 'notice', docNo: '', summary: '' }}
                onFinish={(v) => void save(v)}
              >
                {isNew && (
                  <Form.Item name="regionId" label="发布地区" rules={[{ required: true, message: '请选择发布地区' }]} extra="县级文件由县发布；乡镇文件只有本乡镇和县级编辑人员可以修改。">
                    <Select
                      loading={regions.loading}
                      placeholder="选择县或乡镇"
                      options={regions.data?.items.map((r) => ({ value: r.id, label: `${r.name}${r.level === 'county' ? '（县级）' : ''}` }))}
                    />
                  </Form.Item>
                )}
                <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                  <Input maxLength={200} showCount placeholder="如：示范县人民政府办公室关于……的通知" />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name="docNo" label="文号" extra="政策解读等没有文号的可不填">
                      <Input maxLength={60} placeholder="如：示政办发〔2026〕8号" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="issuer" label="发文机关" rules={[{ required: true, whitespace: true, message: '请填写发文机关' }]}>
                      <AutoComplete
                        maxLength={100}
                        placeholder="如：示范县人民政府办公室"
                        options={facets.data?.issuers.map((i) => ({ value: i.value }))}
                        filterOption={(input, o) => !!o?.value && String(o.value).includes(input)}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请选择主题' }]}>
                      <Select placeholder="选择主题" options={POLICY_TOPICS.map((t) => ({ value: t, label: t }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
                      <Select options={DOC_KIND_OPTIONS} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="summary" label="摘要" extra="一两句话说明文件讲什么，显示在检索结果中">
                  <Input.TextArea rows={2} maxLength={500} showCount />
                </Form.Item>
                <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]} extra="每段一行；群众可以按正文中的任何词句检索到本文件。">
                  <Input.TextArea autoSize={{ minRows: 12, maxRows: 30 }} maxLength={50000} />
                </Form.Item>
                {editable && (
                  <Button type="primary" htmlType="submit" loading={saving}>
                    {isNew ? '保存草稿' : '保存'}
                  </Button>
                )}
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {doc ? (
            <Space orientation="vertical" style={{ width: '100%' }} size={12}>
              <Attachments doc={doc} onChanged={onChanged} />
              <Card size="small" title="信息">
                <Typography.Paragraph style={{ marginBottom: 4 }}>发布地区：{doc.regionName}</Typography.Paragraph>
                <Typography.Paragraph style={{ marginBottom: 4 }}>创建人：{doc.createdByName ?? '—'}</Typography.Paragraph>
                <Typography.Paragraph style={{ marginBottom: 0 }}>最后修改：{fmtDateTime(doc.updatedAt)}</Typography.Paragraph>
              </Card>
            </Space>
          ) : (
            isNew && <Alert type="info" showIcon title="先保存草稿，再上传附件和发布。" />
          )}
        </Col>
      </Row>
    </>
  );
}
