import { ArrowLeftOutlined, DownloadOutlined, FilePdfOutlined, FileTextOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../shared/api';
import { useLoad } from '../../../shared/hooks';
import { NotFoundPage } from '../../../shared/NotFound';
import { fileSize } from '../../../shared/photo';
import { usePageTitle } from '../../../shared/title';
import { LoadFailed } from '../LoadFailed';
import type { PolicyDetail } from './types';
import './policies.css';

/** One published policy document: title, 文号, issuer, date, body paragraphs and attachments. */
export default function PolicyPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, reload } = useLoad((signal) => api.get<PolicyDetail>(`/policies/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  usePageTitle(data ? `${data.title} - 政策文件` : '政策文件 - 网上办事大厅');

  if (error && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage home="/portal/policies" title="未找到该文件" subTitle="该文件不存在或已撤回，请在政策文件中重新查找。" />;
  }
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/portal/policies'));

  return (
    <div className="bm-portal-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} style={{ paddingLeft: 0 }}>
        返回政策文件
      </Button>
      {error ? (
        <LoadFailed title="文件加载失败" error={error} onRetry={reload} />
      ) : !data ? (
        <div className="bm-policy-doc">
          <Skeleton active title paragraph={{ rows: 8 }} />
        </div>
      ) : (
        <article className="bm-policy-doc" aria-labelledby="policy-title">
          <h1 id="policy-title">{data.title}</h1>
          {data.docNo && <div className="bm-policy-doc-no">{data.docNo}</div>}
          <dl className="bm-policy-facts">
            <dt>发文机关</dt>
            <dd>{data.issuer}</dd>
            <dt>发布日期</dt>
            <dd>{data.publishedOn ?? '—'}</dd>
            <dt>类别</dt>
            <dd>
              {data.kindLabel} · {data.topic}
            </dd>
          </dl>
          {data.summary && <div className="bm-policy-summary">{data.summary}</div>}
          <div className="bm-policy-body">
            {data.paragraphs.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
          {data.attachments.length > 0 && (
            <section className="bm-policy-files" aria-labelledby="policy-files">
              <h2 id="policy-files">附件</h2>
              {data.attachments.map((a) => (
                <a key={a.id} href={`/api/policies/${data.id}/files/${a.id}`} download={a.name}>
                  {a.mime === 'application/pdf' ? <FilePdfOutlined style={{ color: '#cf1322' }} /> : <FileTextOutlined />}
                  <span>{a.name}</span>
                  <small>
                    {fileSize(a.size)} <DownloadOutlined />
                  </small>
                </a>
              ))}
            </section>
          )}
        </article>
      )}
      <Link to="/portal/consult/ask" className="bm-policy-ask">
        <QuestionCircleOutlined /> 对政策有疑问？我要咨询
      </Link>
    </div>
  );
}
