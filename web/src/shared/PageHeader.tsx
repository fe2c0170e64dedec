import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { usePageTitle } from './title';

export { usePageTitle };

export function PageHeader({ title, extra, sub }: { title: string; extra?: ReactNode; sub?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="bm-page-head">
      <div>
        <Typography.Title level={4}>{title}</Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra && <div>{extra}</div>}
    </div>
  );
}
