import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { maskIdNumber, maskPhone, type Crypto } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import type { ApplicantInput } from '../cases/cases.contract.js';
import { users } from '../auth/auth.tables.js';
import { applicants } from './applicants.tables.js';

export type ApplicantRow = typeof applicants.$inferSelect;

/**
 * Find the applicant by ID number (person) or credit code (enterprise), or create them. A returning
 * applicant's name, phone and address are refreshed from what the clerk just checked.
 */
export async function findOrCreateApplicant(tx: Executor, crypto: Crypto, input: z.infer<typeof ApplicantInput>, userId?: string | null): Promise<ApplicantRow> {
  // A person with a citizen account (same ID number) sees the case in 我的办件 and gets its messages.
  if (!userId && input.kind === 'person') {
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.idNumberIdx, crypto.index(input.idNumber)), eq(users.kind, 'citizen')));
    userId = u?.id ?? null;
  }
  const phone = input.phone
    ? { phoneEnc: crypto.encrypt(input.phone), phoneIdx: crypto.index(input.phone), phoneMasked: maskPhone(input.phone) }
    : {};
  const existing = await findApplicant(tx, crypto, input);
  if (existing) {
    const set = {
      name: input.name,
      ...phone,
      ...(input.address ? { address: input.address } : {}),
      ...(input.kind === 'enterprise' ? { contactName: input.contactName } : {}),
      ...(userId && !existing.userId ? { userId } : {}),
    };
    const [row] = await tx
      .update(applicants)
      .set({ ...set, version: sql`${applicants.version} + 1`, updatedAt: new Date() })
      .where(eq(applicants.id, existing.id))
      .returning();
    return row;
  }
  const id = newId();
  const base = { id, kind: input.kind, name: input.name, address: input.address ?? '', userId: userId ?? null, ...phone };
  const [row] = await tx
    .insert(applicants)
    .values(
      input.kind === 'person'
        ? { ...base, idNumberEnc: crypto.encrypt(input.idNumber), idNumberIdx: crypto.index(input.idNumber), idNumberMasked: maskIdNumber(input.idNumber) }
        : { ...base, creditCode: input.creditCode, contactName: input.contactName },
    )
    .returning();
  return row;
}

export async function findApplicant(tx: Executor, crypto: Crypto, key: { kind: 'person'; idNumber: string } | { kind: 'enterprise'; creditCode: string }): Promise<ApplicantRow | undefined> {
  const [row] =
    key.kind === 'person'
      ? await tx.select().from(applicants).where(eq(applicants.idNumberIdx, crypto.index(key.idNumber)))
      : await tx.select().from(applicants).where(eq(applicants.creditCode, key.creditCode));
  return row;
}

export async function getApplicant(tx: Executor, id: string): Promise<ApplicantRow | undefined> {
  const [row] = await tx.select().from(applicants).where(eq(applicants.id, id));
  return row;
}
