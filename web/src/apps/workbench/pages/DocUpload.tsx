import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload } from 'antd';
import type { ReactNode } from 'react';

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * A small upload button for an office document or image (PDF, Word, Excel, JPG, PNG, at most 10 MB):
 * a larger file is refused here, an accepted one is handed to `onPick` (which does the upload).
 */
export function DocUpload({ onPick, loading, children }: { onPick: (file: File) => void; loading: boolean; children: ReactNode }) {
  const { message } = App.useApp();
  return (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      beforeUpload={(f) => {
        if (f.size > MAX_BYTES) {
          void message.error('文件不能超过 10 MB');
          return Upload.LIST_IGNORE;
        }
        onPick(f);
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={loading}>
        {children}
      </Button>
    </Upload>
  );
}
