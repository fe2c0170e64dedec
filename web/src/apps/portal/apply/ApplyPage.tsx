import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, Radio, Result, Skeleton, Steps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../../shared/api';
import { fmtDateTime } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import { NotFoundPage } from '../../../shared/NotFound';
import { usePageTitle } from '../../../shared/title';
import { RequireLogin } from '../RequireLogin';
import { LoadFailed } from '../LoadFailed';
import { DELIVERY_LABELS, newIdempotencyKey, type ApplicationDetail, type ApplicationFile, type ApplicationForm } from './applyApi';
import { MaterialCard } from './MaterialCard';
import './apply.css';

const STEPS = ['填写信息', '上传材料', '送达方式', '核对提交'] as const;
const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const AUTOSAVE_MS = 1500;

type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'stale';

/** Height of the portal's bottom tab bar (0 when hidden, e.g. on wide screens), so the step buttons sit just above it in any mode. */
function useTabbarHeight(): number {
  const read = () => {
    const bar = document.querySelector<HTMLElement>('.bm-portal-tabbar');
    return bar ? bar.getBoundingClientRect().height : 0; // 0 when display: none
  };
  const [h, setH] = useState(read);
  useEffect(() => {
    const bar = document.querySelector<HTMLElement>('.bm-portal-tabbar');
    if (!bar) return;
    // Called once on observe and whenever the bar changes size (elder mode, hidden on wide screens).
    const ro = new ResizeObserver(() => setH(read()));
    ro.observe(bar);
    return () => ro.disconnect();
  }, []);
  return h;
}

/** Server field errors (`form.phone`) next to the fields of this form (`phone`). */
function showFieldErrors(e: unknown, form: ReturnType<typeof Form.useForm<ApplicationForm>>[0]) {
  if (!(e instanceof ApiError)) return;
  const fields = e.fieldErrors.filter((f) => f.path.startsWith('form.')).map((f) => ({ name: f.path.slice(5) as keyof ApplicationForm, errors: [f.message] }));
  if (fields.length) form.setFields(fields);
}

function Submitted({ a }: { a: ApplicationDetail }) {
  return (
    <div className="bm-portal-page bm-apply">
      <Result
        status="success"
        title="申报已提交"
        data-testid="apply-done"
        subTitle={
          <div>
            <div>「{a.itemName}」已提交到{a.center.name}，工作人员审查后会通知您。</div>
            {a.caseNo && (
              <div style={{ marginTop: 8 }}>
                办件编号 <span className="bm-apply-done-no">{a.caseNo}</span>
              </div>
            )}
            <div className="bm-muted" style={{ marginTop: 4 }}>
              提交时间 {fmtDateTime(a.submittedAt).slice(0, 16)}
              {a.caseStatusLabel ? ` · 当前状态：${a.caseStatusLabel}` : ''}
            </div>
          </div>
        }
        extra={[
          a.caseId && (
            <Link key="case" to={`/portal/me/cases/${a.caseId}`}>
              <Button type="primary" size="large">
                查看办理进度
              </Button>
            </Link>
          ),
          <Link key="mine" to="/portal/me/applications">
            <Button size="large">我的申报</Button>
          </Link>,
        ]}
      />
    </div>
  );
}

