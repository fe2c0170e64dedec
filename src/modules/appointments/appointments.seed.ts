import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { newId } from '../../platform/ids.js';
import { users } from '../auth/auth.tables.js';
import { addDays, businessDate } from '../calendar/calendar.rules.js';
import { centers } from '../org/org.tables.js';
import { queueCategories } from '../queue/queue.tables.js';
import { newAppointmentCode, type SessionKind } from './appointments.rules.js';
import { appointments, appointmentSessions, appointmentSlots } from './appointments.tables.js';
import { takePlace } from './appointments.repo.js';
import { materialiseSlots } from './appointments.service.js';

/**
 * Demo appointment sessions (预约时段) of the county and township halls, for the categories the queue
 * seed created: the first two categories of each hall on working days (morning and afternoon, 30-minute
 * slots); 青山镇 also opens Saturday mornings (周末服务) and the county hall 延时服务 on weekday evenings.
 * The demo citizen (刘大山) holds one booking at 青山镇 on the next working day. Runs inside the demo
 * seed's transaction, after the queue seed; does nothing for a hall without categories.
 */

interface SessionDef {
  kind: SessionKind;
  weekdays: number[];
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  capacity: number;
}

const MON_FRI = [1, 2, 3, 4, 5];
const WORKDAY: SessionDef[] = [
  { kind: 'regular', weekdays: MON_FRI, startsAt: '09:00', endsAt: '11:30', slotMinutes: 30, capacity: 3 },
  { kind: 'regular', weekdays: MON_FRI, startsAt: '14:30', endsAt: '17:00', slotMinutes: 30, capacity: 3 },
];
const SATURDAY: SessionDef = { kind: 'weekend', weekdays: [6], startsAt: '09:00', endsAt: '12:00', slotMinutes: 60, capacity: 4 };
const EVENING: SessionDef = { kind: 'after_hours', weekdays: MON_FRI, startsAt: '17:30', endsAt: '19:00', slotMinutes: 30, capacity: 2 };

export async function seedDemoAppointments(tx: Executor, opts: { countyId: string; now?: Date }): Promise<void> {
  const halls = await tx
    .select({ id: centers.id, name: centers.name, level: centers.level })
    .from(centers)
    .where(and(eq(centers.countyId, opts.countyId), inArray(centers.level, ['county', 'township']), eq(centers.active, true)));
  for (const hall of halls) {
    const cats = await tx
      .select({ id: queueCategories.id })
      .from(queueCategories)
      .where(and(eq(queueCategories.centerId, hall.id), eq(queueCategories.active, true)))
      .orderBy(asc(queueCategories.sort), asc(queueCategories.name))
      .limit(2);
    if (cats.length === 0) continue;
    const defs: { categoryId: string; def: SessionDef }[] = cats.flatMap((c) => WORKDAY.map((def) => ({ categoryId: c.id, def })));
    if (hall.name === '青山镇便民服务中心') defs.push({ categoryId: cats[0].id, def: SATURDAY });
    if (hall.level === 'county') defs.push({ categoryId: cats[0].id, def: EVENING });
    await tx.insert(appointmentSessions).values(defs.map(({ categoryId, def }) => ({ countyId: opts.countyId, centerId: hall.id, categoryId, ...def })));
  }

  // 刘大山's booking at 青山镇, 09:30 on the next working day that has slots.
  const [town] = halls.filter((h) => h.name === '青山镇便民服务中心');
  const [citizen] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'citizen'));
  if (!town || !citizen) return;
  const today = businessDate(opts.now ?? new Date());
  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i + 1));
  await materialiseSlots(tx, town.id, days);
  const [slot] = await tx
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.centerId, town.id), inArray(appointmentSlots.day, days), eq(appointmentSlots.startsAt, '09:30'), eq(appointmentSlots.kind, 'regular')))
    .orderBy(asc(appointmentSlots.day))
    .limit(1);
  if (!slot || !(await takePlace(tx, slot.id))) return;
  await tx.insert(appointments).values({
    id: newId(),
    countyId: opts.countyId,
    centerId: town.id,
    categoryId: slot.categoryId,
    slotId: slot.id,
    userId: citizen.id,
    code: newAppointmentCode(),
    status: 'booked',
  });
}
