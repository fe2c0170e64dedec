import { FileSearchOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api } from '../../../shared/api';
import { fmtDate } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import { usePageTitle } from '../../../shared/title';
import type { CaseList } from '../../../shared/types';
import { MyListCard } from '../MyListCard';
import { RequireLogin } from '../RequireLogin';
import { CaseStatusTag, deadlineText } from './caseText';
import './track.css';

function MyCases() {
  const r = useLoad((signal) => api.get<CaseList>('/cases/mine', undefined, { signal }), []);
  return (
    <MyListCard
      title="我的办件"
      className="bm-track"
      extra={
        <Link to="/portal/track">
          <FileSearchOutlined /> 办件查询
        </Link>
      }
      r={r}
      empty="您还没有办件。网上申报、在窗口或由村代办员办理的事项，提交后都会显示在这里。"
    >
      {(items) =>
        items.map((c) => (
          <Link key={c.id} to={`/portal/me/cases/${c.id}`} className="bm-mycase" data-testid="my-case">
            <div className="bm-track-head" style={{ marginBottom: 0 }}>
              <div className="bm-track-item" style={{ fontSize: 15 }}>
                {c.itemName}
              </div>
              <CaseStatusTag status={c.status} decision={c.decision} />
            </div>
            <div className="bm-mycase-meta">
              <span className="bm-track-no">{c.caseNo}</span> · {fmtDate(c.receivedAt)} · {c.centerName}
            </div>
            {deadlineText(c.status, c.deadline) && <div className="bm-mycase-meta">{deadlineText(c.status, c.deadline)}</div>}
            <div className="bm-mycase-meta" style={{ color: '#1677ff' }}>
              {c.status === 'correcting' ? '补正材料、查看进度' : '查看详情和进度'} <RightOutlined style={{ fontSize: 10 }} />
            </div>
          </Link>
        ))
      }
    </MyListCard>
  );
}

/** 我的办件: every case of the signed-in citizen, newest first; each opens its progress. */
export default function MyCasesPage() {
  usePageTitle('我的办件 - 网上办事大厅');
  return (
    <RequireLogin>
      <MyCases />
    </RequireLogin>
  );
}
