import { DeleteOutlined, EditOutlined, FileDoneOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../../shared/api';
import { fmtDateTime } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import { MyListCard } from '../MyListCard';
import { RequireLogin } from '../RequireLogin';
import type { ApplicationList, ApplicationSummary } from './applyApi';
import './apply.css';

function Row({ a, onDiscarded }: { a: ApplicationSummary; onDiscarded: (id: string) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const discard = async () => {
    setBusy(true);
    try {
      await api.delete(`/applications/${a.id}`);
      onDiscarded(a.id);
      void message.success('草稿已删除');
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '删除失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  const draft = a.status === 'draft';
  return (
    <div className="bm-apply-row" data-testid="my-application" data-status={a.status}>
      <div className="bm-apply-row-head">
        <div className="bm-apply-row-name">{a.itemName}</div>
        {draft ? <Tag color="gold">草稿</Tag> : <Tag color="blue">{a.caseStatusLabel ? `已提交 · ${a.caseStatusLabel}` : '已提交'}</Tag>}
      </div>
      <div className="bm-apply-row-meta">
        {a.centerName} · {draft ? `${fmtDateTime(a.updatedAt).slice(0, 16)} 保存 · 已传 ${a.files} 个文件` : `${fmtDateTime(a.submittedAt).slice(0, 16)} 提交`}
      </div>
      {a.caseNo && <div className="bm-apply-row-meta">办件编号 {a.caseNo}</div>}
      <div className="bm-apply-row-actions">
        {draft ? (
          <>
            <Link to={`/portal/apply/${a.id}`}>
              <Button type="primary" size="small" icon={<EditOutlined />}>
                继续填写
              </Button>
            </Link>
            <Popconfirm title="删除这份草稿？" description="已上传的材料也会一起删除。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={discard}>
              <Button size="small" danger icon={<DeleteOutlined />} loading={busy}>
                删除
              </Button>
            </Popconfirm>
          </>
        ) : (
          a.caseId && (
            <Link to={`/portal/me/cases/${a.caseId}`}>
              <Button size="small">
                查看办理进度 <RightOutlined />
              </Button>
            </Link>
          )
        )}
      </div>
    </div>
  );
}

function MyApplications() {
  const r = useLoad((signal) => api.get<ApplicationList>('/applications', undefined, { signal }), []);
  return (
    <MyListCard
      title="我的申报"
      extra={
        <Link to="/portal/me/cases">
          <FileDoneOutlined /> 我的办件
        </Link>
      }
      r={r}
      empty="还没有网上申报。在办事指南中点“在线申报”即可开始，填写到一半可以保存草稿。"
    >
      {(items) => items.map((a) => <Row key={a.id} a={a} onDiscarded={(id) => r.setData({ items: items.filter((x) => x.id !== id) })} />)}
    </MyListCard>
  );
}

/** 我的申报: drafts to continue and submitted applications with their case. */
export default function MyApplicationsPage() {
  usePageTitle('我的申报 - 网上办事大厅');
  return (
    <RequireLogin>
      <MyApplications />
    </RequireLogin>
  );
}
