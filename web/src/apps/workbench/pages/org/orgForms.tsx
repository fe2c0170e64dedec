import { Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { api } from '../../../../shared/api';
import { FormModal } from '../../../../shared/FormModal';
import { useLoad } from '../../../../shared/hooks';
import { childLevelOf, REGION_LEVEL_LABELS, REGION_PARENT_LEVELS, SECTORS, SERVICE_PHONE_RE, WINDOW_KIND_LABELS } from '../../../../shared/labels';
import type { Center, Department, OrgWindow, Paged, RegionSummary, Stationing, Staff } from '../../../../shared/types';

type RegionLevel = RegionSummary['level'];

const phoneRule = {
  validator: (_: unknown, v: string | undefined) =>
    !v || SERVICE_PHONE_RE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error('电话号码格式不正确（如 0311-86012345、13812345678 或 12345）')),
};

// ---------------------------------------------------------------------------------------------------
// Regions

interface RegionValues {
  level: RegionLevel;
  code: string;
  name: string;
}

export function RegionFormModal({
  open,
  parent,
  region,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Creating: the parent region (null for a top-level region). */
  parent?: RegionSummary | null;
  /** Editing: the region with its version. */
  region?: RegionSummary & { version: number };
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const editing = !!region;
  const levels: RegionLevel[] = editing
    ? [region.level]
    : parent
      ? ([childLevelOf(parent.level)].filter(Boolean) as RegionLevel[])
      : (Object.keys(REGION_PARENT_LEVELS) as RegionLevel[]).filter((l) => REGION_PARENT_LEVELS[l].includes(null));
  return (
    <FormModal<RegionValues>
      open={open}
      title={editing ? `编辑区划：${region.name}` : parent ? `新建下级区划（${parent.name}）` : '新建区划'}
      initialValues={editing ? { level: region.level, code: region.code, name: region.name } : { level: levels[0] }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (editing) {
          await api.patch(`/org/regions/${region.id}`, { version: region.version, code: v.code.trim(), name: v.name.trim() });
          onSaved(region.id);
        } else {
          const created = await api.post<{ id: string }>('/org/regions', { parentId: parent?.id ?? null, level: v.level, code: v.code.trim(), name: v.name.trim() });
          onSaved(created.id);
        }
      }}
    >
      {parent && (
        <Typography.Paragraph type="secondary">
          上级区划：{parent.name}（{parent.code}）
        </Typography.Paragraph>
      )}
      <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
        <Select disabled={editing || levels.length < 2} options={levels.map((l) => ({ value: l, label: REGION_LEVEL_LABELS[l] }))} />
      </Form.Item>
      <Form.Item name="name" label="区划名称" rules={[{ required: true, whitespace: true, message: '请输入区划名称' }, { max: 50, message: '不能超过50个字' }]}>
        <Input placeholder="如：河东镇" />
      </Form.Item>
      <Form.Item
        name="code"
        label="区划代码"
        extra="12 位统计用区划代码；下级区划以上级代码开头，如乡镇 130199101000"
        rules={[
          { required: true, message: '请输入区划代码' },
          { pattern: /^\d{12}$/, message: '区划代码应为12位数字' },
        ]}
      >
        <Input maxLength={12} inputMode="numeric" placeholder={parent ? `${parent.code.slice(0, 6)}…` : '12 位数字'} />
      </Form.Item>
    </FormModal>
  );
}

// ---------------------------------------------------------------------------------------------------
// Centers

interface CenterValues {
  name: string;
  address: string;
  hours: string;
  phone: string;
  complaintPhone: string;
}

