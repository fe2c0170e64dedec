import { DesktopOutlined, FundProjectionScreenOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Drawer, Empty, Form, Input, InputNumber, Skeleton, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type * as C from '../../../../../../src/modules/queue/queue.contract';
import { api } from '../../../../shared/api';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { PageHeader } from '../../../../shared/PageHeader';
import { useHallPicker } from './hallShared';

type Category = z.infer<typeof C.Category>;
type SettingsView = z.infer<typeof C.HallSettingsView>;
interface CategoryForm {
  name: string;
  prefix: string;
  dailyCap: number | null;
  sort: number;
  active: boolean;
}

/** 取号规则: a hall's service categories (prefix, 限号, order) and its 绿色通道 / recall rules. */
export default function QueueSettingsPage() {
  const { centerId, picker, empty } = useHallPicker();
  return (
    <>
      <PageHeader
        title="取号规则"
        extra={
          <Space wrap>
            {picker}
            {centerId && (
              <>
                <Button href={`/hall/${centerId}/kiosk`} target="_blank" rel="noopener" icon={<DesktopOutlined />}>
                  打开取号机
                </Button>
                <Button href={`/hall/${centerId}/screen`} target="_blank" rel="noopener" icon={<FundProjectionScreenOutlined />}>
                  打开叫号屏
                </Button>
              </>
            )}
          </Space>
        }
      />
      {empty && <Empty description="没有可管理的服务大厅" />}
      {centerId && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Categories key={`c${centerId}`} centerId={centerId} />
          <Rules key={`r${centerId}`} centerId={centerId} />
        </Space>
      )}
    </>
  );
}

function Categories({ centerId }: { centerId: string }) {
  const list = useLoad((signal) => api.get<{ items: Category[] }>('/queue/categories', { centerId }, { signal }), [centerId]);
  const [editing, setEditing] = useState<Category | null | undefined>(undefined);
  const [form] = Form.useForm<CategoryForm>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    form.setFieldsValue(editing ? { name: editing.name, prefix: editing.prefix, dailyCap: editing.dailyCap, sort: editing.sort, active: editing.active } : { name: '', prefix: '', dailyCap: null, sort: (list.data?.items.length ?? 0) + 1, active: true });
  }, [editing, form, list.data]);

  const save = async (v: CategoryForm) => {
    setBusy(true);
    const body = { ...v, prefix: v.prefix.toUpperCase(), dailyCap: v.dailyCap ?? null };
    try {
      if (editing) await api.put(`/queue/categories/${editing.id}`, { ...body, version: editing.version });
      else await api.post('/queue/categories', { ...body, centerId });
      void message.success('业务类别已保存');
      setEditing(undefined);
      list.reload();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="业务类别"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          新增类别
        </Button>
      }
    >
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<Category>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: '前缀', dataIndex: 'prefix', width: 64, render: (p: string) => <Tag>{p}</Tag> },
          { title: '名称', dataIndex: 'name' },
          { title: '每日限号', dataIndex: 'dailyCap', width: 100, render: (c: number | null) => c ?? '不限' },
          { title: '办理窗口', dataIndex: 'windows', render: (ws: Category['windows']) => (ws.length ? ws.map((w) => `${w.number}号`).join('、') : <Tag color="orange">无窗口</Tag>) },
          { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: '', key: 'op', width: 72, render: (_: unknown, r) => <Button type="link" onClick={() => setEditing(r)}>修改</Button> },
        ]}
      />
      <Drawer open={editing !== undefined} onClose={() => setEditing(undefined)} title={editing ? '修改业务类别' : '新增业务类别'} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={busy} requiredMark={false}>
          <Form.Item name="name" label="名称（与窗口配置的类别名称一致）" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="prefix" label="号码前缀" rules={[{ required: true, pattern: /^[A-Za-z]$/, message: '请填写一个字母' }]}>
            <Input maxLength={1} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="dailyCap" label="每日限号（留空为不限）">
            <InputNumber min={1} max={9999} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="sort" label="排序">
            <InputNumber min={0} max={999} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
        </Form>
      </Drawer>
    </Card>
  );
}

function Rules({ centerId }: { centerId: string }) {
  const view = useLoad((signal) => api.get<SettingsView>(`/queue/centers/${centerId}/settings`, undefined, { signal }), [centerId]);
  const [form] = Form.useForm<SettingsView['settings']>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  useEffect(() => {
    if (view.data) form.setFieldsValue(view.data.settings);
  }, [view.data, form]);
  if (view.error) return <Alert type="error" showIcon title={view.error.message} />;
  if (!view.data) return <Skeleton active />;
  const save = async () => {
    setBusy(true);
    try {
      // Keep the parts this form does not show (appointments, planning, attendance) as they are.
      const v = form.getFieldsValue(true) as SettingsView['settings'];
      const settings = { ...view.data!.settings, priority: { ...view.data!.settings.priority, ...v.priority }, recallLimit: v.recallLimit };
      const r = await api.put<SettingsView>(`/queue/centers/${centerId}/settings`, { settings, version: view.data!.version });
      view.setData(r);
      void message.success('大厅规则已保存');
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="绿色通道与叫号">
      <Form form={form} layout="vertical" onFinish={() => void save()} disabled={busy} requiredMark={false}>
        <Form.Item name={['priority', 'elderlyAge']} label="老年人优先年龄（周岁，按身份证号计算）" rules={[{ required: true, type: 'number', min: 50, max: 120, message: '请填写 50-120 之间的年龄' }]}>
          <InputNumber min={50} max={120} />
        </Form.Item>
        <Space wrap>
          <Form.Item name={['priority', 'disabled']} valuePropName="checked">
            <Checkbox>残疾人优先</Checkbox>
          </Form.Item>
          <Form.Item name={['priority', 'veteran']} valuePropName="checked">
            <Checkbox>军人/退役军人优先</Checkbox>
          </Form.Item>
          <Form.Item name={['priority', 'pregnant']} valuePropName="checked">
            <Checkbox>孕妇优先</Checkbox>
          </Form.Item>
          <Form.Item name={['priority', 'appointment']} valuePropName="checked">
            <Checkbox>预约签到优先</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item name="recallLimit" label="重呼次数上限（再次重呼或过号即记为未到）" rules={[{ required: true, type: 'number', min: 0, max: 10, message: '请填写 0-10' }]}>
          <InputNumber min={0} max={10} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存规则
        </Button>
      </Form>
    </Card>
  );
}
