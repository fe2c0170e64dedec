import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tooltip, Typography, type FormInstance } from 'antd';
import type { CatalogStep } from '../../../../shared/types';
import { deptSelectOptions, type DeptOption } from './catalogData';
import { ITEM_LEVEL_LABELS, ITEM_LEVELS, newKey, stepDays, type ItemLevel } from './catalogLabels';
import type { EditorValues } from './editorForm';

const levelOptions = ITEM_LEVELS.map((l) => ({ value: l, label: ITEM_LEVEL_LABELS[l] }));

/** The time the steps take against the promise (parallel neighbours count once, as their longest). */
function StepTotals({ form }: { form: FormInstance<EditorValues> }) {
  const steps = (Form.useWatch('steps', form) ?? []) as CatalogStep[];
  const promised = Form.useWatch('promisedDays', form) as number | undefined;
  const handling = Form.useWatch('handlingType', form) as string | undefined;
  const total = stepDays(steps.filter(Boolean).map((s) => ({ days: Number(s.days) || 0, parallel: !!s.parallel })));
  const over = handling === 'promised' && promised != null && total > promised;
  const flow = steps
    .filter(Boolean)
    .map((s) => `${s.name || '（未命名）'}${s.parallel ? '〔并联〕' : ''} ${s.days ?? 0}天`)
    .join(' → ');
  return (
    <Alert
      type={over ? 'error' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <span data-testid="step-totals">
          各环节合计 <b>{total}</b> 个工作日
          {handling === 'promised' ? (
            <>
              ，承诺时限 <b>{promised ?? '—'}</b> 个工作日{over ? '：超过承诺时限，请调整环节时限或承诺时限' : ''}
            </>
          ) : (
            '（即办件当场办结）'
          )}
        </span>
      }
      description={flow ? <Typography.Text type="secondary">{flow}</Typography.Text> : undefined}
    />
  );
}

/** 办理流程: the steps as an editable table (name, department, level, days, 并联), reorderable. */
export function StepsEditor({ form, editable, departments, centerLevel }: { form: FormInstance<EditorValues>; editable: boolean; departments: DeptOption[]; centerLevel: ItemLevel }) {
  const deptOptions = deptSelectOptions(departments);
  return (
    <>
      <StepTotals form={form} />
      <Form.List name="steps">
        {(fields, { add, remove, move }, { errors }) => (
          <>
            <Table
              className="bm-cat-steps-table"
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              scroll={{ x: 980 }}
              locale={{ emptyText: '尚未配置办理环节' }}
              columns={[
                { title: '序号', key: 'i', width: 56, render: (_, __, i) => <span className="bm-cat-index">{i + 1}</span> },
                {
                  title: '环节名称',
                  key: 'name',
                  width: 150,
                  render: (_, f) => (
                    <>
                      <Form.Item name={[f.name, 'key']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入环节名称' }, { max: 50, message: '不能超过50个字' }]}>
                        <Input placeholder="如：受理" aria-label={`第${f.name + 1}个环节名称`} />
                      </Form.Item>
                    </>
                  ),
                },
                {
                  title: '承办部门',
                  key: 'dept',
                  width: 230,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'departmentId']}>
                      <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="实施部门" options={deptOptions} popupMatchSelectWidth={false} aria-label={`第${f.name + 1}个环节承办部门`} />
                    </Form.Item>
                  ),
                },
                {
                  title: '层级',
                  key: 'level',
                  width: 110,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'level']} rules={[{ required: true, message: '请选择层级' }]}>
                      <Select options={levelOptions} aria-label={`第${f.name + 1}个环节层级`} />
                    </Form.Item>
                  ),
                },
                {
                  title: '时限（工作日）',
                  key: 'days',
                  width: 120,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'days']} rules={[{ required: true, message: '请填写时限' }]}>
                      <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} aria-label={`第${f.name + 1}个环节时限`} />
                    </Form.Item>
                  ),
                },
                {
                  title: (
                    <Tooltip title="相邻的并联环节同时进行，按其中最长的时限计算">
                      <span>并联</span>
                    </Tooltip>
                  ),
                  key: 'parallel',
                  width: 64,
                  align: 'center',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'parallel']} valuePropName="checked">
                      <Checkbox aria-label={`第${f.name + 1}个环节并联`} />
                    </Form.Item>
                  ),
                },
                {
                  title: '环节说明',
                  key: 'note',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'note']} rules={[{ max: 500, message: '不能超过500个字' }]}>
                      <Input placeholder="选填" />
                    </Form.Item>
                  ),
                },
                ...(editable
                  ? [
                      {
                        title: '操作',
                        key: 'ops',
                        width: 104,
                        fixed: 'right' as const,
                        render: (_: unknown, f: { name: number }, i: number) => (
                          <Space size={0}>
                            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`上移第${i + 1}个环节`} />
                            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={`下移第${i + 1}个环节`} />
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={`删除第${i + 1}个环节`} />
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <div className="bm-cat-list-error"><Form.ErrorList errors={errors} /></div>
            {editable && (
              <Button
                type="dashed"
                block
                style={{ marginTop: 12 }}
                icon={<PlusOutlined />}
                disabled={fields.length >= 20}
                onClick={() => add({ key: newKey('s'), name: '', departmentId: null, level: centerLevel, days: 1, parallel: false, note: '' } satisfies CatalogStep)}
              >
                添加环节
              </Button>
            )}
          </>
        )}
      </Form.List>
    </>
  );
}
