// The one Drizzle schema: every module's tables, re-exported for the client and drizzle-kit.
export * from '../modules/org/org.tables.js';
export * from '../modules/auth/auth.tables.js';
export * from '../modules/audit/audit.tables.js';
export * from '../modules/files/files.tables.js';
export * from '../modules/catalog/catalog.tables.js';
export * from '../modules/applicants/applicants.tables.js';
export * from '../modules/cases/cases.tables.js';
export * from '../modules/calendar/calendar.tables.js';
export * from '../modules/applications/applications.tables.js';
export * from '../modules/consultations/consultations.tables.js';
export * from '../modules/policies/policies.tables.js';
export * from '../modules/agency/agency.tables.js';
export * from '../modules/queue/queue.tables.js';
export * from '../modules/appointments/appointments.tables.js';
