import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Result, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../../shared/api';
import { useAuth } from '../../../../shared/auth';
import { FormModal } from '../../../../shared/FormModal';
import { fmtDateTime, fmtRelative } from '../../../../shared/format';
import { LoadMore } from '../../../../shared/LoadMore';
import { useOrgTree } from '../../../../shared/orgTree';
import { PageHeader } from '../../../../shared/PageHeader';
import type { BasicItem, CatalogTree } from '../../../../shared/types';
import { useCursorList } from '../../../../shared/useCursorList';
import { useCatalogTree } from './catalogData';
import { ITEM_TYPES, ITEM_TYPE_CODES, rowAbility } from './catalogLabels';
import './catalog.css';

interface BasicValues {
  code: string;
  name: string;
  itemType: string;
  departmentId: string;
  legalBasis: { name: string; article?: string; text?: string }[];
}

const typeOptions = ITEM_TYPE_CODES.map((c) => ({ value: c, label: `${c} ${ITEM_TYPES[c]}` }));

function BasicItemModal({ open, item, tree, onClose, onSaved }: { open: boolean; item?: BasicItem; tree: CatalogTree | undefined; onClose: () => void; onSaved: () => void }) {
  const editing = !!item;
  // Basic items belong to county departments (the county's 基本目录).
  const deptOptions = useMemo(
    () => (tree?.departments ?? []).filter((d) => d.kind === 'department' || d.id === item?.departmentId).map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` })),
    [tree, item],
  );
  return (
    <FormModal<BasicValues>
      open={open}
      width={760}
      title={editing ? `编辑基本目录事项：${item.name}` : '新建基本目录事项'}
      initialValues={
        editing
          ? { code: item.code, name: item.name, itemType: item.itemType, departmentId: item.departmentId, legalBasis: item.legalBasis }
          : { itemType: '01', legalBasis: [{ name: '', article: '', text: '' }] }
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        const body = {
          code: v.code.trim(),
          name: v.name.trim(),
          itemType: v.itemType,
          departmentId: v.departmentId,
          legalBasis: v.legalBasis.map((b) => ({ name: b.name.trim(), article: (b.article ?? '').trim(), text: (b.text ?? '').trim() })),
        };
        if (editing) await api.patch(`/catalog/admin/basic-items/${item.id}`, { ...body, version: item.version });
        else await api.post('/catalog/admin/basic-items', body);
        onSaved();
      }}
    >
      {(form) => (
        <>
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="itemType" label="事项类型" rules={[{ required: true, message: '请选择事项类型' }]}>
                <Select
                  options={typeOptions}
                  onChange={(t: string) => {
                    const code = (form.getFieldValue('code') as string | undefined) ?? '';
                    if (!code || /^\d{2}$/.test(code) || /^\d{12}$/.test(code)) form.setFieldValue('code', t + code.slice(2));
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item
                name="code"
                label="基本编码"
                extra="12位：事项类型2位 + 主项4位 + 子项3位 + 业务项3位"
                dependencies={['itemType']}
                rules={[
                  { required: true, message: '请输入基本编码' },
                  { pattern: /^\d{12}$/, message: '基本编码应为12位数字' },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) =>
                      !v || !/^\d{12}$/.test(v) || v.slice(0, 2) === getFieldValue('itemType')
                        ? Promise.resolve()
                        : Promise.reject(new Error(`前两位应为事项类型代码 ${getFieldValue('itemType') as string}`)),
                  }),
                ]}
              >
                <Input maxLength={12} inputMode="numeric" className="bm-cat-code" placeholder="如：050001001000" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="name" label="事项名称" rules={[{ required: true, whitespace: true, message: '请输入事项名称' }, { max: 100, message: '不能超过100个字' }]}>
                <Input placeholder="如：最低生活保障审核确认" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="departmentId" label="主管部门" rules={[{ required: true, message: '请选择主管部门' }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={deptOptions} placeholder="选择部门" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>设定依据</Typography.Text>
          <Form.List name="legalBasis" rules={[{ validator: async (_, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error('至少填写一条设定依据'))) }]}>
            {(fields, { add, remove }, { errors }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((f, i) => (
                  <div className="bm-cat-row" key={f.key}>
                    <div className="bm-cat-row-head">
                      <span className="bm-cat-index">{i + 1}</span>
                      {fields.length > 1 && <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除第${i + 1}条设定依据`} />}
                    </div>
                    <Row gutter={12}>
                      <Col xs={24} md={16}>
                        <Form.Item name={[f.name, 'name']} label="法律法规或文件" rules={[{ required: true, whitespace: true, message: '请输入依据名称' }, { max: 200, message: '不能超过200个字' }]}>
                          <Input placeholder="如：《社会救助暂行办法》" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'article']} label="条款" rules={[{ max: 100, message: '不能超过100个字' }]}>
                          <Input placeholder="如：第十一条" />
                        </Form.Item>
                      </Col>
                      <Col span={24}>
                        <Form.Item name={[f.name, 'text']} label="条文内容" rules={[{ max: 4000, message: '不能超过4000个字' }]}>
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="选填：条文原文" />
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                ))}
                <div className="bm-cat-list-error"><Form.ErrorList errors={errors} /></div>
                {fields.length < 20 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', article: '', text: '' })}>
                    添加设定依据
                  </Button>
                )}
              </div>
            )}
          </Form.List>
        </>
      )}
    </FormModal>
  );
}

