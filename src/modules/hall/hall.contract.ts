import { z } from 'zod';

export const HallCenterParams = z.object({ centerId: z.uuid({ message: '服务中心编号格式不正确' }) });

export const ScreenWindow = z.object({
  windowId: z.string(),
  number: z.number().int(),
  name: z.string(),
  /** open (a clerk signed in), paused, closed */
  state: z.enum(['open', 'paused', 'closed']),
  /** The ticket being called or served at this window, if any. */
  current: z
    .object({ code: z.string(), categoryName: z.string(), status: z.enum(['called', 'serving']), calledAt: z.string() })
    .nullable(),
});

export const ScreenCall = z.object({ code: z.string(), windowNumber: z.number().int(), windowName: z.string(), categoryName: z.string(), calledAt: z.string() });

export const ScreenSnapshot = z.object({
  centerId: z.string(),
  centerName: z.string(),
  serviceDate: z.string(),
  windows: z.array(ScreenWindow),
  /** The last 10 calls of the day, newest first. */
  recentCalls: z.array(ScreenCall),
  waiting: z.array(z.object({ categoryId: z.string(), name: z.string(), prefix: z.string(), waiting: z.number().int() })),
  at: z.string(),
});
export type ScreenSnapshot = z.infer<typeof ScreenSnapshot>;
