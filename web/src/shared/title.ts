import { useEffect } from 'react';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} - 便民服务一体化平台`;
  }, [title]);
}