/** 基本目录: the county's basic items (code, name, type, legal basis, department) that centers implement. */
export default function BasicItemsPage() {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [dialog, setDialog] = useState<{ item?: BasicItem } | null>(null);
  const tree = useCatalogTree();
  const org = useOrgTree(false, can('catalog_basic_item.create'));
  const list = useCursorList<BasicItem>('/catalog/admin/basic-items', { q: q || undefined, departmentId }, 100);

  // Basic items sit at the county: only a 事项管理员 whose scope is a county (or above) creates them.
  const countyScoped = useMemo(() => {
    const roots = org.data?.roots ?? [];
    const countyIds = new Set(roots.filter((r) => ['province', 'city', 'county'].includes(r.level)).map((r) => r.id));
    return (me?.roles ?? []).some((r) => r.role === 'catalog_admin' && r.scopeType === 'region' && !!r.scopeId && countyIds.has(r.scopeId));
  }, [org.data, me]);
  const deptOptions = useMemo(() => (tree.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name })), [tree.data]);

  return (
    <>
      <PageHeader
        title="基本目录"
        sub="县级统一维护的事项基本目录：基本编码、名称、类型、设定依据和主管部门。各中心的实施清单从基本目录选取事项。"
        extra={
          can('catalog_basic_item.create') &&
          countyScoped && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              新建基本目录事项
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search placeholder="事项名称或基本编码" allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 260 }} />
          <Select allowClear placeholder="全部主管部门" style={{ width: 220 }} value={departmentId} onChange={setDepartmentId} options={deptOptions} showSearch={{ optionFilterProp: 'label' }} aria-label="主管部门" />
        </Space>
        {list.error ? (
          <Result status={list.error.status === 403 ? '403' : 'error'} title={list.error.message} />
        ) : (
          <Table<BasicItem>
            size="small"
            rowKey="id"
            loading={list.loading}
            dataSource={list.items}
            pagination={false}
            scroll={{ x: 1160 }}
            expandable={{
              expandedRowRender: (b) => (
                <ol style={{ margin: 0, paddingLeft: 20 }}>
                  {b.legalBasis.map((x, i) => (
                    <li key={i} style={{ marginBottom: 6 }}>
                      <Typography.Text strong>
                        {x.name}
                        {x.article && ` ${x.article}`}
                      </Typography.Text>
                      {x.text && <div style={{ color: 'rgba(0,0,0,0.65)', whiteSpace: 'pre-wrap' }}>{x.text}</div>}
                    </li>
                  ))}
                </ol>
              ),
              rowExpandable: (b) => b.legalBasis.length > 0,
            }}
            columns={[
              { title: '基本编码', dataIndex: 'code', width: 130, render: (v: string) => <span className="bm-cat-code">{v}</span> },
              {
                title: '事项名称',
                dataIndex: 'name',
                render: (v: string, b) => (
                  <span>
                    {v}
                    {!b.active && <Tag style={{ marginLeft: 6 }}>停用</Tag>}
                  </span>
                ),
              },
              { title: '事项类型', dataIndex: 'itemType', width: 110, render: (v: string) => ITEM_TYPES[v as keyof typeof ITEM_TYPES] ?? v },
              { title: '主管部门', dataIndex: 'departmentName', width: 180 },
              {
                title: '设定依据',
                key: 'basis',
                width: 260,
                ellipsis: { showTitle: false },
                render: (_, b) =>
                  b.legalBasis.length ? (
                    <Tooltip title={b.legalBasis.map((x) => `${x.name}${x.article ? ` ${x.article}` : ''}`).join('；')}>
                      <span>
                        {b.legalBasis[0].name}
                        {b.legalBasis.length > 1 ? ` 等 ${b.legalBasis.length} 项` : ''}
                      </span>
                    </Tooltip>
                  ) : (
                    <Typography.Text type="danger">未填写</Typography.Text>
                  ),
              },
              { title: '实施', dataIndex: 'implementations', width: 80, render: (v: number) => (v ? `${v} 处` : <Typography.Text type="secondary">未实施</Typography.Text>) },
              { title: '更新时间', dataIndex: 'updatedAt', width: 120, render: (v: string) => <Tooltip title={fmtDateTime(v)}>{fmtRelative(v)}</Tooltip> },
              {
                title: '操作',
                key: 'ops',
                width: 80,
                fixed: 'right',
                render: (_, b) =>
                  rowAbility(b.abilities, 'catalog_basic_item')('update') ? (
                    <Button type="link" size="small" onClick={() => setDialog({ item: b })}>
                      编辑
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
        <LoadMore list={list} />
      </Card>
      <BasicItemModal
        open={!!dialog}
        item={dialog?.item}
        tree={tree.data}
        onClose={() => setDialog(null)}
        onSaved={() => {
          void message.success(dialog?.item ? '基本目录事项已保存' : '基本目录事项已创建');
          setDialog(null);
          list.reload();
        }}
      />
    </>
  );
}
