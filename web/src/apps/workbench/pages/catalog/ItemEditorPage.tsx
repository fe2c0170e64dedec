import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  FilePdfOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, ConfigProvider, Descriptions, Form, Input, Result, Skeleton, Space, Tabs, Tag, Tooltip, Typography, type FormInstance } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useBlocker, useLocation, useParams } from 'react-router';
import { api, ApiError } from '../../../../shared/api';
import { FormModal } from '../../../../shared/FormModal';
import { fmtDateTime } from '../../../../shared/format';
import { useAuth } from '../../../../shared/auth';
import { useLoad, useShowError } from '../../../../shared/hooks';
import { usePageTitle } from '../../../../shared/title';
import type { CatalogItemDetail } from '../../../../shared/types';
import { useCatalogTree, useDepartmentOptions } from './catalogData';
import { ITEM_LEVEL_LABELS, VERSION_STATUSES, VERSION_STATUS_COLORS, rowAbility } from './catalogLabels';
import { editorError, fromForm, TAB_LABELS, toForm, type EditorError, type EditorValues, type TabKey } from './editorForm';
import { BasicSection, ConditionsSection, LevelsSection, PlaceSection, TimeSection } from './EditorSections';
import { rememberFileNames } from './FileField';
import { MaterialsEditor } from './MaterialsEditor';
import { StepsEditor } from './StepsEditor';
import { guidePdfUrl, VersionsPanel } from './VersionsPanel';
import './catalog.css';

type Busy = 'save' | 'submit' | 'approve' | null;
type Dialog = 'reject' | 'withdraw' | null;

