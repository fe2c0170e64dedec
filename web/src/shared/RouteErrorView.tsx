import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** The route error screen (loaded only when a route fails: antd's Result illustrations are heavy). */
export default function RouteErrorView() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" extra={<Button type="primary" href="/">返回首页</Button>} />;
  }
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  return (
    <Result
      status="error"
      title={chunkFailed ? '页面加载失败' : '页面出错了'}
      subTitle={chunkFailed ? '系统可能已更新或网络不稳定，请刷新页面后重试。' : '很抱歉，页面发生了意外错误。请刷新后重试，如仍有问题请联系系统管理员。'}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
