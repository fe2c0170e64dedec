import { z } from 'zod';
import { PRIORITY_REASONS } from './queue.rules.js';

/**
 * Request and response schemas of /api/queue. Responses are allowlists: no ID number, name or phone
 * of a visitor is ever returned (a kiosk ID number is only used to compute the age). `web/` imports
 * this file.
 */

const Uuid = z.uuid({ message: '编号格式不正确' });
const Version = z.number().int().min(1);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');

export const TICKET_SOURCES = ['kiosk', 'desk', 'portal', 'appointment'] as const;
export const TicketSource = z.enum(TICKET_SOURCES);
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export const PriorityReason = z.enum(PRIORITY_REASONS as unknown as ['appointment', 'elderly', 'disabled', 'veteran', 'pregnant']);

export const CenterParams = z.object({ centerId: Uuid });
export const WindowParams = z.object({ windowId: Uuid });
export const TicketParams = z.object({ ticketId: Uuid });
export const CategoryParams = z.object({ categoryId: Uuid });

// ---------------------------------------------------------------------------------------------------
// Categories and settings

/** Public list for a center (kiosk, portal, screens). */
export const PublicCategory = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  waiting: z.number().int(),
  /** 限号 reached for today: taking a ticket gives 422 QUEUE_CAP_REACHED. */
  capped: z.boolean(),
});
export const PublicCategories = z.object({ centerId: z.string(), centerName: z.string(), serviceDate: z.string(), items: z.array(PublicCategory) });

/** Director view (hall_settings.update / queue.update on the center). */
export const Category = z.object({
  id: z.string(),
  centerId: z.string(),
  name: z.string(),
  prefix: z.string(),
  dailyCap: z.number().int().nullable(),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  /** Windows of the center that take this category (by name), in window number order. */
  windows: z.array(z.object({ id: z.string(), number: z.number().int(), name: z.string() })),
});
export const CategoryList = z.object({ items: z.array(Category) });
export const CategoryQuery = z.object({ centerId: Uuid });

export const CategoryBody = z.object({
  centerId: Uuid,
  name: z.string().trim().min(1, '类别名称不能为空').max(30, '类别名称不能超过30个字'),
  prefix: z
    .string()
    .trim()
    .regex(/^[A-Z]$/, '号码前缀应为一个大写字母'),
  dailyCap: z.number().int().min(1, '限号数应大于0').max(9999).nullable().default(null),
  sort: z.number().int().min(0).max(999).default(0),
  active: z.boolean().default(true),
});
export const CategoryUpdateBody = CategoryBody.omit({ centerId: true }).extend({ version: Version });

export const HallSettingsSchema = z.object({
  priority: z.object({
    elderlyAge: z.number().int().min(50, '老年人年龄不能低于50').max(120),
    disabled: z.boolean(),
    veteran: z.boolean(),
    pregnant: z.boolean(),
    appointment: z.boolean(),
  }),
  recallLimit: z.number().int().min(0).max(10),
  appointment: z.object({
    noShowLimit: z.number().int().min(1).max(100),
    noShowWindowDays: z.number().int().min(1).max(3650),
    blockDays: z.number().int().min(0).max(3650),
    bookAheadDays: z.number().int().min(1).max(90),
    checkInEarlyMinutes: z.number().int().min(0).max(240),
    checkInLateMinutes: z.number().int().min(0).max(240),
  }),
  planning: z.object({
    targetShare: z.number().min(0.01).max(0.99),
    targetWaitMinutes: z.number().min(0).max(240),
    weeks: z.number().int().min(1).max(26),
  }),
  attendance: z.object({ graceMinutes: z.number().int().min(0).max(120) }),
});
/** version 0 = defaults, no row yet. */
export const HallSettingsView = z.object({ centerId: z.string(), settings: HallSettingsSchema, version: z.number().int() });
export const HallSettingsBody = z.object({ settings: HallSettingsSchema, version: z.number().int().min(0) });

// ---------------------------------------------------------------------------------------------------
// Taking a ticket

const PriorityFlags = {
  disabled: z.boolean().optional(),
  veteran: z.boolean().optional(),
  pregnant: z.boolean().optional(),
};
/** Kiosk / desk. idNumber is only used to compute the age (elderly priority); never stored or logged. */
export const TakeTicketBody = z.object({
  categoryId: Uuid,
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号码应为18位')
    .optional(),
  ...PriorityFlags,
});
/** Portal: the signed-in citizen's own ID number (on file) gives the age. */
export const PortalTakeBody = z.object({ categoryId: Uuid, ...PriorityFlags });

