import { Button, Result } from 'antd';

/** A portal page or list whose data could not be loaded: what failed, why, and 重新加载. */
export function LoadFailed({ title, error, onRetry }: { title: string; error: { message: string }; onRetry: () => void }) {
  return (
    <Result
      status="warning"
      title={title}
      subTitle={error.message}
      extra={
        <Button type="primary" onClick={onRetry}>
          重新加载
        </Button>
      }
    />
  );
}