export function CenterFormModal({
  open,
  region,
  center,
  onClose,
  onSaved,
}: {
  open: boolean;
  region?: RegionSummary;
  center?: Center;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const editing = !!center;
  return (
    <FormModal<CenterValues>
      open={open}
      title={editing ? `编辑服务中心：${center.name}` : `新建服务中心（${region?.name ?? ''}）`}
      initialValues={
        editing
          ? { name: center.name, address: center.address, hours: center.hours, phone: center.phone, complaintPhone: center.complaintPhone }
          : { name: region ? `${region.name}${region.level === 'village' ? '便民服务室' : region.level === 'county' ? '政务服务中心' : '便民服务中心'}` : '', hours: '周一至周五 8:30-12:00，14:30-17:30' }
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        const body = { name: v.name.trim(), address: v.address?.trim() ?? '', hours: v.hours?.trim() ?? '', phone: v.phone?.trim() ?? '', complaintPhone: v.complaintPhone?.trim() ?? '' };
        if (editing) {
          await api.patch(`/org/centers/${center.id}`, { version: center.version, ...body });
          onSaved(center.id);
        } else {
          const created = await api.post<{ id: string }>('/org/centers', { regionId: region!.id, ...body });
          onSaved(created.id);
        }
      }}
    >
      <Form.Item name="name" label="中心名称" rules={[{ required: true, whitespace: true, message: '请输入中心名称' }, { max: 60, message: '不能超过60个字' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label="地址" rules={[{ max: 200, message: '不能超过200个字' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="hours" label="办公时间" rules={[{ max: 200, message: '不能超过200个字' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label="咨询电话" rules={[phoneRule]}>
        <Input placeholder="如 0311-86012345" />
      </Form.Item>
      <Form.Item name="complaintPhone" label="投诉电话" rules={[phoneRule]}>
        <Input placeholder="如 12345" />
      </Form.Item>
    </FormModal>
  );
}

// ---------------------------------------------------------------------------------------------------
// Windows

interface WindowValues {
  number: number;
  name: string;
  kind: OrgWindow['kind'];
  sector?: string[];
  categories?: string[];
  dailyCap?: number | null;
}

export function WindowFormModal({
  open,
  centerId,
  window: w,
  nextNumber,
  onClose,
  onSaved,
}: {
  open: boolean;
  centerId: string;
  window?: OrgWindow;
  nextNumber?: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const editing = !!w;
  return (
    <FormModal<WindowValues>
      open={open}
      title={editing ? `编辑窗口：${w.number} 号 ${w.name}` : '新建窗口'}
      initialValues={
        editing
          ? { number: w.number, name: w.name, kind: w.kind, sector: w.sector ? [w.sector] : [], categories: w.categories, dailyCap: w.dailyCap }
          : { number: nextNumber ?? 1, kind: 'comprehensive', categories: [], dailyCap: null }
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        const body = {
          number: v.number,
          name: v.name.trim(),
          kind: v.kind,
          sector: v.kind === 'sector' ? (v.sector?.[0]?.trim() ?? null) : null,
          categories: (v.categories ?? []).map((c) => c.trim()).filter(Boolean),
          dailyCap: v.dailyCap ?? null,
        };
        if (editing) await api.patch(`/org/windows/${w.id}`, { version: w.version, ...body });
        else await api.post(`/org/centers/${centerId}/windows`, body);
        onSaved();
      }}
    >
      {(form) => (
        <>
          <Form.Item name="number" label="窗口号" rules={[{ required: true, message: '请输入窗口号' }]}>
            <InputNumber min={1} max={999} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="name" label="窗口名称" rules={[{ required: true, whitespace: true, message: '请输入窗口名称' }, { max: 30, message: '不能超过30个字' }]}>
            <Input placeholder="如：综合受理窗口" />
          </Form.Item>
          <Form.Item name="kind" label="窗口类型" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={Object.entries(WINDOW_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              onChange={() => form.setFieldValue('sector', [])}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) =>
              getFieldValue('kind') === 'sector' ? (
                <Form.Item
                  name="sector"
                  label="所属领域"
                  required
                  rules={[{ validator: (_, v: string[] | undefined) => (v?.[0]?.trim() ? Promise.resolve() : Promise.reject(new Error('专业窗口须填写所属领域'))) }]}
                  extra="可选择或直接输入"
                >
                  <Select mode="tags" maxCount={1} options={SECTORS.map((s) => ({ value: s, label: s }))} placeholder="如：不动产" />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="categories" label="业务类别" extra="取号时的业务分类，按叫号顺序；输入后回车添加">
            <Select mode="tags" tokenSeparators={[',', '，']} placeholder="如：社保业务、医保业务" open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item name="dailyCap" label="每日限号" extra="留空表示不限">
            <InputNumber min={1} max={2000} precision={0} style={{ width: 160 }} suffix="号" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

// ---------------------------------------------------------------------------------------------------
// Stationings

interface StationingValues {
  departmentId: string;
  staffIds: string[];
}

/** Station a department at a center (or change its staff there). */
export function StationingFormModal({
  open,
  centerId,
  stationing,
  onClose,
  onSaved,
}: {
  open: boolean;
  centerId: string;
  stationing?: Stationing;
  onClose: () => void;
  onSaved: () => void;
}) {
  const editing = !!stationing;
  const departments = useLoad(
    (signal) => (open && !editing ? api.get<Paged<Department>>('/org/departments', { limit: 500 }, { signal }) : Promise.resolve({ items: [], nextCursor: null })),
    [open, editing],
  );
  const staff = useLoad(
    (signal) => (open ? api.get<Paged<Staff>>('/org/staff', { limit: 500 }, { signal }) : Promise.resolve({ items: [], nextCursor: null })),
    [open],
  );
  return (
    <FormModal<StationingValues>
      open={open}
      title={editing ? `调整进驻人员：${stationing.department.name}` : '添加进驻部门'}
      initialValues={editing ? { departmentId: stationing.department.id, staffIds: stationing.staff.map((s) => s.id) } : { staffIds: [] }}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (editing) await api.patch(`/org/stationings/${stationing.id}`, { staffIds: v.staffIds ?? [] });
        else await api.post(`/org/centers/${centerId}/stationings`, { departmentId: v.departmentId, staffIds: v.staffIds ?? [] });
        onSaved();
      }}
    >
      {!editing && (
        <Form.Item name="departmentId" label="部门（站所）" rules={[{ required: true, message: '请选择部门' }]} extra="只能进驻本区划及下级区划的服务中心">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.loading}
            placeholder="选择部门或站所"
            options={(departments.data?.items ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` }))}
          />
        </Form.Item>
      )}
      <Form.Item name="staffIds" label="进驻人员">
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          loading={staff.loading}
          placeholder="选择工作人员"
          options={(staff.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.displayName}（${s.username}）` }))}
        />
      </Form.Item>
    </FormModal>
  );
}
