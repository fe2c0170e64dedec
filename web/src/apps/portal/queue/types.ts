/** API shapes of the portal's /api/queue calls, inferred from the server's contract (type-only). */
import type { z } from 'zod';
import type * as Queue from '../../../../../src/modules/queue/queue.contract';

export type QueueHalls = z.infer<typeof Queue.QueueHalls>;
export type Hall = QueueHalls['items'][number];
export type PublicCategories = z.infer<typeof Queue.PublicCategories>;
export type PublicCategory = PublicCategories['items'][number];
export type MyTicket = z.infer<typeof Queue.MyTicket>;
export type MyTickets = z.infer<typeof Queue.MyTickets>;
export type TakenTicket = z.infer<typeof Queue.TakenTicket>;
export type PortalTakeInput = z.input<typeof Queue.PortalTakeBody>;

/** Tickets still in the hall's line or at a window (one per person per center per day). */
export const isOpen = (t: Pick<MyTicket, 'status'>): boolean => t.status === 'waiting' || t.status === 'called' || t.status === 'serving';
