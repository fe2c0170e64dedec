import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, Empty, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Table, Typography, type FormInstance } from 'antd';
import type { CatalogItemDetail } from '../../../../shared/types';
import { deptSelectOptions, type DeptOption } from './catalogData';
import {
  AUDIENCES,
  DELEGATION_KINDS,
  HANDLING_TYPES,
  ITEM_LEVEL_LABELS,
  ITEM_LEVELS,
  ITEM_TYPES,
  ONLINE_LEVELS,
  PROCESS_KINDS,
  SPECIAL_PROCEDURES,
  TOPICS,
  describeLevels,
  type ItemLevel,
} from './catalogLabels';
import type { EditorValues } from './editorForm';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const levelOptions = ITEM_LEVELS.map((l) => ({ value: l, label: ITEM_LEVEL_LABELS[l] }));
const required = (message: string) => [{ required: true, message }];

/** 基本信息: what comes from the basic item (read-only) and the item's aliases, topics and audience. */
export function BasicSection({ item }: { item: CatalogItemDetail }) {
  const c = item.current.content;
  const topicOptions = [
    { label: '个人主题（人生事件）', options: TOPICS.filter((t) => t.audience === 'person').map((t) => ({ value: t.key, label: t.name })) },
    { label: '法人主题（企业生命周期）', options: TOPICS.filter((t) => t.audience === 'enterprise').map((t) => ({ value: t.key, label: t.name })) },
  ];
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'name', label: '事项名称', children: c.name },
          { key: 'type', label: '事项类型', children: ITEM_TYPES[c.itemType as keyof typeof ITEM_TYPES] ?? c.itemType },
          { key: 'basic', label: '基本编码', children: <span className="bm-cat-code">{item.basicCode}</span> },
          { key: 'impl', label: '实施编码', children: <span className="bm-cat-code">{item.implementationCode}</span> },
          { key: 'dept', label: '实施部门', children: item.departmentName },
          { key: 'center', label: '实施中心', children: `${item.centerName}（${ITEM_LEVEL_LABELS[item.centerLevel]}）` },
          {
            key: 'basis',
            label: '设定依据',
            span: 'filled',
            children: c.legalBasis.length ? (
              <ol style={{ margin: 0, paddingLeft: 18 }}>
                {c.legalBasis.map((b, i) => (
                  <li key={i}>
                    {b.name}
                    {b.article && ` ${b.article}`}
                    {b.text && (
                      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 6px', fontSize: 12 }} ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
                        {b.text}
                      </Typography.Paragraph>
                    )}
                  </li>
                ))}
              </ol>
            ) : (
              <Typography.Text type="danger">未填写（请在基本目录中补充）</Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        事项名称、类型和设定依据来自基本目录，在「基本目录」中修改；保存草稿时带入当时的基本目录信息。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="aliases" label="俗称" tooltip="群众常用的叫法，如「低保」；搜索时与事项名称一样可被找到" rules={[{ type: 'array', max: 20, message: '俗称最多20个' }]}>
            <Select mode="tags" placeholder="输入后按回车添加" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="topics" label="主题" rules={[{ type: 'array', max: 5, message: '主题最多选5个' }]}>
            <Select mode="multiple" placeholder="选择主题（最多5个）" options={topicOptions} optionFilterProp="label" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="audience" label="服务对象" rules={required('请选择服务对象')}>
            <Radio.Group optionType="button" options={opts(AUDIENCES)} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 办理层级与类型: accept / pre-review / decide levels, delegation, handling and process kinds, joint departments. */
export function LevelsSection({ form, departments }: { form: FormInstance<EditorValues>; departments: DeptOption[] }) {
  const accept = Form.useWatch('acceptLevels', form) as ItemLevel[] | undefined;
  const pre = Form.useWatch('preReviewLevel', form) as ItemLevel | null | undefined;
  const decide = Form.useWatch('decideLevel', form) as ItemLevel | undefined;
  const delegationOn = Form.useWatch('delegationOn', form) as boolean | undefined;
  const processKind = Form.useWatch('processKind', form) as string | undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="acceptLevels" label="受理层级" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个受理层级' }]} extra="在哪一级可以递交申请（村级受理即「小事不出村」）">
          <Select mode="multiple" options={levelOptions} placeholder="选择受理层级" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="preReviewLevel" label="初审层级">
          <Select allowClear options={levelOptions} placeholder="无初审" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="decideLevel" label="决定层级" rules={required('请选择决定层级')}>
          <Select options={levelOptions} />
        </Form.Item>
      </Col>
      {accept?.length && decide ? (
        <Col span={24}>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            办理路径：{describeLevels({ acceptLevels: [...accept].sort((a, b) => ITEM_LEVELS.indexOf(b) - ITEM_LEVELS.indexOf(a)), preReviewLevel: pre ?? null, decideLevel: decide })}
          </Typography.Paragraph>
        </Col>
      ) : null}
      <Col xs={24} md={12}>
        <Form.Item name="handlingType" label="办件类型" rules={required('请选择办件类型')} extra="即办件当场办结，承诺时限为0">
          <Radio.Group
            optionType="button"
            options={opts(HANDLING_TYPES)}
            onChange={(e) => {
              if (e.target.value === 'instant') form.setFieldValue('promisedDays', 0);
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="processKind" label="办理类型" rules={required('请选择办理类型')}>
          <Radio.Group optionType="button" options={opts(PROCESS_KINDS)} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item
          name="jointDepartmentIds"
          label="联办部门"
          rules={processKind === 'joint' ? [{ required: true, type: 'array', min: 1, message: '联办件至少选择一个联办部门' }] : []}
          extra={processKind === 'joint' ? undefined : '联办件须选择参与办理的其他部门'}
        >
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={deptSelectOptions(departments)} placeholder="选择联办部门" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="delegationOn" label="授权 / 委托 / 下放" valuePropName="checked" extra="决定层级低于实施层级时须填写">
          <Switch checkedChildren="有" unCheckedChildren="无" />
        </Form.Item>
      </Col>
      {delegationOn && (
        <>
          <Col xs={24} md={6}>
            <Form.Item name="delegationKind" label="方式" rules={required('请选择方式')}>
              <Select options={opts(DELEGATION_KINDS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="delegationDocument" label="文件名称和文号" rules={[{ required: true, whitespace: true, message: '请填写授权/委托/下放的文件' }, { max: 200, message: '不能超过200个字' }]}>
              <Input placeholder="如：示范县人民政府关于向乡镇下放部分县级权力事项的决定（示政发〔2024〕5号）" />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}

/** 时限与收费: legal and promised days, special procedures, fees (edited in yuan). */
export function TimeSection({ form, editable }: { form: FormInstance<EditorValues>; editable: boolean }) {
  const handling = Form.useWatch('handlingType', form) as string | undefined;
  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="legalDays" label="法定时限" tooltip="法律法规规定的办理时限；没有规定的留空">
            <InputNumber min={0} max={365} precision={0} suffix="工作日" style={{ width: '100%' }} placeholder="无规定" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="promisedDays"
            label="承诺时限"
            rules={required('请填写承诺时限')}
            extra={handling === 'instant' ? '即办件为0（当场办结）' : '不超过法定时限'}
          >
            <InputNumber min={0} max={365} precision={0} suffix="工作日" style={{ width: '100%' }} disabled={handling === 'instant' || undefined} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>特别程序</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        听证、公示、专家评审、现场勘验期间不计入承诺时限。
      </Typography.Paragraph>
      <Form.List name="specialProcedures">
        {(fields, { add, remove }, { errors }) => (
          <>
            <Table
              className="bm-cat-steps-table"
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              locale={{ emptyText: '无特别程序' }}
              scroll={{ x: 640 }}
              columns={[
                {
                  title: '程序',
                  key: 'kind',
                  width: 160,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'kind']} rules={required('请选择程序')}>
                      <Select options={opts(SPECIAL_PROCEDURES)} aria-label="特别程序" />
                    </Form.Item>
                  ),
                },
                {
                  title: '时限（工作日）',
                  key: 'days',
                  width: 130,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'days']} rules={required('请填写天数')}>
                      <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  ),
                },
                {
                  title: '说明',
                  key: 'note',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'note']} rules={[{ max: 200, message: '不能超过200个字' }]}>
                      <Input placeholder="如：在村务公开栏公示" />
                    </Form.Item>
                  ),
                },
                ...(editable
                  ? [
                      {
                        title: '操作',
                        key: 'ops',
                        width: 64,
                        render: (_: unknown, f: { name: number }) => <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除特别程序" />,
                      },
                    ]
                  : []),
              ]}
            />
            <div className="bm-cat-list-error"><Form.ErrorList errors={errors} /></div>
            {editable && fields.length < 4 && (
              <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ kind: undefined, days: 5, note: '' })}>
                添加特别程序
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        收费
      </Typography.Title>
      <Form.List name="fees">
        {(fields, { add, remove }, { errors }) => (
          <>
            <Table
              className="bm-cat-steps-table"
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              locale={{ emptyText: '不收费' }}
              scroll={{ x: 720 }}
              columns={[
                {
                  title: '收费项目',
                  key: 'name',
                  width: 200,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入收费项目' }, { max: 100, message: '不能超过100个字' }]}>
                      <Input />
                    </Form.Item>
                  ),
                },
                {
                  title: '金额（元）',
                  key: 'amount',
                  width: 150,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'amountYuan']} rules={[{ required: true, message: '请填写金额' }, { type: 'number', min: 0.01, message: '金额应大于0' }]}>
                      <InputNumber min={0} max={1000000} precision={2} step={1} prefix="¥" style={{ width: '100%' }} />
                    </Form.Item>
                  ),
                },
                {
                  title: '收费依据',
                  key: 'basis',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'basis']} rules={[{ required: true, whitespace: true, message: '请填写收费依据' }, { max: 300, message: '不能超过300个字' }]}>
                      <Input placeholder="收费文件名称和文号" />
                    </Form.Item>
                  ),
                },
                ...(editable
                  ? [
                      {
                        title: '操作',
                        key: 'ops',
                        width: 64,
                        render: (_: unknown, f: { name: number }) => <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除收费项目" />,
                      },
                    ]
                  : []),
              ]}
            />
            <div className="bm-cat-list-error"><Form.ErrorList errors={errors} /></div>
            {editable && fields.length < 20 && (
              <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ name: '', amountYuan: null, basis: '' })}>
                添加收费项目
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}

