import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Form, Input, InputNumber, Row, Select, Space, Tooltip, Typography, type FormInstance } from 'antd';
import type { CatalogMaterial } from '../../../../shared/types';
import { MATERIAL_FORMS, MATERIAL_SOURCES, NECESSITIES, newKey } from './catalogLabels';
import type { EditorValues } from './editorForm';
import { FileField } from './FileField';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export const newMaterial = (): CatalogMaterial => ({
  key: newKey('m'),
  name: '',
  source: 'applicant',
  issuer: '',
  form: 'original',
  copies: 1,
  necessity: 'required',
  deferDays: null,
  blankFileId: null,
  sampleFileId: null,
  certificateType: null,
  note: '',
});

function MaterialTitle({ form, index }: { form: FormInstance<EditorValues>; index: number }) {
  const name = Form.useWatch(['materials', index, 'name'], form) as string | undefined;
  const necessity = Form.useWatch(['materials', index, 'necessity'], form) as keyof typeof NECESSITIES | undefined;
  return (
    <Space size={8} style={{ minWidth: 0 }}>
      <span className="bm-cat-index">{index + 1}</span>
      <Typography.Text strong ellipsis style={{ maxWidth: 420 }}>
        {name?.trim() || '（未命名材料）'}
      </Typography.Text>
      {necessity && necessity !== 'required' && (
        <Typography.Text type={necessity === 'deferrable' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {NECESSITIES[necessity]}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 申请材料: one card per material; 补交期限 only for 容缺后补; blank form and sample uploads; reorder. */
export function MaterialsEditor({ form, editable }: { form: FormInstance<EditorValues>; editable: boolean }) {
  return (
    <Form.List name="materials">
      {(fields, { add, remove, move }, { errors }) => (
        <>
          {fields.length === 0 && <Empty description="尚未配置申请材料" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {fields.map((field, i) => (
            <div className="bm-cat-row" key={field.key} data-testid={`material-${i}`}>
              <div className="bm-cat-row-head">
                <MaterialTitle form={form} index={field.name} />
                {editable && (
                  <Space size={0}>
                    <Tooltip title="上移">
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`上移第${i + 1}项材料`} />
                    </Tooltip>
                    <Tooltip title="下移">
                      <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={`下移第${i + 1}项材料`} />
                    </Tooltip>
                    <Tooltip title="删除">
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除第${i + 1}项材料`} />
                    </Tooltip>
                  </Space>
                )}
              </div>
              <Form.Item name={[field.name, 'key']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12} xl={10}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label="材料名称"
                    rules={[
                      { required: true, whitespace: true, message: '请输入材料名称' },
                      { max: 200, message: '不能超过200个字' },
                    ]}
                  >
                    <Input placeholder="如：户口簿" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6} xl={7}>
                  <Form.Item name={[field.name, 'source']} label="来源" rules={[{ required: true, message: '请选择来源' }]}>
                    <Select options={opts(MATERIAL_SOURCES)} popupMatchSelectWidth={false} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6} xl={7}>
                  <Form.Item
                    name={[field.name, 'issuer']}
                    label="出具部门"
                    dependencies={[['materials', field.name, 'source']]}
                    rules={[
                      { max: 100, message: '不能超过100个字' },
                      ({ getFieldValue }) => ({
                        validator: (_, v: string | undefined) =>
                          getFieldValue(['materials', field.name, 'source']) !== 'applicant' && !v?.trim() ? Promise.reject(new Error('部门核发或提供的材料须填写出具部门')) : Promise.resolve(),
                      }),
                    ]}
                  >
                    <Input placeholder="如：公安机关" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6} xl={4}>
                  <Form.Item name={[field.name, 'form']} label="形式" rules={[{ required: true, message: '请选择形式' }]}>
                    <Select options={opts(MATERIAL_FORMS)} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6} xl={3}>
                  <Form.Item name={[field.name, 'copies']} label="份数" rules={[{ required: true, message: '请填写份数' }]}>
                    <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6} xl={4}>
                  <Form.Item name={[field.name, 'necessity']} label="必要性" rules={[{ required: true, message: '请选择必要性' }]}>
                    <Select
                      options={opts(NECESSITIES)}
                      onChange={(v: string) => {
                        const current = form.getFieldValue(['materials', field.name, 'deferDays']) as number | null;
                        form.setFieldValue(['materials', field.name, 'deferDays'], v === 'deferrable' ? (current ?? 5) : null);
                      }}
                    />
                  </Form.Item>
                </Col>
                <Form.Item noStyle dependencies={[['materials', field.name, 'necessity']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['materials', field.name, 'necessity']) === 'deferrable' ? (
                      <Col xs={12} md={6} xl={4}>
                        <Form.Item
                          name={[field.name, 'deferDays']}
                          label="补交期限"
                          rules={[{ required: true, message: '请填写补交期限' }]}
                          tooltip="容缺受理后须在此期限内补交（工作日）"
                        >
                          <InputNumber min={1} max={90} precision={0} suffix="工作日" style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                    ) : (
                      <Form.Item name={[field.name, 'deferDays']} hidden>
                        <InputNumber />
                      </Form.Item>
                    )
                  }
                </Form.Item>
                <Col xs={24} md={12} xl={9}>
                  <Form.Item name={[field.name, 'certificateType']} label="可替代的电子证照" tooltip="有该电子证照的，可不交纸质材料">
                    <Input placeholder="如：居民身份证；无则留空" maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name={[field.name, 'blankFileId']} label="空白表格">
                    <FileField what="空白表格" disabled={!editable} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12} xl={8}>
                  <Form.Item name={[field.name, 'sampleFileId']} label="示例样表">
                    <FileField what="示例样表" disabled={!editable} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={24} xl={8}>
                  <Form.Item name={[field.name, 'note']} label="备注" rules={[{ max: 500, message: '不能超过500个字' }]}>
                    <Input placeholder="填写要求、注意事项等" />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          <div className="bm-cat-list-error"><Form.ErrorList errors={errors} /></div>
          {editable && (
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(newMaterial())} disabled={fields.length >= 60}>
              添加材料
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
