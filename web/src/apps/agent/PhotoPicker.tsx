import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Image, Spin } from 'antd';
import useApp from 'antd/es/app/useApp';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { fileSize, shrinkImage } from '../../shared/photo';
import type { PhotoRef } from './store';

/** What the server accepts for a photo, decided by the first bytes as the server does. */
async function imageKind(blob: Blob): Promise<'png' | 'jpeg' | null> {
  const b = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  return null;
}

/** Redraw any decodable image (WebP, HEIC where supported…) as a JPEG the server accepts. */
async function asJpeg(file: File): Promise<File | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(bitmap, 0, 0);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ? new File([blob], file.name.replace(/\.[^.]+$/, '') + '.jpg', { type: 'image/jpeg' }) : null;
  } catch {
    return null;
  }
}

/** A photo shrunk for a village network and checked like the server checks it, or an error message. */
export async function preparePhoto(file: File): Promise<PhotoRef | string> {
  let out: File = await shrinkImage(file);
  if (!(await imageKind(out))) {
    const converted = await asJpeg(out);
    if (!converted) return `「${file.name}」不是可识别的图片，请用相机拍照（JPG 或 PNG）`;
    out = await shrinkImage(converted);
  }
  return { id: crypto.randomUUID(), blob: out, name: out.name || 'photo.jpg' };
}

/** Object URLs for thumbnails, revoked when the photos change or the card goes away. */
export function useObjectUrls(photos: PhotoRef[]): Record<string, string> {
  const urls = useMemo(() => Object.fromEntries(photos.map((p) => [p.id, URL.createObjectURL(p.blob)])), [photos]);
  useEffect(() => () => Object.values(urls).forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return urls;
}

/**
 * Thumbnails of a material's photos with delete, and 拍照 (the phone's rear camera through
 * `capture="environment"`; on a computer it opens the file chooser).
 */
export function PhotoPicker({
  photos,
  onAdd,
  onRemove,
  canAdd = true,
  buttonText = '拍照',
  testId,
}: {
  photos: PhotoRef[];
  onAdd: (p: PhotoRef[]) => void;
  onRemove: (id: string) => void;
  canAdd?: boolean;
  buttonText?: string;
  testId?: string;
}) {
  const { message } = useApp();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const urls = useObjectUrls(photos);

  const pick = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    try {
      const added: PhotoRef[] = [];
      for (const f of Array.from(files)) {
        const r = await preparePhoto(f);
        if (typeof r === 'string') message.error(r);
        else added.push(r);
      }
      if (added.length) onAdd(added);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="bm-agent-photos">
      {photos.map((p, i) => (
        <div key={p.id} className="bm-agent-thumb">
          <Image src={urls[p.id]} alt={`照片 ${i + 1}`} width={88} height={88} style={{ objectFit: 'cover' }} />
          <span className="bm-agent-thumb-size">{fileSize(p.blob.size)}</span>
          <Button
            className="bm-agent-thumb-del"
            size="small"
            shape="circle"
            danger
            icon={<DeleteOutlined />}
            aria-label={`删除照片 ${i + 1}`}
            onClick={() => onRemove(p.id)}
          />
        </div>
      ))}
      {canAdd && (
        <label htmlFor={inputId} className={`bm-agent-shoot${busy ? ' busy' : ''}`}>
          {busy ? <Spin size="small" /> : <CameraOutlined />}
          <span>{busy ? '处理中…' : buttonText}</span>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept="image/*"
            capture="environment"
            data-testid={testId}
            onChange={(e) => void pick(e.target.files)}
            disabled={busy}
            hidden
          />
        </label>
      )}
    </div>
  );
}