/** 办理地点: place, hours, phones, visits, online depth, village agency. */
export function PlaceSection() {
  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item name="place" label="办理地点" rules={[{ required: true, whitespace: true, message: '请填写办理地点' }, { max: 200, message: '不能超过200个字' }]}>
          <Input placeholder="如：青山镇便民服务中心一楼综合受理窗口" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="hours" label="办理时间" rules={[{ required: true, whitespace: true, message: '请填写办理时间' }, { max: 200, message: '不能超过200个字' }]}>
          <Input placeholder="如：周一至周五 上午9:00-12:00，下午13:30-17:30（法定节假日除外）" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="phone" label="咨询电话" rules={[{ required: true, whitespace: true, message: '请填写咨询电话' }, { max: 30, message: '不能超过30个字' }]}>
          <Input inputMode="tel" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="complaintPhone" label="投诉电话" rules={[{ required: true, whitespace: true, message: '请填写投诉电话' }, { max: 30, message: '不能超过30个字' }]}>
          <Input inputMode="tel" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="maxVisits" label="到现场次数" rules={required('请选择到现场次数')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 0, label: '0 次（不用跑）' },
              { value: 1, label: '最多跑 1 次' },
              { value: 2, label: '最多跑 2 次' },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="onlineLevel" label="网办深度" rules={required('请选择网办深度')}>
          <Select options={opts(ONLINE_LEVELS)} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="agentEligible" label="村代办" valuePropName="checked" extra="允许村代办员代群众办理（列入代办事项清单）">
          <Switch checkedChildren="可代办" unCheckedChildren="不可代办" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 受理条件与常见问题: two dynamic lists. */
export function ConditionsSection({ editable }: { editable: boolean }) {
  return (
    <Row gutter={[24, 8]}>
      <Col xs={24} xl={12}>
        <Typography.Title level={5}>受理条件</Typography.Title>
        <Form.List name="conditions">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.length === 0 && <Empty description="尚未填写受理条件" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              {fields.map((f, i) => (
                <div key={f.key} className="bm-cat-cond">
                  <span className="bm-cat-index" style={{ marginTop: 5 }}>
                    {i + 1}
                  </span>
                  <Form.Item name={f.name} style={{ flex: 1, minWidth: 0 }} rules={[{ required: true, whitespace: true, message: '请填写受理条件或删除此条' }, { max: 500, message: '不能超过500个字' }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="如：申请人为本县户籍居民" aria-label={`第${i + 1}条受理条件`} />
                  </Form.Item>
                  {editable && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除第${i + 1}条受理条件`} />}
                </div>
              ))}
              <div className="bm-cat-list-error"><Form.ErrorList errors={errors} /></div>
              {editable && fields.length < 30 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                  添加受理条件
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Col>
      <Col xs={24} xl={12}>
        <Typography.Title level={5}>常见问题</Typography.Title>
        <Form.List name="faq">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.length === 0 && <Empty description="尚未填写常见问题" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              {fields.map((f, i) => (
                <div className="bm-cat-row" key={f.key}>
                  <div className="bm-cat-row-head">
                    <Space>
                      <span className="bm-cat-index">{i + 1}</span>
                      <Typography.Text type="secondary">问题</Typography.Text>
                    </Space>
                    {editable && <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除第${i + 1}个问题`} />}
                  </div>
                  <Form.Item name={[f.name, 'q']} rules={[{ required: true, whitespace: true, message: '请填写问题' }, { max: 200, message: '不能超过200个字' }]}>
                    <Input placeholder="问题" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'a']} rules={[{ required: true, whitespace: true, message: '请填写解答' }, { max: 2000, message: '不能超过2000个字' }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="解答" />
                  </Form.Item>
                </div>
              ))}
              <div className="bm-cat-list-error"><Form.ErrorList errors={errors} /></div>
              {editable && fields.length < 30 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ q: '', a: '' })}>
                  添加常见问题
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Col>
    </Row>
  );
}
