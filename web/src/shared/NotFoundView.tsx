import { Button, Result } from 'antd';
import { Link } from 'react-router';
import type { NotFoundProps } from './NotFound';

/** The 404 screen (loaded on demand: antd's Result illustrations are heavy). */
export default function NotFoundView({ home = '/', title = '页面不存在', subTitle = '您访问的页面不存在，请检查地址是否正确。' }: NotFoundProps) {
  return (
    <Result
      status="404"
      title={title}
      subTitle={subTitle}
      extra={
        <Link to={home}>
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
