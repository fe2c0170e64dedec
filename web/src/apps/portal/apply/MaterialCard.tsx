import { CloseOutlined, DeleteOutlined, DownloadOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Progress, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../../shared/api';
import { fileSize, shrinkImage } from '../../../shared/photo';
import { fileUrl, uploadWithProgress, type ApplicationFile, type ApplicationMaterial } from './applyApi';
import { FilePick } from './FilePick';

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

interface Uploading {
  uid: string;
  name: string;
  percent: number;
  stage: 'shrink' | 'upload';
  error?: string;
}

export const necessityColor = (n: ApplicationMaterial['necessity']) => (n === 'required' ? 'red' : n === 'deferrable' ? 'orange' : 'default');

/** A thumbnail for images, an icon for PDFs and documents; opens the file. */
export function FileThumb({ href, mime, name }: { href: string; mime: string; name: string }) {
  return (
    <a href={href} target="_blank" rel="noreferrer" className="bm-apply-thumb" title={name}>
      {mime.startsWith('image/') ? <img src={href} alt={name} loading="lazy" /> : mime === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />}
    </a>
  );
}

/**
 * One material of the application: what is asked for, the blank form and sample, the uploads with
 * thumbnails, and adding more (camera or file; photos shrunk on the phone first, progress per file).
 */
export function MaterialCard({
  applicationId,
  m,
  index,
  editable,
  missing,
  onAdded,
  onRemoved,
}: {
  applicationId: string;
  m: ApplicationMaterial;
  index: number;
  editable: boolean;
  missing: boolean;
  onAdded: (f: ApplicationFile) => void;
  onRemoved: (fileId: string) => void;
}) {
  const { message } = App.useApp();
  const [uploads, setUploads] = useState<Uploading[]>([]);
  const [removing, setRemoving] = useState<string | null>(null);
  const set = (uid: string, patch: Partial<Uploading>) => setUploads((u) => u.map((x) => (x.uid === uid ? { ...x, ...patch } : x)));

  const upload = async (files: File[]) => {
    const room = MAX_FILES - m.files.length - uploads.filter((u) => !u.error).length;
    if (files.length > room) {
      void message.warning(room > 0 ? `「${m.name}」最多 ${MAX_FILES} 个文件，本次只上传前 ${room} 个` : `「${m.name}」最多上传 ${MAX_FILES} 个文件，请先删除不需要的`);
      files = files.slice(0, Math.max(0, room));
    }
    const queued = files.map((f) => ({ file: f, uid: `${Date.now()}-${Math.random().toString(36).slice(2)}` }));
    setUploads((u) => [...u, ...queued.map(({ file, uid }) => ({ uid, name: file.name, percent: 0, stage: 'shrink' as const }))]);
    // One after another: a village network carries one photo well, not five at once.
    for (const { file: raw, uid } of queued) {
      try {
        const file = await shrinkImage(raw);
        if (file.size > MAX_BYTES) throw new ApiError(0, 'FILE_TOO_LARGE', `「${raw.name}」超过 10 MB，请拍照或压缩后再上传`);
        set(uid, { stage: 'upload', name: file.name });
        const f = await uploadWithProgress<ApplicationFile>(`/applications/${applicationId}/materials/${encodeURIComponent(m.key)}/files`, file, (p) => set(uid, { percent: p }));
        onAdded(f);
        setUploads((u) => u.filter((x) => x.uid !== uid));
      } catch (e) {
        set(uid, { error: e instanceof ApiError ? e.message : '上传失败，请重试' });
      }
    }
  };

  const remove = async (f: ApplicationFile) => {
    setRemoving(f.id);
    try {
      await api.delete(`/applications/${applicationId}/files/${f.id}`);
      onRemoved(f.id);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '删除失败，请稍后再试');
    } finally {
      setRemoving(null);
    }
  };

  return (
    <div className={`bm-apply-material${missing ? ' missing' : ''}`} data-testid="apply-material" data-key={m.key}>
      <div className="bm-apply-material-name">
        <span>
          {index + 1}. {m.name}
        </span>
        <Tag color={necessityColor(m.necessity)} style={{ marginLeft: 'auto' }}>
          {m.necessityLabel}
        </Tag>
      </div>
      <div className="bm-apply-material-meta">
        {m.formLabel}
        {m.form !== 'electronic' && m.copies > 0 ? ` ${m.copies} 份` : ''} · 拍照或扫描上传{m.note ? ` · ${m.note}` : ''}
      </div>
      {(m.sampleFile || m.blankFile) && (
        <div className="bm-apply-links">
          {m.sampleFile && (
            <a href={`/api/catalog/files/${m.sampleFile.id}`} download={m.sampleFile.name}>
              <DownloadOutlined /> 填写示例
            </a>
          )}
          {m.blankFile && (
            <a href={`/api/catalog/files/${m.blankFile.id}`} download={m.blankFile.name}>
              <DownloadOutlined /> 空白表格
            </a>
          )}
        </div>
      )}
      {m.files.length > 0 && (
        <div className="bm-apply-files">
          {m.files.map((f) => (
            <div key={f.id} className="bm-apply-file" data-testid="apply-file">
              <FileThumb href={fileUrl(applicationId, f.id)} mime={f.mime} name={f.name} />
              <div className="bm-apply-file-name" title={`${f.name}（${fileSize(f.size)}）`}>
                {f.name}
              </div>
              {editable && (
                <Popconfirm title="删除这个文件？" okText="删除" cancelText="取消" onConfirm={() => remove(f)}>
                  <Button size="small" shape="circle" className="bm-apply-file-del" icon={<DeleteOutlined />} loading={removing === f.id} aria-label={`删除 ${f.name}`} />
                </Popconfirm>
              )}
            </div>
          ))}
        </div>
      )}
      {uploads.map((u) => (
        <div key={u.uid} className="bm-apply-progress" data-testid="apply-uploading">
          <div className="bm-apply-progress-name">
            {u.error ? '未上传：' : u.stage === 'shrink' ? '正在压缩照片：' : '正在上传：'}
            {u.name}
          </div>
          {u.error ? (
            <Alert
              type="error"
              showIcon
              title={u.error}
              action={<Button size="small" type="text" icon={<CloseOutlined />} aria-label="关闭" onClick={() => setUploads((x) => x.filter((y) => y.uid !== u.uid))} />}
            />
          ) : (
            <Progress percent={u.percent} size="small" status="active" />
          )}
        </div>
      ))}
      {editable && <FilePick onFiles={(fs) => void upload(fs)} label={m.name} />}
    </div>
  );
}
