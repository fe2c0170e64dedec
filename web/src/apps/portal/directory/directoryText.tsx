import { PhoneOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type * as Directory from '../../../../../src/modules/directory/directory.contract';

export type DirectoryResponse = z.infer<typeof Directory.DirectoryResponse>;
export type DirectoryCenter = z.infer<typeof Directory.DirectoryCenter>;
export type DirectoryCenterDetail = z.infer<typeof Directory.DirectoryCenterDetail>;

export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** A phone number as a big tap-to-call link. */
export function CallLink({ phone, label, className = '' }: { phone: string; label?: string; className?: string }) {
  if (!phone) return null;
  return (
    <a href={telHref(phone)} className={`bm-call ${className}`} aria-label={`${label ?? '拨打'} ${phone}`}>
      <PhoneOutlined />
      <span>
        {label && <small>{label}</small>}
        {phone}
      </span>
    </a>
  );
}

export const LEVEL_SHORT: Record<DirectoryCenter['level'], string> = { county: '县中心', township: '镇中心', village: '村服务室' };
