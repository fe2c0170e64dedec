import { Alert, Form, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../../shared/api';
import { FormModal } from '../../../../shared/FormModal';
import type { BasicItem, CatalogItemDetail, CatalogTree, CenterRow, ItemContentInput, Paged } from '../../../../shared/types';
import { useCenters } from './catalogData';
import { ITEM_LEVEL_LABELS, ITEM_TYPES, newKey, type ItemLevel } from './catalogLabels';

interface NewItemValues {
  basicItemId: string;
  centerId: string;
  departmentId: string;
}

/** The default four steps with their share of a 10-day promise. */
const DEFAULT_STEPS: [string, number][] = [
  ['受理', 1],
  ['审查', 5],
  ['决定', 3],
  ['送达', 1],
];

/** A new implementation's starting content: the center's place, hours and phones, four steps at its level. */
export function defaultContent(center: Pick<CenterRow, 'name' | 'level' | 'address' | 'hours' | 'phone' | 'complaintPhone'>): ItemContentInput {
  const level = center.level as ItemLevel;
  return {
    aliases: [],
    topics: [],
    audience: 'person',
    acceptLevels: [level],
    preReviewLevel: null,
    decideLevel: level,
    delegation: null,
    handlingType: 'promised',
    processKind: 'local',
    jointDepartmentIds: [],
    legalDays: null,
    promisedDays: 10,
    specialProcedures: [],
    fees: [],
    maxVisits: 1,
    onlineLevel: 'consult',
    place: [center.name, center.address].filter(Boolean).join('，').slice(0, 200) || center.name,
    hours: center.hours || '周一至周五 上午9:00-12:00，下午13:30-17:30（法定节假日除外）',
    phone: center.phone || '—',
    complaintPhone: center.complaintPhone || center.phone || '—',
    agentEligible: level !== 'county',
    conditions: [],
    faq: [],
    materials: [
      {
        key: newKey('m'),
        name: '申请表',
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
      },
      {
        key: newKey('m'),
        name: '申请人居民身份证',
        source: 'government',
        issuer: '公安机关',
        form: 'copy',
        copies: 1,
        necessity: 'required',
        deferDays: null,
        blankFileId: null,
        sampleFileId: null,
        certificateType: '居民身份证',
        note: '',
      },
    ],
    steps: DEFAULT_STEPS.map(([name, days]) => ({ key: newKey('s'), name, departmentId: null, level, days, parallel: false, note: '' })),
  };
}

/** Search the basic catalog as the user types (the latest answer wins). */
function useBasicItemSearch(open: boolean) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<BasicItem[]>([]);
  const [loading, setLoading] = useState(false);
  const gen = useRef(0);
  useEffect(() => {
    if (!open) return;
    const g = ++gen.current;
    const t = setTimeout(() => {
      setLoading(true);
      api
        .get<Paged<BasicItem>>('/catalog/admin/basic-items', { q: q.trim() || undefined, limit: 50 })
        .then((page) => {
          if (g === gen.current) setItems(page.items.filter((b) => b.active));
        })
        .catch(() => {
          if (g === gen.current) setItems([]);
        })
        .finally(() => {
          if (g === gen.current) setLoading(false);
        });
    }, 250);
    return () => clearTimeout(t);
  }, [q, open]);
  return { items, loading, setQ };
}

/** 新建事项: pick the basic item, the center and the department, create version 1 and open the editor. */
export function NewItemModal({ open, tree, onClose }: { open: boolean; tree: CatalogTree | undefined; onClose: () => void }) {
  const navigate = useNavigate();
  const search = useBasicItemSearch(open);
  const centers = useCenters(open);
  const [picked, setPicked] = useState<BasicItem | null>(null);
  const centerOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const c of centers.data?.items ?? []) {
      if (!c.active) continue;
      const g = ITEM_LEVEL_LABELS[c.level as ItemLevel] ?? c.level;
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push({ value: c.id, label: c.name });
    }
    return [...groups.entries()].map(([label, options]) => ({ label, options }));
  }, [centers.data]);
  const deptOptions = useMemo(() => (tree?.departments ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` })), [tree]);

  return (
    <FormModal<NewItemValues>
      open={open}
      title="新建事项"
      okText="创建并编辑"
      width={620}
      onCancel={() => {
        setPicked(null);
        onClose();
      }}
      onSubmit={async (v) => {
        const center = centers.data?.items.find((c) => c.id === v.centerId);
        if (!center) throw new Error('请选择实施中心');
        const item = await api.post<CatalogItemDetail>('/catalog/admin/items', {
          basicItemId: v.basicItemId,
          centerId: v.centerId,
          departmentId: v.departmentId,
          content: defaultContent(center),
        });
        setPicked(null);
        onClose();
        navigate(`/workbench/catalog/items/${item.id}`, { state: { created: true } });
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">
            从基本目录选择事项，确定在哪个服务中心实施。创建后生成第 1 版草稿，办理地点、时间和电话先取实施中心的信息，办理流程预置「受理、审查、决定、送达」四个环节，请在编辑页补充完善后提交审核。
          </Typography.Paragraph>
          <Form.Item name="basicItemId" label="基本目录事项" rules={[{ required: true, message: '请选择基本目录事项' }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: search.setQ }}
              placeholder="输入事项名称或基本编码搜索"
              loading={search.loading}
              notFoundContent={search.loading ? <Spin size="small" /> : '没有找到匹配的事项'}
              options={(picked && !search.items.some((b) => b.id === picked.id) ? [picked, ...search.items] : search.items).map((b) => ({
                value: b.id,
                label: `${b.name}（${b.code}）`,
              }))}
              optionRender={(o) => {
                const b = search.items.find((x) => x.id === o.value) ?? (picked?.id === o.value ? picked : undefined);
                return b ? (
                  <div>
                    <div>{b.name}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {b.code} · {ITEM_TYPES[b.itemType as keyof typeof ITEM_TYPES]} · {b.departmentName}
                    </Typography.Text>
                  </div>
                ) : (
                  o.label
                );
              }}
              onChange={(id: string) => {
                const b = search.items.find((x) => x.id === id) ?? (picked?.id === id ? picked : null);
                setPicked(b);
                if (b) form.setFieldValue('departmentId', b.departmentId);
              }}
            />
          </Form.Item>
          <Form.Item name="centerId" label="实施中心" rules={[{ required: true, message: '请选择实施中心' }]} extra="事项的行使层级取实施中心的层级（县级、乡镇级或村级）">
            <Select showSearch={{ optionFilterProp: 'label' }} loading={centers.loading} placeholder="选择服务中心" options={centerOptions} />
          </Form.Item>
          <Form.Item name="departmentId" label="实施部门" rules={[{ required: true, message: '请选择实施部门' }]} extra="实施编码由该部门的统一社会信用代码、层级和基本编码组成">
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择部门（站所）" options={deptOptions} />
          </Form.Item>
          {picked && picked.implementations > 0 && (
            <Alert type="info" showIcon title={`该事项已在 ${picked.implementations} 个服务中心实施；同一中心不能重复实施。`} />
          )}
        </>
      )}
    </FormModal>
  );
}
