import {
  ClockCircleOutlined,
  DownloadOutlined,
  EnvironmentOutlined,
  FilePdfOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Button, Collapse, Descriptions, Spin, Steps, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, withQuery } from '../../shared/api';
import { fmtDate } from '../../shared/format';
import { useLoad } from '../../shared/hooks';
import { NotFoundPage } from '../../shared/NotFound';
import { ReadAloud } from '../../shared/elderSpeech';
import { usePageTitle } from '../../shared/title';
import type { Guide } from '../../shared/types';
import { LoadFailed } from './LoadFailed';
import { ApplyButton } from './apply/ApplyButton';
import { VisitsBadge } from './catalog/ItemCard';
import { ItemQuestions } from './consult/ItemQuestions';
import { ITEM_LEVEL_LABELS, promiseText, SPECIAL_PROCEDURES } from './catalog/labels';
import { PlaceBar } from './catalog/PlaceBar';
import { guideReading } from './guideReading';
import { usePlace } from './catalog/place';

type GuideMaterial = Guide['materials'][number];
type FileRef = GuideMaterial['blankFile'];

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
const fileSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const daysText = (d: number | null) => (d === null ? '无法定时限' : d === 0 ? '即办' : `${d} 个工作日`);
const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

function Phone({ phone }: { phone: string }) {
  if (!phone) return <>—</>;
  return (
    <a href={telHref(phone)} className="bm-tel">
      <PhoneOutlined /> {phone}
    </a>
  );
}

function Section({ id, title, extra, children }: { id: string; title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="bm-guide-section" id={id} aria-labelledby={`${id}-title`}>
      <div className="bm-guide-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {extra && <small>{extra}</small>}
      </div>
      {children}
    </section>
  );
}

function FileLink({ file, label }: { file: FileRef; label: string }) {
  if (!file) return null;
  return (
    <a href={`/api/catalog/files/${file.id}`} download={file.name} className="bm-file-link" title={`${file.name}（${fileSize(file.size)}）`}>
      <DownloadOutlined /> 下载{label}
    </a>
  );
}

function MaterialRow({ m, index }: { m: GuideMaterial; index: number }) {
  const necessityColor = m.necessity === 'required' ? 'red' : m.necessity === 'deferrable' ? 'orange' : 'default';
  return (
    <li className="bm-material" data-testid="material">
      <div className="bm-material-name">
        <span className="bm-material-no">{index + 1}</span>
        <span>{m.name}</span>
      </div>
      <div className="bm-material-tags">
        <Tag color={necessityColor}>{m.necessityLabel}</Tag>
        {m.necessity === 'deferrable' && m.deferDays !== null && <Tag color="orange">受理后 {m.deferDays} 个工作日内补交</Tag>}
        {m.certificateType && (
          <Tag color="cyan" icon={<SafetyCertificateOutlined />}>
            可用电子证照替代：{m.certificateType}
          </Tag>
        )}
      </div>
      <dl className="bm-material-facts">
        <div>
          <dt>形式</dt>
          <dd>
            {m.formLabel}
            {m.form !== 'electronic' && m.copies > 0 ? ` ${m.copies} 份` : ''}
          </dd>
        </div>
        <div>
          <dt>来源</dt>
          <dd>{m.sourceLabel}</dd>
        </div>
        {m.issuer && (
          <div>
            <dt>出具</dt>
            <dd>{m.issuer}</dd>
          </div>
        )}
        {m.note && (
          <div>
            <dt>说明</dt>
            <dd>{m.note}</dd>
          </div>
        )}
      </dl>
      {(m.blankFile || m.sampleFile) && (
        <div className="bm-material-files">
          <FileLink file={m.blankFile} label="空白表格" />
          <FileLink file={m.sampleFile} label="填写示例" />
        </div>
      )}
    </li>
  );
}

