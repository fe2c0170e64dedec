import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Collapse } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../shared/api';
import { fmtDate } from '../../../shared/format';
import { useLoad } from '../../../shared/hooks';
import type { PublishedQaList } from './types';
import './consult.css';

/**
 * 群众问答 under an item's guide: answered questions the center published to the item's FAQ (asker
 * shown masked), and the way to ask one.
 */
export function ItemQuestions({ itemId }: { itemId: string }) {
  const { data } = useLoad((signal) => api.get<PublishedQaList>('/consultations/published', { itemId }, { signal }), [itemId]);
  const items = data?.items ?? [];
  return (
    <section className="bm-guide-section" id="guide-qa" aria-labelledby="guide-qa-title">
      <div className="bm-guide-section-head">
        <h2 id="guide-qa-title">群众问答</h2>
        {items.length > 0 && <small>{items.length} 条</small>}
      </div>
      {items.length > 0 && (
        <Collapse
          size="small"
          className="bm-collapse"
          items={items.map((q) => ({
            key: q.id,
            label: q.question,
            children: (
              <div data-testid="item-qa">
                <div className="bm-pre">{q.answer}</div>
                <div className="bm-muted" style={{ marginTop: 6 }}>
                  {q.askerName} 提问 · {q.centerName} {fmtDate(q.answeredAt)} 答复
                </div>
              </div>
            ),
          }))}
        />
      )}
      <div className="bm-qa-ask">
        <span className="bm-muted">{items.length > 0 ? '没找到您的问题？' : '对这个事项有疑问？'}</span>
        <Link to={`/portal/consult/ask?itemId=${encodeURIComponent(itemId)}`}>
          <Button icon={<QuestionCircleOutlined />}>我要咨询</Button>
        </Link>
      </div>
    </section>
  );
}
