import { CheckCircleFilled, EditOutlined } from '@ant-design/icons';
import { Button, Segmented } from 'antd';
import useApp from 'antd/es/app/useApp';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { confirmationPng } from './confirmImage';
import { PhotoPicker, useObjectUrls } from './PhotoPicker';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import type { ConfirmMethod } from './types';

export interface Confirmation {
  method: ConfirmMethod;
  file: Blob;
  fileName: string;
  signedAt: string;
}

/**
 * The villager confirms a statement: signs on the screen (the statement, the signature and the time
 * become one PNG) or the agent photographs the paper form the villager signed.
 */
export function ConfirmCapture({
  title,
  statement,
  footer,
  value,
  onChange,
  fileStem,
}: {
  title: string;
  statement: string;
  footer: string[];
  value: Confirmation | null;
  onChange: (v: Confirmation | null) => void;
  fileStem: string;
}) {
  const { message } = useApp();
  const pad = useRef<SignaturePadHandle>(null);
  const [method, setMethod] = useState<ConfirmMethod>(value?.method ?? 'signature');
  const [strokes, setStrokes] = useState(0);
  const [saving, setSaving] = useState(false);
  const preview = useMemo(() => (value ? [{ id: 'v', blob: value.file, name: value.fileName }] : []), [value]);
  const urls = useObjectUrls(preview);

  if (value) {
    return (
      <div className="bm-agent-confirmed" data-testid="confirmation-done">
        <div className="bm-agent-confirmed-head">
          <CheckCircleFilled style={{ color: '#52c41a' }} />
          <span>
            已{value.method === 'signature' ? '手写签名' : '拍照留存'}（{dayjs(value.signedAt).format('M月D日 HH:mm')}）
          </span>
        </div>
        <img src={urls.v} alt={title} className="bm-agent-confirmed-img" />
        <Button block size="large" icon={<EditOutlined />} onClick={() => onChange(null)}>
          {value.method === 'signature' ? '重新签名' : '重新拍照'}
        </Button>
      </div>
    );
  }

  const sign = async () => {
    const ink = pad.current?.snapshot();
    if (!ink) {
      message.warning('请先在签名框内签名');
      return;
    }
    setSaving(true);
    try {
      const signedAt = new Date().toISOString();
      const file = await confirmationPng({ title, statement, signature: ink, signedAt, footer });
      onChange({ method: 'signature', file, fileName: `${fileStem}-签名.png`, signedAt });
    } catch (e) {
      message.error((e as Error).message || '签名保存失败');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Segmented
        block
        size="large"
        value={method}
        onChange={(v) => setMethod(v as ConfirmMethod)}
        options={[
          { value: 'signature', label: '屏幕手写签名' },
          { value: 'photo', label: '拍照纸质签字' },
        ]}
        style={{ marginBottom: 12 }}
      />
      {method === 'signature' ? (
        <>
          <SignaturePad ref={pad} onChange={setStrokes} label="请群众本人在此框内签名" />
          <Button type="primary" block size="large" loading={saving} disabled={strokes === 0} onClick={() => void sign()} style={{ marginTop: 12 }}>
            确认签名
          </Button>
        </>
      ) : (
        <>
          <p className="bm-agent-hint">请群众在纸质{title}上签字（或按手印），再拍照留存。</p>
          <PhotoPicker
            photos={[]}
            buttonText="拍照留存"
            testId="confirmation-photo"
            onAdd={(ps) => onChange({ method: 'photo', file: ps[0].blob, fileName: ps[0].name, signedAt: new Date().toISOString() })}
            onRemove={() => undefined}
          />
        </>
      )}
    </div>
  );
}