function GuideView({ g, pdfHref, placeBar }: { g: Guide; pdfHref: string; placeBar: ReactNode }) {
  const c = g.content;
  const pdfButton = (
    <Button type="primary" size="large" block icon={<FilePdfOutlined />} href={pdfHref} download className="bm-pdf-button">
      下载打印版办事指南（PDF）
    </Button>
  );
  const hasParallel = g.steps.some((s) => s.parallel);
  // Articles with their text fold open; a law cited without its text is a plain line.
  const basisWithText = c.legalBasis.filter((b) => b.text);
  const basisNameOnly = c.legalBasis.filter((b) => !b.text);
  const basisTitle = (b: Guide['content']['legalBasis'][number]) => `${b.name}${b.article ? ` ${b.article}` : ''}`;

  return (
    <>
      <header className="bm-guide-top">
        <div className="bm-guide-kind">
          <Tag color="blue">{g.labels.itemType}</Tag>
          <Tag>{g.labels.handlingType}</Tag>
          {g.labels.audience && <Tag>{g.labels.audience}</Tag>}
        </div>
        <h1 data-testid="guide-name">{c.name}</h1>
        <div className="bm-muted">
          {g.department.name} · {g.center.name}
        </div>
        <ReadAloud parts={() => guideReading(g)} label="朗读办事指南" />
        <div className="bm-guide-visits">
          <VisitsBadge n={c.maxVisits} big />
          <span className="bm-muted">{c.maxVisits === 0 ? '网上办或请代办员代办' : '到现场次数'}</span>
        </div>
        <div className="bm-guide-facts">
          <div>
            <span>承诺时限</span>
            <strong>{promiseText(c.handlingType, c.promisedDays)}</strong>
          </div>
          <div>
            <span>法定时限</span>
            <strong>{daysText(c.legalDays)}</strong>
          </div>
          <div>
            <span>收费</span>
            <strong>{c.fees.length === 0 ? '不收费' : g.labels.fees}</strong>
          </div>
          <div>
            <span>办理层级</span>
            <strong>{g.labels.levels}</strong>
          </div>
        </div>
        <div className="bm-guide-flags">
          {c.agentEligible ? (
            <Tag color="green" icon={<TeamOutlined />}>
              可代办：村代办员可以帮您办
            </Tag>
          ) : (
            <Tag>需本人或委托人办理</Tag>
          )}
          <Tag color={c.onlineLevel === 'none' ? 'default' : 'geekblue'}>{g.labels.onlineLevel}</Tag>
        </div>
        <ApplyButton itemId={g.id} onlineLevel={c.onlineLevel} />
        {pdfButton}
      </header>

      <nav className="bm-guide-nav" aria-label="指南目录">
        <a href="#guide-where">在哪办</a>
        <a href="#guide-conditions">条件</a>
        <a href="#guide-materials">材料</a>
        <a href="#guide-steps">流程</a>
        <a href="#guide-basis">依据</a>
        {c.faq.length > 0 && <a href="#guide-faq">问答</a>}
      </nav>

      <Section id="guide-where" title="在哪儿办" extra="按我的所在地">
        {placeBar}
        {g.acceptPlaces.length === 0 ? (
          <div className="bm-muted">请到 {g.center.name} 办理。</div>
        ) : (
          <ul className="bm-places">
            {g.acceptPlaces.map((p) => (
              <li key={p.centerId} className={p.level}>
                <div className="bm-place-name">
                  <Tag color={p.level === 'village' ? 'green' : p.level === 'township' ? 'blue' : 'purple'}>{ITEM_LEVEL_LABELS[p.level]}</Tag>
                  <strong>{p.name}</strong>
                </div>
                {p.address && (
                  <div>
                    <EnvironmentOutlined /> {p.address}
                  </div>
                )}
                {p.hours && (
                  <div>
                    <ClockCircleOutlined /> {p.hours}
                  </div>
                )}
                {p.phone && <Phone phone={p.phone} />}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="guide-conditions" title="受理条件">
        {c.conditions.length === 0 ? (
          <div className="bm-muted">无特别条件。</div>
        ) : (
          <ol className="bm-ol">
            {c.conditions.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ol>
        )}
      </Section>

      <Section id="guide-materials" title="申请材料" extra={`共 ${g.materials.length} 项`}>
        {g.materials.length === 0 ? (
          <div className="bm-muted">无需提交材料。</div>
        ) : (
          <>
            {g.materials.some((m) => m.certificateType || m.source === 'department') && (
              <div className="bm-note">标有“电子证照”或“数据共享”的材料，窗口可以直接调取，您不用再交纸质件。</div>
            )}
            <ol className="bm-materials">
              {g.materials.map((m, i) => (
                <MaterialRow key={m.key} m={m} index={i} />
              ))}
            </ol>
          </>
        )}
      </Section>

      <Section id="guide-steps" title="办理流程" extra={g.labels.processKind}>
        <Steps
          orientation="vertical"
          size="small"
          className="bm-steps"
          current={-1}
          items={g.steps.map((s) => ({
            key: s.key,
            status: 'process' as const,
            title: (
              <span className="bm-step-title">
                {s.name}
                {s.parallel && <Tag color="purple">并联</Tag>}
              </span>
            ),
            content: (
              <div className="bm-step-desc">
                <div>
                  {s.departmentName || g.department.name} · {s.levelLabel} · {s.days === 0 ? '当场办结' : `${s.days} 个工作日`}
                </div>
                {s.note && <div className="bm-muted">{s.note}</div>}
              </div>
            ),
          }))}
        />
        {hasParallel && <div className="bm-note">标“并联”的环节由几个部门同时审查，不用一个一个等。</div>}
        {c.specialProcedures.length > 0 && (
          <Alert
            type="warning"
            showIcon
            className="bm-special"
            title="特别程序（所需时间不计入办理时限）"
            description={
              <ul className="bm-ul">
                {c.specialProcedures.map((p) => (
                  <li key={p.kind}>
                    {SPECIAL_PROCEDURES[p.kind as keyof typeof SPECIAL_PROCEDURES] ?? p.kind} {p.days} 个工作日
                    {p.note ? `：${p.note}` : ''}
                  </li>
                ))}
                <li>进行特别程序期间，办理时限暂停计算，结束后接着算。</li>
              </ul>
            }
          />
        )}
      </Section>

      <Section id="guide-info" title="基本信息">
        <Descriptions column={1} size="small" bordered className="bm-desc" styles={{ label: { width: 104 } }}>
          <Descriptions.Item label="事项类型">{g.labels.itemType}</Descriptions.Item>
          <Descriptions.Item label="办件类型">{g.labels.handlingType}</Descriptions.Item>
          <Descriptions.Item label="办理类型">{g.labels.processKind}</Descriptions.Item>
          <Descriptions.Item label="办理层级">{g.labels.levels}</Descriptions.Item>
          {g.labels.delegation && <Descriptions.Item label="权力下放">{g.labels.delegation}</Descriptions.Item>}
          <Descriptions.Item label="实施主体">{g.department.name}</Descriptions.Item>
          {g.jointDepartments.length > 0 && <Descriptions.Item label="联办部门">{g.jointDepartments.map((d) => d.name).join('、')}</Descriptions.Item>}
          <Descriptions.Item label="服务对象">{g.labels.audience}</Descriptions.Item>
          <Descriptions.Item label="法定时限">{daysText(c.legalDays)}</Descriptions.Item>
          <Descriptions.Item label="承诺时限">{promiseText(c.handlingType, c.promisedDays)}</Descriptions.Item>
          <Descriptions.Item label="到现场次数">{g.labels.visits}</Descriptions.Item>
          <Descriptions.Item label="网上办理">{g.labels.onlineLevel}</Descriptions.Item>
          <Descriptions.Item label="收费">
            {c.fees.length === 0
              ? '不收费'
              : c.fees.map((f, i) => (
                  <div key={i}>
                    {f.name} {yuan(f.amountFen)}
                    <div className="bm-muted">依据：{f.basis}</div>
                  </div>
                ))}
          </Descriptions.Item>
          <Descriptions.Item label="实施编码">
            <span className="bm-code">{g.implementationCode}</span>
          </Descriptions.Item>
          <Descriptions.Item label="基本编码">
            <span className="bm-code">{g.basicCode}</span>
          </Descriptions.Item>
          <Descriptions.Item label="指南版本">
            第 {g.version} 版{g.publishedAt ? `（${fmtDate(g.publishedAt)} 发布）` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Section>

      <Section id="guide-basis" title="设定依据">
        {basisWithText.length > 0 && (
          <Collapse
            size="small"
            className="bm-collapse"
            items={basisWithText.map((b, i) => ({ key: String(i), label: basisTitle(b), children: <div className="bm-pre">{b.text}</div> }))}
          />
        )}
        {basisNameOnly.length > 0 && (
          <ul className="bm-basis-plain">
            {basisNameOnly.map((b, i) => (
              <li key={i}>{basisTitle(b)}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="guide-contact" title="办理地点和时间">
        <Descriptions column={1} size="small" className="bm-desc">
          <Descriptions.Item label="办理地点">{c.place || g.center.address}</Descriptions.Item>
          <Descriptions.Item label="办理时间">{c.hours || g.center.hours}</Descriptions.Item>
          <Descriptions.Item label="咨询电话">
            <Phone phone={c.phone || g.center.phone} />
          </Descriptions.Item>
          <Descriptions.Item label="投诉电话">
            <Phone phone={c.complaintPhone} />
          </Descriptions.Item>
        </Descriptions>
      </Section>

      {c.faq.length > 0 && (
        <Section id="guide-faq" title="常见问题">
          <Collapse
            size="small"
            className="bm-collapse"
            items={c.faq.map((f, i) => ({ key: String(i), label: f.q, children: <div className="bm-pre">{f.a}</div> }))}
          />
        </Section>
      )}
      <ItemQuestions itemId={g.id} />

      <div className="bm-guide-bottom">{pdfButton}</div>
    </>
  );
}

/** 办事指南: every element of a published item, phone-first, with the printable PDF. */
export default function ItemGuidePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const version = params.get('version') ?? undefined;
  const place = usePlace();
  const { data, error, reload } = useLoad(
    (signal) =>
      place.ready ? api.get<Guide>(`/catalog/items/${encodeURIComponent(id)}`, { regionId: place.regionId, version }, { signal }) : Promise.resolve(undefined),
    [id, version, place.ready, place.regionId],
  );
  usePageTitle(data ? `${data.content.name} - 办事指南` : '办事指南 - 网上办事大厅');

  if (error && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage home="/portal" title="未找到该事项" subTitle="该事项不存在或已停止办理，请搜索其他事项。" />;
  }
  const pdfHref = withQuery(`/api/catalog/items/${encodeURIComponent(id)}/guide.pdf`, { regionId: place.regionId });

  return (
    <div className="bm-portal-page bm-guide">
      {error ? (
        <LoadFailed title="办事指南加载失败" error={error} onRetry={reload} />
      ) : !data ? (
        <div className="bm-page-loading">
          <Spin description="正在加载办事指南…" />
        </div>
      ) : (
        <>
          <GuideView g={data} pdfHref={pdfHref} placeBar={<PlaceBar place={place} />} />
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Link to="/portal/search">查找其他事项</Link>
          </div>
        </>
      )}
    </div>
  );
}
