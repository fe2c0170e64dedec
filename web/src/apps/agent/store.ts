/**
 * What the agent app keeps on the phone (IndexedDB database `bm-agent`):
 * - `outbox`: matters registered on the device and not yet accepted by the server — the villager,
 *   the item and version, the signed consent and the material photos as Blobs. A matter is written
 *   here BEFORE any upload is tried, and leaves only when the server has answered with its mandate.
 * - `history`: a short list of matters synced lately (no ID numbers, no photos).
 * - `drafts`: the registration in progress (so a killed tab or a reload loses nothing).
 * - `cache`: the last 代办事项清单, mandates list, mandate and case details, and the signed-in agent,
 *   so the app opens and shows them without a network.
 * Every record carries the agent's user id: a shared phone never sends one agent's matters as another.
 */
import { Idb } from './idb';
import type { AgencyMaterial, ConfirmMethod } from './types';

export interface PhotoRef {
  id: string;
  blob: Blob;
  name: string;
}

export interface ItemRef {
  id: string;
  name: string;
  version: number;
  centerName: string;
}

export interface ConsentRecord {
  method: ConfirmMethod;
  statement: string;
  signedAt: string;
  file: Blob;
  fileName: string;
}

export interface VillagerFields {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

export interface Matter {
  clientId: string;
  ownerId: string;
  createdAt: string;
  item: ItemRef;
  villager: VillagerFields;
  consent: ConsentRecord;
  /** Photos by material key. */
  photos: Record<string, PhotoRef[]>;
  /** Material names by key, for showing the matter without the item list. */
  materialNames: Record<string, string>;
  notes: string;
  collectedAt: string;
}

export interface SyncError {
  status: number;
  code: string;
  message: string;
  at: string;
  fields?: { path: string; message: string }[];
}

export interface OutboxEntry extends Matter {
  /** waiting: will be sent (again); conflict: the server refused it, the agent must fix or delete it. */
  state: 'waiting' | 'conflict';
  attempts: number;
  /** Epoch ms before which the engine does not retry on its own (0 = at once). */
  nextTryAt: number;
  lastError: SyncError | null;
  updatedAt: string;
}

export interface SyncedEntry {
  clientId: string;
  ownerId: string;
  mandateId: string;
  itemName: string;
  villagerName: string;
  photoCount: number;
  syncedAt: string;
  replayed: boolean;
  caseNo: string | null;
  submitError: { code: string; message: string } | null;
}

export interface Draft {
  ownerId: string;
  clientId: string;
  step: number;
  item: ItemRef | null;
  /** The item version's material list when it was chosen (the list may change while offline). */
  materials: AgencyMaterial[];
  villager: VillagerFields;
  consent: ConsentRecord | null;
  photos: Record<string, PhotoRef[]>;
  notes: string;
  /** Re-editing a matter the server refused (it goes back to the outbox under the same clientId). */
  editing: boolean;
  /** When the materials were collected (kept when a refused matter is edited). */
  collectedAt: string | null;
  /** The outbox entry this draft replaces under a new clientId (the server said the old one is taken). */
  replaces?: string | null;
  createdAt: string;
  savedAt: string;
}

export interface CacheRow {
  key: string;
  value: unknown;
  savedAt: string;
}

type Schema = { outbox: OutboxEntry; history: SyncedEntry; drafts: Draft; cache: CacheRow };

const HISTORY_KEEP = 30;

let opening: Promise<Idb<Schema>> | null = null;

export function agentDb(): Promise<Idb<Schema>> {
  opening ??= Idb.open<Schema>('bm-agent', 1, {
    outbox: { keyPath: 'clientId', indexes: { owner: 'ownerId' } },
    history: { keyPath: 'clientId', indexes: { owner: 'ownerId' } },
    drafts: { keyPath: 'ownerId' },
    cache: { keyPath: 'key' },
  }).catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

const byCreated = <T extends { createdAt: string }>(a: T, b: T) => a.createdAt.localeCompare(b.createdAt);

export async function listOutbox(ownerId: string): Promise<OutboxEntry[]> {
  return (await (await agentDb()).getAllBy('outbox', 'owner', ownerId)).sort(byCreated);
}

export async function putOutbox(entry: OutboxEntry): Promise<void> {
  await (await agentDb()).put('outbox', entry);
}

export async function deleteOutbox(clientId: string): Promise<void> {
  await (await agentDb()).delete('outbox', clientId);
}

export async function listHistory(ownerId: string): Promise<SyncedEntry[]> {
  return (await (await agentDb()).getAllBy('history', 'owner', ownerId)).sort((a, b) => b.syncedAt.localeCompare(a.syncedAt));
}

/** The server has the matter: drop it from the outbox and note it in the history, in one transaction. */
export async function completeSync(synced: SyncedEntry): Promise<void> {
  const db = await agentDb();
  const old = (await listHistory(synced.ownerId)).slice(HISTORY_KEEP - 1);
  await db.batch(['outbox', 'history'], (put, del) => {
    del('outbox', synced.clientId);
    put('history', synced);
    for (const h of old) del('history', h.clientId);
  });
}

export async function loadDraft(ownerId: string): Promise<Draft | undefined> {
  return (await agentDb()).get('drafts', ownerId);
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await agentDb()).put('drafts', draft);
}

export async function clearDraft(ownerId: string): Promise<void> {
  await (await agentDb()).delete('drafts', ownerId);
}

/** Move a finished draft into the outbox and drop the draft, in one transaction. */
export async function queueMatter(entry: OutboxEntry, replaces?: string | null): Promise<void> {
  await (await agentDb()).batch(['outbox', 'drafts'], (put, del) => {
    if (replaces && replaces !== entry.clientId) del('outbox', replaces);
    put('outbox', entry);
    del('drafts', entry.ownerId);
  });
}

export async function readCache<T>(key: string): Promise<{ value: T; savedAt: string } | undefined> {
  const row = await (await agentDb()).get('cache', key);
  return row ? { value: row.value as T, savedAt: row.savedAt } : undefined;
}

export async function writeCache(key: string, value: unknown): Promise<void> {
  await (await agentDb()).put('cache', { key, value, savedAt: new Date().toISOString() });
}

export const cacheKeys = {
  profile: 'profile',
  items: (uid: string) => `items:${uid}`,
  mandates: (uid: string) => `mandates:${uid}`,
  mandate: (uid: string, id: string) => `mandate:${uid}:${id}`,
  case: (uid: string, id: string) => `case:${uid}:${id}`,
};

export const photoCount = (m: { photos: Record<string, PhotoRef[]> }): number => Object.values(m.photos).reduce((n, l) => n + l.length, 0);
