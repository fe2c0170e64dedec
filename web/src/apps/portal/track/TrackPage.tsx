import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../shared/api';
import { useAuth } from '../../../shared/auth';
import { fmtDateTime } from '../../../shared/format';
import { usePageTitle } from '../../../shared/title';
import type { CaseTrackResponse } from '../../../shared/types';
import { CaseStatusTag, CaseTimeline, deadlineText } from './caseText';
import './track.css';

interface Values {
  caseNo: string;
  proof: string;
}

/**
 * 办件查询: the case number and the applicant's name or the last 4 characters of the ID number. Both
 * go in a POST body, never in the URL; `?no=` (from the QR code on a notice) only fills the number.
 */
export default function TrackPage() {
  usePageTitle('办件查询 - 网上办事大厅');
  const [params] = useSearchParams();
  const location = useLocation();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<CaseTrackResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  // From 我的办件: the signed-in applicant's own name proves it.
  const fromMine = (location.state as { mine?: boolean } | null)?.mine === true && me?.user.kind === 'citizen';
  const initial = { caseNo: params.get('no') ?? '', proof: fromMine ? (me?.user.displayName ?? '') : '' };

  const search = async (v: Values) => {
    setLoading(true);
    setError(null);
    try {
      const r = await api.post<CaseTrackResponse>('/cases/track', { caseNo: v.caseNo.trim(), proof: v.proof.trim() });
      setResult(r);
      setTimeout(() => resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 0);
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? e.message : '查询失败，请稍后再试');
    } finally {
      setLoading(false);
    }
  };

  const auto = useRef(false);
  useEffect(() => {
    if (auto.current || !initial.caseNo || !initial.proof) return;
    auto.current = true;
    void search(initial);
    // Once, for the prefilled values of the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="bm-portal-page bm-track">
      <Card title="办件查询">
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={search} requiredMark={false}>
          <Form.Item
            name="caseNo"
            label="办件编号"
            extra="受理通知书、一次性告知书上的编号，或扫描通知书上的二维码"
            rules={[
              { required: true, whitespace: true, message: '请输入办件编号' },
              { min: 10, message: '请输入完整的办件编号' },
            ]}
          >
            <Input autoComplete="off" inputMode="text" maxLength={60} className="bm-track-no" allowClear />
          </Form.Item>
          <Form.Item name="proof" label="申请人姓名或证件号后 4 位" rules={[{ required: true, whitespace: true, message: '请输入申请人姓名或证件号后4位' }]}>
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" icon={<SearchOutlined />} loading={loading}>
            查询
          </Button>
        </Form>
        {error && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={error} role="alert" />}
      </Card>

      {result && (
        <div ref={resultRef}>
          <Card className="bm-track-result" data-testid="track-result">
            <div className="bm-track-head">
              <div className="bm-track-item">{result.itemName}</div>
              <CaseStatusTag status={result.status} decision={result.decision} />
            </div>
            {deadlineText(result.status, result.deadline) && <div className="bm-track-deadline">{deadlineText(result.status, result.deadline)}</div>}
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 76 } }}
              items={[
                { key: 'no', label: '办件编号', children: <span className="bm-track-no">{result.caseNo}</span> },
                { key: 'center', label: '受理地点', children: result.centerName },
                { key: 'at', label: '申请时间', children: fmtDateTime(result.receivedAt).slice(0, 16) },
              ]}
            />
          </Card>
          <Card title="办理进度" size="small">
            <CaseTimeline status={result.status} timeline={result.timeline} />
          </Card>
        </div>
      )}

      {me?.user.kind === 'citizen' && (
        <Card size="small">
          <Link to="/portal/me/cases">查看我的全部办件 →</Link>
        </Card>
      )}
    </div>
  );
}