function Wizard({ initial, reload }: { initial: ApplicationDetail; reload: () => void }) {
  const { message } = App.useApp();
  const [app, setApp] = useState(initial);
  // The latest version for saves that run after an await (kept in step with the state below).
  const appRef = useRef(app);
  useEffect(() => {
    appRef.current = app;
  }, [app]);
  const [form] = Form.useForm<ApplicationForm>();
  const [step, setStep] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const dirty = useRef(false);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  // One key per submit attempt, kept while that attempt is retried after a network failure.
  const submitKey = useRef<string | null>(null);
  const method = Form.useWatch('deliveryMethod', form) ?? app.form.deliveryMethod;
  const tabbar = useTabbarHeight();

  /** Save the form if it changed; saves run one after another so each carries the latest version. */
  const save = useCallback((): Promise<boolean> => {
    window.clearTimeout(timer.current);
    const run = async (): Promise<boolean> => {
      if (!dirty.current) return true;
      dirty.current = false;
      setSaveState('saving');
      try {
        const values = form.getFieldsValue(true) as ApplicationForm;
        const next = await api.put<ApplicationDetail>(`/applications/${appRef.current.id}`, { version: appRef.current.version, form: values });
        setApp((a) => ({ ...a, version: next.version, form: next.form, updatedAt: next.updatedAt }));
        appRef.current = { ...appRef.current, version: next.version, form: next.form };
        setSavedAt(next.updatedAt);
        setSaveState(dirty.current ? 'dirty' : 'saved');
        return true;
      } catch (e) {
        dirty.current = true;
        const stale = e instanceof ApiError && e.status === 409;
        setSaveState(stale ? 'stale' : 'error');
        showFieldErrors(e, form);
        if (!stale) void message.error(e instanceof ApiError ? e.message : '保存失败，请稍后再试');
        return false;
      }
    };
    const p = chain.current.then(run);
    chain.current = p.catch(() => undefined);
    return p;
  }, [form, message]);

  // Leaving the page with unsaved changes: save them on the way out.
  useEffect(() => () => void save(), [save]);

  const onValuesChange = () => {
    dirty.current = true;
    setSaveState('dirty');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), AUTOSAVE_MS);
  };

  const fieldsOf: Record<number, (keyof ApplicationForm)[]> = { 0: ['phone', 'address', 'note'], 2: ['deliveryMethod', 'deliveryAddress'] };
  const go = async (to: number) => {
    if (to > step && fieldsOf[step]) {
      try {
        await form.validateFields(fieldsOf[step]);
      } catch {
        return;
      }
    }
    void save();
    setStep(to);
    window.scrollTo({ top: 0 });
  };

  const onAdded = (f: ApplicationFile) =>
    setApp((a) => ({
      ...a,
      materials: a.materials.map((m) => (m.key === f.materialKey && !m.files.some((x) => x.id === f.id) ? { ...m, files: [...m.files, f] } : m)),
      missing: a.missing.filter((x) => x.key !== f.materialKey),
    }));
  const onRemoved = (fileId: string) =>
    setApp((a) => {
      const materials = a.materials.map((m) => ({ ...m, files: m.files.filter((f) => f.id !== fileId) }));
      return { ...a, materials, missing: materials.filter((m) => m.necessity === 'required' && m.files.length === 0).map(({ key, name }) => ({ key, name })) };
    });

  const refresh = async () => {
    setRefreshing(true);
    try {
      if (!(await save())) return;
      const next = await api.post<ApplicationDetail>(`/applications/${app.id}/refresh`, { version: appRef.current.version });
      appRef.current = next;
      setApp(next);
      setSubmitError(null);
      void message.success(`已按第 ${next.itemVersion} 版办事指南更新，请核对材料`);
      setStep(1);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '更新失败，请稍后再试');
    } finally {
      setRefreshing(false);
    }
  };

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      void message.warning('请先补全联系信息和送达方式');
      setStep(0);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      if (!(await save())) return;
      submitKey.current ??= newIdempotencyKey();
      const done = await api.post<ApplicationDetail>(`/applications/${app.id}/submit`, { version: appRef.current.version }, { headers: { 'idempotency-key': submitKey.current } });
      submitKey.current = null;
      setApp(done);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '提交失败，请稍后再试');
      // A network failure keeps the key: retrying then can never make a second case.
      if (err.status !== 0) submitKey.current = null;
      if (err.code === 'APPLICATION_ALREADY_SUBMITTED') {
        reload();
        return;
      }
      showFieldErrors(err, form);
      setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  if (app.status === 'submitted') return <Submitted a={app} />;

  const missingKeys = new Set(app.missing.map((m) => m.key));
  const f = form.getFieldsValue(true) as ApplicationForm;
  const saveText =
    saveState === 'saving'
      ? '正在保存…'
      : saveState === 'dirty'
        ? '有未保存的修改'
        : saveState === 'error'
          ? '保存失败，请重试'
          : saveState === 'stale'
            ? '已在其他页面修改'
            : savedAt
              ? `草稿已保存 ${fmtDateTime(savedAt).slice(11, 16)}`
              : '草稿已保存';

  return (
    <div className="bm-portal-page bm-apply">
      <header className="bm-apply-head">
        <div className="bm-muted">网上申报</div>
        <h1 data-testid="apply-item">{app.itemName}</h1>
        <div className="bm-muted">
          提交至 {app.center.name} · 申请人 {app.applicant.name}
        </div>
        <div className="bm-apply-head-row">
          <span className={`bm-apply-save${saveState === 'error' || saveState === 'stale' ? ' error' : ''}`} data-testid="apply-save-state" aria-live="polite">
            {saveText}
          </span>
          <Button
            size="small"
            icon={<SaveOutlined />}
            loading={saveState === 'saving'}
            onClick={async () => {
              dirty.current = true;
              if (await save()) void message.success('草稿已保存，可稍后在“我的申报”中继续');
            }}
          >
            保存草稿
          </Button>
        </div>
      </header>

      {saveState === 'stale' && (
        <Alert
          type="warning"
          showIcon
          title="这份申报已在其他页面或设备上修改"
          description="为避免覆盖，请重新加载后再继续填写。"
          action={
            <Button size="small" onClick={reload}>
              重新加载
            </Button>
          }
        />
      )}
      {app.outdated && app.latestVersion === null && (
        <Alert type="error" showIcon title="该事项已停止办理" description="该事项的办事指南已撤回，暂不能网上申报。如有疑问请联系受理窗口；这份草稿可以在“我的申报”中删除。" />
      )}
      {app.outdated && app.latestVersion !== null && (
        <Alert
          type="warning"
          showIcon
          title="办事指南已更新"
          description={`该事项已发布第 ${app.latestVersion} 版办事指南，材料要求可能有变化。请更新后核对材料再提交。`}
          action={
            <Button size="small" type="primary" loading={refreshing} onClick={() => void refresh()}>
              更新
            </Button>
          }
        />
      )}

      <div className="bm-apply-steps">
        <Steps size="small" titlePlacement="vertical" responsive={false} current={step} onChange={(s) => void go(s)} items={STEPS.map((t) => ({ title: t }))} />
      </div>

      <Form<ApplicationForm> form={form} layout="vertical" initialValues={app.form} onValuesChange={onValuesChange} requiredMark={false}>
        <section className="bm-apply-section" hidden={step !== 0} aria-label="填写信息">
          <h2>填写信息</h2>
          <Form.Item label="申请人">
            <div>
              {app.applicant.name} <span className="bm-muted">{app.applicant.idMasked}</span>
            </div>
            <div className="bm-muted">网上申报只能为本人申请；为家人办理可请村代办员代办，或到窗口办理。</div>
          </Form.Item>
          <Form.Item
            name="phone"
            label="联系电话"
            extra="工作人员审查时可能电话联系您"
            rules={[
              { required: true, whitespace: true, message: '请填写联系电话' },
              { pattern: PHONE_RE, message: '联系电话格式不正确' },
            ]}
          >
            <Input inputMode="tel" maxLength={20} autoComplete="tel" allowClear />
          </Form.Item>
          <Form.Item name="address" label="联系地址" rules={[{ max: 200, message: '地址不能超过200个字' }]}>
            <Input maxLength={200} placeholder="如：青山镇青山村三组12号" autoComplete="street-address" allowClear />
          </Form.Item>
          <Form.Item name="note" label="补充说明（选填）" rules={[{ max: 1000, message: '补充说明不能超过1000个字' }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder="有需要向工作人员说明的情况可以写在这里" />
          </Form.Item>
        </section>

        <section className="bm-apply-section" hidden={step !== 1} aria-label="上传材料">
          <h2>上传材料</h2>
          <div className="bm-muted" style={{ marginBottom: 10 }}>
            每项材料拍照或选择文件上传（JPG、PNG 或 PDF，每个不超过 10 MB）；标“必要”的材料必须上传。
          </div>
          {app.materials.map((m, i) => (
            <MaterialCard key={m.key} applicationId={app.id} m={m} index={i} editable missing={false} onAdded={onAdded} onRemoved={onRemoved} />
          ))}
        </section>

        <section className="bm-apply-section" hidden={step !== 2} aria-label="送达方式">
          <h2>办理结果怎么给您</h2>
          <Form.Item name="deliveryMethod" rules={[{ required: true, message: '请选择送达方式' }]}>
            <Radio.Group className="bm-apply-delivery" style={{ width: '100%' }}>
              {(Object.keys(DELIVERY_LABELS) as ApplicationForm['deliveryMethod'][]).map((k) => (
                <Radio key={k} value={k}>
                  <div>{DELIVERY_LABELS[k].title}</div>
                  <div className="bm-apply-delivery-help">{DELIVERY_LABELS[k].help}</div>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="deliveryAddress"
            label="收件地址"
            hidden={method !== 'post'}
            rules={[{ required: method === 'post', whitespace: true, message: '邮寄送达请填写收件地址' }]}
          >
            <Input.TextArea rows={2} maxLength={200} placeholder="省市县、乡镇、村组门牌，收件人和电话" />
          </Form.Item>
        </section>
      </Form>

      {step === 3 && (
        <section className="bm-apply-section" aria-label="核对提交">
          <h2>核对后提交</h2>
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 76 } }}
            items={[
              { key: 'who', label: '申请人', children: `${app.applicant.name}（${app.applicant.idMasked ?? ''}）` },
              { key: 'phone', label: '联系电话', children: f.phone || <span style={{ color: '#cf1322' }}>未填写</span> },
              { key: 'addr', label: '联系地址', children: f.address || '—' },
              { key: 'note', label: '补充说明', children: f.note || '—' },
              {
                key: 'delivery',
                label: '送达方式',
                children: `${DELIVERY_LABELS[f.deliveryMethod ?? 'window'].title}${f.deliveryMethod === 'post' ? `：${f.deliveryAddress || '（未填写地址）'}` : ''}`,
              },
              { key: 'center', label: '提交至', children: app.center.name },
            ]}
          />
          <h2 style={{ marginTop: 12 }}>申请材料</h2>
          <ul className="bm-apply-check" data-testid="apply-check">
            {app.materials.map((m) => {
              const n = m.files.length;
              const bad = missingKeys.has(m.key);
              return (
                <li key={m.key} data-missing={bad || undefined}>
                  {n > 0 ? <CheckCircleFilled className="ok" /> : bad ? <CloseCircleFilled className="bad" /> : <MinusCircleOutlined className="opt" />}
                  <span className={bad ? 'bad' : undefined}>
                    {m.name}
                    {bad ? '（必要，未上传）' : ''}
                  </span>
                  <span className="bm-apply-check-count">{n > 0 ? `${n} 个文件` : m.necessityLabel}</span>
                </li>
              );
            })}
          </ul>
          {app.missing.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 10 }}
              title={`还有 ${app.missing.length} 项必要材料没有上传`}
              description={app.missing.map((m) => m.name).join('、')}
              action={
                <Button size="small" onClick={() => void go(1)}>
                  去上传
                </Button>
              }
            />
          )}
          {submitError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginTop: 10 }}
              title={submitError.status === 0 ? '网络中断，申报还没有提交成功' : '提交未成功'}
              description={submitError.status === 0 ? '请检查网络后再点“提交申报”，重复点击不会重复提交。' : submitError.message}
              action={
                submitError.code === 'CASE_ITEM_VERSION_CHANGED' ? (
                  <Button size="small" type="primary" loading={refreshing} onClick={() => void refresh()}>
                    更新
                  </Button>
                ) : undefined
              }
            />
          )}
          <div className="bm-muted" style={{ marginTop: 10 }}>
            提交后由{app.center.name}工作人员审查，材料齐全的予以受理；需要补正的会一次性告知您。
          </div>
        </section>
      )}

      <div className="bm-apply-bar" style={{ bottom: tabbar }}>
        {step > 0 && <Button onClick={() => void go(step - 1)}>上一步</Button>}
        {step < 3 ? (
          <Button type="primary" className="main" onClick={() => void go(step + 1)} data-testid="apply-next">
            下一步：{STEPS[step + 1]}
          </Button>
        ) : (
          <Button
            type="primary"
            className="main"
            icon={<SendOutlined />}
            loading={submitting}
            disabled={app.missing.length > 0 || app.outdated}
            onClick={() => void submit()}
            data-testid="apply-submit"
          >
            提交申报
          </Button>
        )}
      </div>
    </div>
  );
}