function errorsFrom(e: ApiError, values: Partial<EditorValues>): EditorError[] {
  const details = e.details as unknown;
  const list: unknown[] = Array.isArray(details)
    ? details
    : details && typeof details === 'object' && Array.isArray((details as { errors?: unknown[] }).errors)
      ? (details as { errors: unknown[] }).errors
      : [];
  const out = list
    .filter((d): d is { path?: string; message: string } => !!d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string')
    .map((d) => editorError(d.path ?? '', d.message, values));
  return out;
}

function ErrorList({ errors, onPick }: { errors: EditorError[]; onPick: (e: EditorError) => void }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="bm-cat-errors"
      style={{ marginBottom: 12 }}
      title={`保存未成功：共 ${errors.length} 处需要修改`}
      description={
        <ul>
          {errors.map((e, i) => (
            <li key={i}>
              <a onClick={() => onPick(e)}>
                {TAB_LABELS[e.tab]}
                {e.label && e.label !== TAB_LABELS[e.tab] ? ` · ${e.label}` : ''}
              </a>
              ：{e.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** 事项编辑: the item's elements in tabs, saved as a draft version, then submitted, reviewed and published. */
export default function ItemEditorPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const { me } = useAuth();
  const showError = useShowError();
  const [form] = Form.useForm<EditorValues>();
  const detail = useLoad((signal) => api.get<CatalogItemDetail>(`/catalog/admin/items/${id}`, undefined, { signal }), [id]);
  const tree = useCatalogTree();
  const depts = useDepartmentOptions(tree.data);
  const [tab, setTab] = useState<TabKey>('basic');
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<EditorError[]>([]);
  const [busy, setBusy] = useState<Busy>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const item = detail.data;
  if (item) rememberFileNames(item.files);
  const { setData, reload: reloadDetail } = detail;
  usePageTitle(item ? `${item.name} - 事项清单` : '事项编辑');

  const can = useMemo(() => rowAbility(item?.abilities ?? []), [item]);
  const status = item?.current.status;
  const editable = !!item && can('update') && (status === 'draft' || status === 'published' || status === 'withdrawn');
  const initialValues = useMemo(() => (item ? toForm(item.current.content) : undefined), [item]);
  // A new head (saved, reviewed, reloaded after a conflict) remounts the form and resets its store: a
  // remounted antd form would otherwise keep the values it held before.
  const formKey = item ? `${item.id}:${item.version}:${item.updatedAt}:${item.current.version}` : '';
  useEffect(() => {
    if (formKey) form.resetFields();
  }, [form, formKey]);

  useEffect(() => {
    if ((location.state as { created?: boolean } | null)?.created) void message.success('事项已创建（第 1 版草稿），请补充完善后提交审核');
  }, [location.state, message]);

  // Leaving with unsaved changes asks first (in-app navigation and closing the tab).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '有尚未保存的修改',
      content: '离开此页将丢失本次修改。确定离开吗？',
      okText: '离开',
      cancelText: '留在此页',
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const apply = useCallback(
    (next: CatalogItemDetail) => {
      setData(next);
      setDirty(false);
      setErrors([]);
    },
    [setData],
  );

  const reload = useCallback(() => {
    setDirty(false);
    setErrors([]);
    reloadDetail();
  }, [reloadDetail]);

  const pick = useCallback(
    (e: EditorError) => {
      setTab(e.tab);
      if (e.name) setTimeout(() => form.scrollToField(e.name!, { block: 'center' }), 50);
    },
    [form],
  );

  const showErrors = useCallback(
    (list: EditorError[]) => {
      setErrors(list);
      // Paths come from the server, so they are not the form's typed names.
      const anyForm = form as unknown as FormInstance;
      anyForm.setFields(list.filter((e) => e.name).map((e) => ({ name: e.name!, errors: [e.message] })));
      for (const l of new Set(list.filter((e) => e.listName).map((e) => e.listName!))) {
        anyForm.setFields([{ name: l, errors: list.filter((e) => e.listName === l).map((e) => e.message) }]);
      }
      if (list[0]) pick(list[0]);
    },
    [form, pick],
  );

  /** Answers of writes: 409 offers a reload, field errors go under fields and into the list. */
  const handleError = useCallback(
    (e: unknown, values?: Partial<EditorValues>) => {
      if (e instanceof ApiError && e.status === 409) {
        modal.confirm({
          title: '该事项已被他人修改',
          content: '在您编辑期间，其他人保存或审核了这个事项。重新加载后显示最新内容，您本次未保存的修改将丢失。',
          okText: '重新加载',
          cancelText: '暂不加载',
          onOk: reload,
        });
        return;
      }
      if (e instanceof ApiError && (e.status === 400 || e.status === 422)) {
        const list = errorsFrom(e, values ?? (form.getFieldsValue(true) as EditorValues));
        if (list.length) {
          showErrors(list);
          void message.error(e.message);
          return;
        }
        if (e.status === 422) {
          setErrors([{ name: null, listName: null, tab, label: '', message: e.message }]);
        }
      }
      showError(e);
    },
    [form, message, modal, reload, showError, showErrors, tab],
  );

  const save = async (): Promise<CatalogItemDetail | null> => {
    if (!item) return null;
    try {
      await form.validateFields();
    } catch (err) {
      const fields = (err as { errorFields?: { name: (string | number)[]; errors: string[] }[] }).errorFields ?? [];
      if (fields.length) {
        const values = form.getFieldsValue(true) as EditorValues;
        setErrors(fields.map((f) => ({ ...editorError(f.name.join('.').replace('amountYuan', 'amountFen'), f.errors[0], values), name: f.name })));
        pick({ ...editorError(fields[0].name.join('.'), '', values), name: fields[0].name });
        void message.error('请先修正标出的问题');
      }
      return null;
    }
    const values = form.getFieldsValue(true) as EditorValues;
    setBusy('save');
    try {
      const res = await api.put<CatalogItemDetail>(`/catalog/admin/items/${item.id}/draft`, { content: fromForm(values), version: item.version });
      apply(res);
      void message.success(res.current.version !== item.current.version ? `已生成新版本 v${res.current.version}（草稿），审核通过后替换当前版本` : `草稿已保存（v${res.current.version}）`);
      return res;
    } catch (e) {
      handleError(e, values);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const lifecycle = async (action: 'submit' | 'approve' | 'reject' | 'withdraw', base: CatalogItemDetail, comment?: string) => {
    const res = await api.post<CatalogItemDetail>(`/catalog/admin/items/${base.id}/${action}`, { version: base.version, ...(comment ? { comment } : {}) });
    apply(res);
    const done = { submit: '已提交审核', approve: `审核通过，v${base.current.version} 已发布`, reject: '已退回修改', withdraw: '事项已撤回，不再对外公布' }[action];
    void message.success(done);
  };

  const submit = async () => {
    if (!item) return;
    let base: CatalogItemDetail | null = item;
    if (dirty) base = await save();
    if (!base) return;
    setBusy('submit');
    try {
      await lifecycle('submit', base);
    } catch (e) {
      handleError(e);
    } finally {
      setBusy(null);
    }
  };

  const approve = () => {
    if (!item) return;
    modal.confirm({
      title: `审核通过并发布 v${item.current.version}？`,
      content: item.publishedVersion
        ? `发布后替换当前对外公布的 v${item.publishedVersion}，群众看到的办事指南随即更新。`
        : '发布后事项进入对外公布的清单，群众可查看办事指南。',
      okText: '审核通过',
      cancelText: '取消',
      onOk: async () => {
        setBusy('approve');
        try {
          await lifecycle('approve', item);
        } catch (e) {
          handleError(e);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  if (detail.error) {
    const missing = detail.error.status === 404 || detail.error.status === 403;
    return (
      <Result
        status={detail.error.status === 403 ? '403' : missing ? '404' : 'error'}
        title={missing ? '未找到该事项' : '事项加载失败'}
        subTitle={missing ? '该事项不存在，或不在您的管辖范围内。' : detail.error.message}
        extra={
          <Link to="/workbench/catalog">
            <Button type="primary">返回事项清单</Button>
          </Link>
        }
      />
    );
  }
  if (!item || !initialValues) return <Skeleton active paragraph={{ rows: 12 }} />;

  const cur = item.current;
  const inReview = cur.status === 'in_review';
  // Four eyes: whoever submitted a version does not review it (the server refuses; the page says so).
  const curInfo = item.versions.find((v) => v.version === cur.version);
  const selfSubmitted = inReview && !!curInfo?.submittedById && curInfo.submittedById === me?.user.id;
  const canReview = can('review') && inReview && !selfSubmitted;
  const errorCount = (k: TabKey) => errors.filter((e) => e.tab === k).length;
  const tabLabel = (k: TabKey) => (
    <span>
      {TAB_LABELS[k]}
      {errorCount(k) > 0 && <Badge count={errorCount(k)} size="small" style={{ marginLeft: 6 }} />}
    </span>
  );

  return (
    <>
      <div className="bm-cat-editor-bar">
        <div className="bm-cat-title">
          <Link to="/workbench/catalog" aria-label="返回事项清单">
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={4}>{item.name}</Typography.Title>
          <Tag color={VERSION_STATUS_COLORS[cur.status]} data-testid="current-status">
            v{cur.version} {VERSION_STATUSES[cur.status]}
          </Tag>
          {item.publishedVersion !== null && item.publishedVersion !== cur.version && <Tag color="green">已发布 v{item.publishedVersion}</Tag>}
          {dirty && <Tag color="orange">未保存</Tag>}
        </div>
        <Space wrap>
          <Tooltip title="按已保存的内容生成打印版办事指南">
            <Button icon={<FilePdfOutlined />} href={guidePdfUrl(item.id, cur.version)} target="_blank">
              预览打印版
            </Button>
          </Tooltip>
          {editable && (
            <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={!!busy && busy !== 'save'} onClick={() => void save()} type={cur.status === 'draft' ? 'default' : 'primary'}>
              保存草稿
            </Button>
          )}
          {can('submit') && cur.status === 'draft' && (
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={!!busy && busy !== 'submit'} onClick={() => void submit()}>
              提交审核
            </Button>
          )}
          {canReview && (
            <>
              <Button danger icon={<RollbackOutlined />} disabled={!!busy} onClick={() => setDialog('reject')}>
                退回
              </Button>
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} disabled={!!busy && busy !== 'approve'} onClick={approve}>
                审核通过
              </Button>
            </>
          )}
          {can('withdraw') && item.publishedVersion !== null && (
            <Button danger icon={<StopOutlined />} disabled={!!busy} onClick={() => setDialog('withdraw')}>
              撤回
            </Button>
          )}
        </Space>
      </div>

      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'impl', label: '实施编码', children: <span className="bm-cat-code">{item.implementationCode}</span> },
            { key: 'basic', label: '基本编码', children: <span className="bm-cat-code">{item.basicCode}</span> },
            { key: 'level', label: '行使层级', children: ITEM_LEVEL_LABELS[item.level] },
            { key: 'center', label: '实施中心', children: item.centerName },
            { key: 'dept', label: '实施部门', children: item.departmentName },
            {
              key: 'ver',
              label: '版本',
              children: (
                <span>
                  当前 v{cur.version}（{VERSION_STATUSES[cur.status]}）{item.publishedVersion ? ` · 对外公布 v${item.publishedVersion}` : ' · 尚未发布'} · 共 {item.versions.length} 个版本
                </span>
              ),
            },
            { key: 'updated', label: '更新时间', children: fmtDateTime(item.updatedAt) },
          ]}
        />
      </Card>

      {editable && cur.status === 'published' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已发布的事项修改后将生成新版本，审核通过后替换当前版本。" description="保存前，群众看到的仍是当前已发布的办事指南。" />
      )}
      {editable && cur.status === 'withdrawn' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="该事项已撤回，不再对外公布。" description="修改后将生成新版本，审核通过后重新发布。" />
      )}
      {inReview && (
        <Alert
          type={canReview ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`v${cur.version} 正在审核中，内容不能修改。`}
          description={
            canReview
              ? `由 ${curInfo?.submittedByName ?? '—'} 于 ${fmtDateTime(curInfo?.submittedAt)} 提交。请核对各项要素后「审核通过」或「退回」（退回须填写意见）。`
              : selfSubmitted
                ? '您提交的版本须由其他事项管理员或中心主任审核；审核退回后可继续修改。'
                : '审核退回后可继续修改。'
          }
        />
      )}
      {!editable && !inReview && !can('update') && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="您可以查看该事项，但没有修改权限。" description="事项的修改由本级事项管理员负责。" />
      )}
      <ErrorList errors={errors} onPick={pick} />

      <Card size="small" className={editable ? undefined : 'bm-cat-readonly'}>
        <Form<EditorValues>
          key={formKey}
          form={form}
          layout="vertical"
          initialValues={initialValues}
          disabled={!editable}
          onValuesChange={(changed: Partial<EditorValues>) => {
            if (!dirty) setDirty(true);
            // An element the user touches drops its old errors (they come back on the next save if still wrong).
            const touched = Object.keys(changed);
            const stale = errors.filter((e) => touched.includes(String(e.listName ?? e.name?.[0] ?? '')));
            if (stale.length) {
              setErrors(errors.filter((e) => !stale.includes(e)));
              const lists = [...new Set(stale.map((e) => e.listName).filter((l): l is string => !!l))];
              if (lists.length) (form as unknown as FormInstance).setFields(lists.map((l) => ({ name: l, errors: [] })));
            }
          }}
          scrollToFirstError={false}
        >
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as TabKey)}
            items={[
              { key: 'basic', label: tabLabel('basic'), forceRender: true, children: <BasicSection item={item} /> },
              { key: 'levels', label: tabLabel('levels'), forceRender: true, children: <LevelsSection form={form} departments={depts.options} /> },
              { key: 'time', label: tabLabel('time'), forceRender: true, children: <TimeSection form={form} editable={editable} /> },
              { key: 'place', label: tabLabel('place'), forceRender: true, children: <PlaceSection /> },
              { key: 'conditions', label: tabLabel('conditions'), forceRender: true, children: <ConditionsSection editable={editable} /> },
              { key: 'materials', label: tabLabel('materials'), forceRender: true, children: <MaterialsEditor form={form} editable={editable} /> },
              {
                key: 'steps',
                label: tabLabel('steps'),
                forceRender: true,
                children: <StepsEditor form={form} editable={editable} departments={depts.options} centerLevel={item.centerLevel} />,
              },
              {
                key: 'versions',
                label: TAB_LABELS.versions,
                // Comparing versions works on read-only items too: out of the form's disabled state.
                children: (
                  <ConfigProvider componentDisabled={false}>
                    <VersionsPanel key={item.versions.length} item={item} departments={depts.options} />
                  </ConfigProvider>
                ),
              },
            ]}
          />
        </Form>
      </Card>

      <FormModal<{ comment: string }>
        open={dialog === 'reject'}
        title={`退回 v${cur.version}`}
        okText="退回"
        onCancel={() => setDialog(null)}
        onSubmit={async (v) => {
          await lifecycle('reject', item, v.comment.trim());
          setDialog(null);
        }}
      >
        <Typography.Paragraph type="secondary">退回后该版本回到草稿，由事项管理员按意见修改后重新提交。</Typography.Paragraph>
        <Form.Item name="comment" label="退回意见" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }, { max: 500, message: '不能超过500个字' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="请写明需要修改的要素和原因" />
        </Form.Item>
      </FormModal>
      <FormModal<{ comment: string }>
        open={dialog === 'withdraw'}
        title={
          <Space>
            <CloseCircleOutlined style={{ color: '#ff4d4f' }} />
            撤回已发布的事项
          </Space>
        }
        okText="撤回"
        onCancel={() => setDialog(null)}
        onSubmit={async (v) => {
          await lifecycle('withdraw', item, v.comment.trim());
          setDialog(null);
        }}
      >
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`撤回后「${item.name}」不再出现在对外公布的清单和办事指南中。`} />
        <Form.Item name="comment" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }, { max: 500, message: '不能超过500个字' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="如：依据县政府文件，该事项已取消" />
        </Form.Item>
      </FormModal>
    </>
  );
}