export const TakenTicket = z.object({
  id: z.string(),
  code: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  centerName: z.string(),
  peopleAhead: z.number().int(),
  priority: z.boolean(),
  reason: PriorityReason.nullable(),
  serviceDate: z.string(),
  takenAt: z.string(),
});

/** One of the signed-in citizen's tickets of today (portal 我的排号). */
export const MyTicket = TakenTicket.extend({
  centerId: z.string(),
  /** Waiting tickets called before this one, now; null unless it is waiting. */
  peopleAhead: z.number().int().nullable(),
  status: TicketStatus,
  /** The window calling or serving it; null unless called or serving. */
  windowNumber: z.number().int().nullable(),
  windowName: z.string().nullable(),
  /** The holder may cancel it (POST /my-tickets/:ticketId/cancel): only while waiting. */
  cancellable: z.boolean(),
});
/** Today's tickets of the caller, all centers, newest first. */
export const MyTickets = z.object({ serviceDate: z.string(), items: z.array(MyTicket) });

/** Halls one can take a ticket at (active centers with active categories): county hall first. */
export const QueueHalls = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), regionId: z.string(), address: z.string() })),
});

// ---------------------------------------------------------------------------------------------------
// Window console

export const ConsoleTicket = z.object({
  id: z.string(),
  code: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  status: TicketStatus,
  priority: z.boolean(),
  reason: PriorityReason.nullable(),
  source: TicketSource,
  recalls: z.number().int(),
  queuedAt: z.string(),
  calledAt: z.string().nullable(),
  servingAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  version: z.number().int(),
});
/** Result of an action on a ticket (call-next may return ticket: null when nothing waits). */
export const TicketResult = z.object({ ticket: ConsoleTicket.nullable() });

export const ConsoleSession = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  signedInAt: z.string(),
  pausedAt: z.string().nullable(),
  pauseReason: z.string().nullable(),
});
export const ConsoleView = z.object({
  window: z.object({
    id: z.string(),
    centerId: z.string(),
    centerName: z.string(),
    number: z.number().int(),
    name: z.string(),
    dailyCap: z.number().int().nullable(),
  }),
  serviceDate: z.string(),
  /** The open session on this window (anyone's), null when nobody is signed in. */
  session: ConsoleSession.nullable(),
  /** True when the open session is the reader's. */
  mine: z.boolean(),
  /** The ticket the window is calling or serving now. */
  current: ConsoleTicket.nullable(),
  categories: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string(), waiting: z.number().int(), priorityWaiting: z.number().int() })),
  /** Tickets transferred to this window and waiting for it. */
  targetedWaiting: z.number().int(),
  /** Tickets this window called today (the window cap counts these) and finished today. */
  calledToday: z.number().int(),
  servedToday: z.number().int(),
  /** Other windows of the center (transfer targets). */
  otherWindows: z.array(z.object({ id: z.string(), number: z.number().int(), name: z.string() })),
  /** All active categories of the center (transfer targets). */
  centerCategories: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** Windows the reader may sign in to (their centers in scope), with who is on them. */
export const MyWindows = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      centerId: z.string(),
      centerName: z.string(),
      number: z.number().int(),
      name: z.string(),
      categories: z.array(z.string()),
      occupiedBy: z.string().nullable(),
      mine: z.boolean(),
    }),
  ),
});

export const PauseBody = z.object({ reason: z.string().trim().min(1, '请填写暂停原因').max(100, '暂停原因不能超过100个字') });
export const TicketVersionBody = z.object({ version: Version });
export const TransferBody = z
  .object({ version: Version, categoryId: Uuid.optional(), windowId: Uuid.optional() })
  .refine((b) => (b.categoryId ? 1 : 0) + (b.windowId ? 1 : 0) === 1, { message: '请选择转往的业务类别或窗口（二选一）', path: ['categoryId'] });
export const LinkBody = z.object({ version: Version, caseId: Uuid });

export const SessionResult = z.object({ session: ConsoleSession.nullable() });

export const DayQuery = z.object({ day: Day.optional() });
