import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { errors, requireActor, type App } from '../../platform/http.js';
import { requireAbility } from '../../platform/policy.js';
import { readUpload, sendXlsx } from '../../platform/xlsx.js';
import {
  CalendarDay,
  DateParams,
  DueQuery,
  DueResponse,
  ImportBody,
  ImportQuery,
  ImportReport,
  UpdateDayBody,
  WorkdaysQuery,
  WorkdaysResponse,
  YearParams,
  YearResponse,
  YearsResponse,
} from './calendar.contract.js';
import { buildCalendarTemplate, CALENDAR_IMPORT_MAX_BYTES, readCalendarWorkbook } from './calendar.import.js';
import * as svc from './calendar.service.js';

/** /api/calendar: public working-day arithmetic; the year view, day edits and imports for administrators. Thin. */
export async function calendarRoutes(app: App, deps: Deps): Promise<void> {
  const ctx = (request: FastifyRequest): svc.CalendarCtx => ({ actor: requireActor(request), meta: request.meta });
  const pub = ['calendar (public)'];
  const tags = ['calendar'];
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors });

  app.get(
    '/due',
    { schema: { tags: pub, summary: '承诺期限：受理日 from 之后第一个工作日为第 1 天，第 days 个工作日为到期日（days=0 为即办当日）', querystring: DueQuery, response: ok(DueResponse) } },
    async (req) => svc.publicDue(deps, req.query.from, req.query.days),
  );
  app.get(
    '/workdays',
    { schema: { tags: pub, summary: '(from, to] 之间的工作日数（to 早于 from 时为负数）', querystring: WorkdaysQuery, response: ok(WorkdaysResponse) } },
    async (req) => svc.publicWorkdays(deps, req.query.from, req.query.to),
  );

  app.get('/years', { schema: { tags, summary: '工作日历已有的年份及状态', response: ok(YearsResponse) } }, async (req) => svc.listYears(deps, ctx(req)));
  app.get('/years/:year', { schema: { tags, summary: '一年的全部日期及状态', params: YearParams, response: ok(YearResponse) } }, async (req) =>
    svc.getYear(deps, ctx(req), req.params.year),
  );
  app.put(
    '/days/:date',
    { schema: { tags, summary: '修改一天（类型、名称）', params: DateParams, body: UpdateDayBody, response: ok(CalendarDay) } },
    async (req) => svc.updateDay(deps, ctx(req), req.params.date, req.body),
  );
  app.post(
    '/years/:year/import',
    {
      schema: {
        tags,
        summary: '导入一年（JSON：只列节假日和调休上班日，其余按周一至五上班补齐）；dryRun=true 只校验',
        params: YearParams,
        querystring: ImportQuery,
        body: ImportBody,
        response: ok(ImportReport),
      },
    },
    async (req) => svc.importYear(deps, ctx(req), req.params.year, req.body, { dryRun: req.query.dryRun }),
  );
  app.post(
    '/years/:year/import.xlsx',
    {
      schema: {
        tags,
        summary: '导入一年（Excel：日期 / 类型 / 名称，multipart 字段 file）；dryRun=true 只校验',
        consumes: ['multipart/form-data'],
        params: YearParams,
        querystring: ImportQuery,
        response: ok(ImportReport),
      },
    },
    async (req) => {
      const c = ctx(req);
      requireAbility(c.actor, 'import', 'calendar');
      const { file, fileName } = await readUpload(req, CALENDAR_IMPORT_MAX_BYTES);
      const wb = await readCalendarWorkbook(file);
      return svc.importYear(deps, c, req.params.year, { days: wb.days, note: fileName ? `Excel：${fileName}`.slice(0, 200) : undefined }, {
        dryRun: req.query.dryRun,
        source: wb.source,
        errors: wb.errors,
      });
    },
  );
  app.get('/import/template.xlsx', { schema: { tags, summary: '下载工作日历导入模板', response: errors } }, async (req, reply) => {
    requireAbility(requireActor(req), 'import', 'calendar');
    return sendXlsx(reply, await buildCalendarTemplate(), '工作日历导入模板.xlsx', 'calendar.xlsx');
  });
}
