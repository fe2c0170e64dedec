import { CameraOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ChangeEvent } from 'react';

/**
 * Two ways to add a material on a phone: take a photo with the camera, or pick a photo / PDF from the
 * phone. The inputs are real (keyboard-focusable) but visually hidden; the buttons only look the part.
 */
export function FilePick({ onFiles, disabled, label = '材料' }: { onFiles: (files: File[]) => void; disabled?: boolean; label?: string }) {
  const take = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = ''; // the same file can be chosen again after a failed upload
    if (files.length) onFiles(files);
  };
  return (
    <div className="bm-apply-pick">
      <label>
        <input type="file" accept="image/*" capture="environment" onChange={take} disabled={disabled} aria-label={`拍照上传${label}`} data-testid="pick-camera" />
        <Button icon={<CameraOutlined />} disabled={disabled} tabIndex={-1}>
          拍照
        </Button>
      </label>
      <label>
        <input type="file" accept="image/*,application/pdf" multiple onChange={take} disabled={disabled} aria-label={`选择文件上传${label}`} data-testid="pick-file" />
        <Button icon={<FolderOpenOutlined />} disabled={disabled} tabIndex={-1}>
          选择文件
        </Button>
      </label>
    </div>
  );
}
