import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { api } from '../../../../shared/api';
import { useShowError } from '../../../../shared/hooks';
import type { UploadedFile } from '../../../../shared/types';
import { DocUpload } from '../DocUpload';

/** Names of the files the editor knows (the content only keeps file ids): from the item detail and from uploads. */
const uploadedNames = new Map<string, string>();

export function rememberFileNames(files: readonly { id: string; name: string }[]): void {
  for (const f of files) uploadedNames.set(f.id, f.name);
}

/**
 * A blank form or sample attached to a material: uploads through POST /api/catalog/admin/files and
 * keeps the returned id as the field's value.
 */
export function FileField({ value, onChange, disabled, what, id }: { value?: string | null; onChange?: (v: string | null) => void; disabled?: boolean; what: string; id?: string }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const res = await api.post<UploadedFile>('/catalog/admin/files', fd);
      uploadedNames.set(res.id, res.name);
      onChange?.(res.id);
      void message.success(`已上传${what}「${res.name}」`);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4} wrap id={id}>
      {value && (
        <Tooltip title={`下载${what}`}>
          <a href={`/api/catalog/files/${value}`} target="_blank" rel="noreferrer" className="bm-cat-file">
            <PaperClipOutlined /> {uploadedNames.get(value) ?? `已上传${what}`}
          </a>
        </Tooltip>
      )}
      {!disabled && (
        <DocUpload onPick={(f) => void upload(f)} loading={busy}>
          {value ? '替换' : `上传${what}`}
        </DocUpload>
      )}
      {value && !disabled && (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`移除${what}`} onClick={() => onChange?.(null)} />
      )}
      {!value && disabled && <span style={{ color: '#8c8c8c' }}>无</span>}
    </Space>
  );
}
