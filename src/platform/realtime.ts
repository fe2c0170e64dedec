import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

/**
 * Hall events (calls, new tickets, window state) for screens and consoles. A use case publishes inside
 * its transaction with `pg_notify`, so an event leaves only when the change commits — on PostgreSQL to
 * every instance listening on the channel, on PGlite to this process. Payloads stay small (PostgreSQL
 * caps them at 8000 bytes) and hold no personal data: ticket codes, window numbers, counts.
 * The subscriber side (one LISTEN per instance, fan-out to SSE clients) is `Database.listen`.
 */
export const HALL_CHANNEL = 'bm_hall';

export interface HallEvent {
  /** The center whose screens and consoles care. */
  centerId: string;
  type: string;
  /** ISO instant of the change. */
  at: string;
  data?: Record<string, unknown>;
}

export async function publishHallEvent(tx: Executor, event: HallEvent): Promise<void> {
  const payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) > 7900) throw new Error(`hall event ${event.type} too large for NOTIFY (${payload.length} chars)`);
  await tx.execute(sql`select pg_notify(${HALL_CHANNEL}, ${payload})`);
}