function Apply() {
  const { applicationId = '' } = useParams();
  const r = useLoad((signal) => api.get<ApplicationDetail>(`/applications/${encodeURIComponent(applicationId)}`, undefined, { signal }), [applicationId]);
  usePageTitle(r.data ? `${r.data.itemName} - 网上申报` : '网上申报 - 网上办事大厅');
  if (r.error && (r.error.status === 404 || r.error.status === 400)) {
    return <NotFoundPage home="/portal/me/applications" title="未找到该申报" subTitle="申报不存在或已删除，可在“我的申报”中查看。" />;
  }
  if (r.error) {
    return (
      <div className="bm-portal-page">
        <LoadFailed title="申报加载失败" error={r.error} onRetry={r.reload} />
      </div>
    );
  }
  if (!r.data || r.loading) {
    return (
      <div className="bm-portal-page bm-apply">
        <div className="bm-apply-head">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      </div>
    );
  }
  return r.data.status === 'submitted' ? <Submitted a={r.data} /> : <Wizard key={`${r.data.id}-${r.data.version}-${r.data.itemVersion}`} initial={r.data} reload={r.reload} />;
}

/** 网上申报: fill in, upload per material, choose delivery, check and submit (phone first). */
export default function ApplyPage() {
  return (
    <RequireLogin>
      <Apply />
    </RequireLogin>
  );
}
