import { App, Button } from 'antd';
import { useCallback } from 'react';
import { api } from './api';
import { useShowError } from './hooks';

export interface ToggleTarget {
  /** API path of the object, e.g. `/org/centers/<id>`. */
  path: string;
  /** 「服务中心」, 「窗口」… */
  noun: string;
  name: string;
  active: boolean;
  version?: number;
  /** Extra consequence to mention when deactivating. */
  warning?: string;
}

/** Confirm, then POST …/deactivate or …/reactivate (with the version for optimistic locking). */
export function useToggleActive(): (t: ToggleTarget, onDone: () => void) => void {
  const { modal, message } = App.useApp();
  const showError = useShowError();
  return useCallback(
    (t: ToggleTarget, onDone: () => void) => {
      const deactivate = t.active;
      modal.confirm({
        title: `${deactivate ? '停用' : '启用'}${t.noun}「${t.name}」？`,
        content: deactivate ? (t.warning ?? '停用后不再出现在业务选择中，历史记录保留，可随时重新启用。') : '启用后恢复正常使用。',
        okText: deactivate ? '停用' : '启用',
        okButtonProps: { danger: deactivate },
        cancelText: '取消',
        onOk: async () => {
          try {
            await api.post(`${t.path}/${deactivate ? 'deactivate' : 'reactivate'}`, t.version ? { version: t.version } : {});
            void message.success(`已${deactivate ? '停用' : '启用'}${t.noun}「${t.name}」`);
            onDone();
          } catch (e) {
            showError(e);
          }
        },
      });
    },
    [modal, message, showError],
  );
}

/** The 「停用 / 启用」 link of a table row: confirm, post, then `onDone` (e.g. reload the list). */
export function ToggleActiveLink({ target, onDone, labels = ['停用', '启用'] }: { target: ToggleTarget; onDone: () => void; labels?: [string, string] }) {
  const toggle = useToggleActive();
  return (
    <Button type="link" size="small" danger={target.active} onClick={() => toggle(target, onDone)}>
      {target.active ? labels[0] : labels[1]}
    </Button>
  );
}
