import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sm3 } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import { files } from './files.tables.js';

export type FileMeta = { id: string; name: string; mime: string; size: number; purpose: string; countyId: string | null };

export async function insertFile(
  tx: Executor,
  f: { countyId: string | null; purpose: string; name: string; mime: string; content: Buffer; createdBy: string | null },
): Promise<FileMeta> {
  const id = newId();
  await tx.insert(files).values({ id, countyId: f.countyId, purpose: f.purpose, name: f.name, mime: f.mime, size: f.content.length, sha: sm3(f.content), content: f.content, createdBy: f.createdBy });
  return { id, name: f.name, mime: f.mime, size: f.content.length, purpose: f.purpose, countyId: f.countyId };
}

export async function fileMetas(tx: Executor, ids: string[]): Promise<FileMeta[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, purpose: files.purpose, countyId: files.countyId })
    .from(files)
    .where(inArray(files.id, ids));
}

export async function getFile(tx: Executor, id: string) {
  const [row] = await tx.select().from(files).where(eq(files.id, id));
  return row;
}
