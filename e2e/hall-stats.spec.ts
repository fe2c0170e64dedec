import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey: 青山镇's center director (town.director, 周国强) reads the hall's figures on a desktop — 考勤
 * (who is on which window now, late and absent lines of the daily report, the Excel export), 窗口负荷
 * (a day per window × hour, the overloaded and idle days of the history) and 窗口测算 (windows needed
 * beside windows staffed, and how a stricter target changes them). Figures come from the demo seed's
 * four weeks of hall history; the page must show what the API says. Ranges end yesterday, so tickets
 * other journeys take today cannot move the numbers under the test. Writes only the director's own
 * sign-in at window 6 (signed out again) and the planning target (put back).
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));
test.use({ viewport: { width: 1366, height: 900 } });

/** A date in China, `offset` days from today (the halls' business dates). */
const chinaDay = (offset = 0) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const hhmm = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }) : '—');
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}
const csrf = async (page: Page) => ({ 'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '' });

async function townHall(page: Page): Promise<string> {
  const halls = await getJson<{ items: { id: string; name: string }[] }>(page.request, '/api/hallstats/centers');
  expect(halls.items[0].name).toBe('青山镇便民服务中心');
  return halls.items[0].id;
}

/** Types a range into an antd RangePicker (start, Enter, end, Enter). */
async function typeRange(scope: Locator, from: string, to: string) {
  const start = scope.getByPlaceholder('开始日期');
  await start.click();
  await start.fill(from);
  await start.press('Enter');
  const end = scope.getByPlaceholder('结束日期');
  await end.fill(to);
  await end.press('Enter');
  await expect(start).toHaveValue(from);
  await expect(end).toHaveValue(to);
}

/** Shows the table page (20 rows a page) that holds the index-th row of the data. */
async function showPageOf(card: Locator, index: number) {
  const n = Math.floor(index / 20) + 1;
  const item = card.locator(`.ant-pagination-item-${n}`);
  if (await item.isVisible()) await item.click();
}
const tableRow = (card: Locator, ...texts: string[]) => texts.reduce((rows, t) => rows.filter({ hasText: t }), card.locator('tr.ant-table-row'));

interface AttendanceRow {
  date: string;
  windowNumber: number;
  windowName: string;
  userName: string;
  status: 'on_time' | 'late' | 'absent' | 'upcoming';
  lateMinutes: number;
  firstSignIn: string | null;
}
interface HistoryRow {
  date: string;
  windowId: string;
  number: number;
  name: string;
  served: number;
  busyShare: number | null;
  opened: boolean;
  overloaded: boolean;
  idle: boolean;
}
interface PlanningRow {
  hour: number;
  arrivals: number;
  needed: number;
  staffed: number;
}

test('考勤: who is on which window now, late and absent days, the Excel export', async ({ page }) => {
  await login(page, 'town.director');
  const centerId = await townHall(page);
  const before = await getJson<{ windows: { windowId: string; number: number; name: string }[] }>(page.request, `/api/hallstats/centers/${centerId}/windows-now`);
  const w6 = before.windows.find((w) => w.number === 6)!;
  expect(w6.name).toBe('公安户政');
  // The director covers window 6 for a while (no other journey uses it).
  const signIn = await page.request.post(`/api/queue/windows/${w6.windowId}/sign-in`, { headers: await csrf(page) });
  expect(signIn.status(), await signIn.text()).toBe(200);
  try {
    const since = (await signIn.json()).session.signedInAt as string;
    await page.goto('/workbench/hall/attendance');
    await expect(page.getByRole('heading', { name: '考勤' })).toBeVisible();
    const nowCard = page.locator('.ant-card').filter({ has: page.getByText('窗口现状', { exact: true }) });
    const row6 = tableRow(nowCard, '6 号 公安户政');
    await expect(row6).toContainText('开放');
    await expect(row6).toContainText('周国强');
    await expect(row6).toContainText(hhmm(since));
    // 农业农村 has nobody on the roster: closed.
    await expect(tableRow(nowCard, '5 号 农业农村')).toContainText('关闭');

    // The daily report over the four weeks before today.
    const from = chinaDay(-28);
    const to = chinaDay(-1);
    const report = await getJson<{ rows: AttendanceRow[]; totals: { lines: number; late: number; absent: number; earlyLeave: number } }>(
      page.request,
      `/api/hallstats/centers/${centerId}/attendance?from=${from}&to=${to}`,
    );
    const reportCard = page.locator('.ant-card').filter({ has: page.getByText('考勤日报', { exact: true }) });
    await typeRange(reportCard, from, to);
    const t = report.totals;
    expect(t.lines).toBeGreaterThanOrEqual(60);
    expect(t.late).toBeGreaterThan(0);
    expect(t.absent).toBeGreaterThan(0);
    await expect(reportCard.getByText(`应到 ${t.lines} 人次`)).toBeVisible();
    await expect(reportCard.getByText(`迟到 ${t.late}`, { exact: true })).toBeVisible();
    await expect(reportCard.getByText(`缺勤 ${t.absent}`, { exact: true })).toBeVisible();
    await expect(reportCard.getByText(`早退 ${t.earlyLeave}`, { exact: true })).toBeVisible();

    // A late sign-in and the seeded absent day (郑涛 at window 1), as the API reports them.
    const lateAt = report.rows.findIndex((r) => r.status === 'late');
    const late = report.rows[lateAt];
    await showPageOf(reportCard, lateAt);
    const lateRow = tableRow(reportCard, late.date, `${late.windowNumber} 号 ${late.windowName}`);
    await expect(lateRow).toContainText(`迟到 ${late.lateMinutes} 分钟`);
    await expect(lateRow).toContainText(hhmm(late.firstSignIn));
    const absentAt = report.rows.findIndex((r) => r.status === 'absent');
    const absent = report.rows[absentAt];
    expect(absent.windowNumber).toBe(1);
    await showPageOf(reportCard, absentAt);
    const absentRow = tableRow(reportCard, absent.date, `${absent.windowNumber} 号 ${absent.windowName}`);
    await expect(absentRow).toContainText('缺勤');
    await expect(absentRow).toContainText(absent.userName);
    await expect(absentRow).toContainText('0 小时 0 分');
    await expectNoHorizontalOverflow(page, 1366);
    await shot(page, 'workbench-hall-attendance');

    // Excel: one row per roster line and day, the same lines as on screen.
    const [download] = await Promise.all([page.waitForEvent('download'), reportCard.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe(`考勤日报_${from}_${to}.xlsx`);
    const file = test.info().outputPath('attendance.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('考勤日报')!;
    const lines: string[][] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const data = lines.filter((l) => /^\d{4}-\d{2}-\d{2}$/.test(l[0]));
    expect(data).toHaveLength(report.rows.length);
    expect(data.find((l) => l[0] === absent.date && l[1] === `${absent.windowNumber} 号 ${absent.windowName}`)).toEqual(expect.arrayContaining([absent.userName, '缺勤']));
    expect(data.find((l) => l[0] === late.date && l[1] === `${late.windowNumber} 号 ${late.windowName}`)).toEqual(expect.arrayContaining(['迟到', String(late.lateMinutes)]));
  } finally {
    const out = await page.request.post(`/api/queue/windows/${w6.windowId}/sign-out`, { headers: await csrf(page) });
    expect(out.status(), await out.text()).toBe(200);
  }
});

test('窗口负荷: a day per window and hour, the overloaded and idle days of the history', async ({ page }) => {
  await login(page, 'town.director');
  const centerId = await townHall(page);
  const from = chinaDay(-20);
  const to = chinaDay(-1);
  const hist = await getJson<{ rows: HistoryRow[] }>(page.request, `/api/hallstats/centers/${centerId}/load/history?from=${from}&to=${to}`);
  // The demo seed marks two days at 青山镇: a 就业创业 rush (window 3 reaches its cap) and a day of home visits (window 4).
  const overloaded = hist.rows.filter((r) => r.overloaded);
  const idle = hist.rows.filter((r) => r.idle);
  expect(overloaded.map((r) => `${r.number}号 ${r.name}`)).toEqual(['3号 社会保障']);
  expect(idle.map((r) => `${r.number}号 ${r.name}`)).toContain('4号 民政事务');
  const rush = overloaded[0];
  expect(rush.served).toBe(50);

  await page.goto('/workbench/hall/load');
  await expect(page.getByRole('heading', { name: '窗口负荷' })).toBeVisible();
  await expect(page.getByText('忙碌率 ≥ 85% 或达到窗口限号为过载；开放但一天办结少于 3 件为空闲')).toBeVisible();

  // History: the marked days listed beside the chart, newest first in the table.
  const histCard = page.locator('.ant-card').filter({ has: page.getByText('历史', { exact: true }) });
  await typeRange(histCard, from, to);
  const marks = histCard.getByTestId('load-marks');
  const marked = [...hist.rows].filter((r) => r.overloaded || r.idle).sort((a, b) => b.date.localeCompare(a.date) || a.number - b.number);
  await expect(marks.locator('.hall-mark')).toHaveText(marked.map((r) => `${r.overloaded ? '过载' : '空闲'}${r.date} ${r.number} 号 ${r.name}：办结 ${r.served} 件，忙碌率 ${pct(r.busyShare)}`));
  // The chart: the mean served per open day of each window.
  const perWindow = new Map<number, { name: string; served: number; days: number }>();
  for (const r of hist.rows) {
    const w = perWindow.get(r.number) ?? { name: r.name, served: 0, days: 0 };
    w.served += r.served;
    w.days += r.opened ? 1 : 0;
    perWindow.set(r.number, w);
  }
  const expectedBars = [...perWindow]
    .sort((a, b) => a[0] - b[0])
    .map(([n, w]) => `${n}号 ${w.name} 日均办结（开放日）：${w.days ? Math.round((w.served / w.days) * 10) / 10 : 0}`);
  await expect(histCard.locator('svg rect > title')).toHaveText(expectedBars);
  const sorted = [...hist.rows].sort((a, b) => b.date.localeCompare(a.date) || a.number - b.number);
  const rushAt = sorted.findIndex((r) => r.overloaded);
  await showPageOf(histCard, rushAt);
  const rushRow = tableRow(histCard, rush.date, '3 号 社会保障');
  await expect(rushRow).toHaveClass(/hall-row-overloaded/);
  await expect(rushRow).toContainText('过载');
  await expect(rushRow).toContainText(pct(rush.busyShare));
  const idleAt = sorted.findIndex((r) => r.idle);
  await showPageOf(histCard, idleAt);
  const idleRow = tableRow(histCard, sorted[idleAt].date, `${sorted[idleAt].number} 号 ${sorted[idleAt].name}`);
  await expect(idleRow).toHaveClass(/hall-row-idle/);
  await expect(idleRow).toContainText('空闲');

  // The rush day per window and hour.
  const day = await getJson<{ hours: number[]; windows: { number: number; name: string; served: number; overloaded: boolean; hours: { hour: number; served: number; busyShare: number | null }[] }[] }>(
    page.request,
    `/api/hallstats/centers/${centerId}/load/day?date=${rush.date}`,
  );
  const dayCard = page.locator('.ant-card').filter({ has: page.getByText(`${rush.date}（按窗口、按小时）`) });
  const picker = page.getByPlaceholder('请选择日期');
  await picker.click();
  await picker.fill(rush.date);
  await picker.press('Enter');
  await expect(dayCard).toBeVisible();
  await expect(dayCard.locator('thead th')).toContainText(day.hours.map((h) => `${h}时`));
  for (const w of day.windows) {
    const row = tableRow(dayCard, `${w.number} 号 ${w.name}`);
    const cells = row.locator('td');
    // Window, the hours, then 办结.
    const hourCells = await cells.allInnerTexts();
    expect(hourCells.slice(1, 1 + day.hours.length).map((c) => c.trim()), `${w.number} 号`).toEqual(w.hours.map((h) => (h.busyShare === null ? '' : String(h.served))));
    expect(hourCells[1 + day.hours.length].trim()).toBe(String(w.served));
    if (w.overloaded) await expect(row).toContainText('过载');
  }
  expect(day.windows.find((w) => w.number === 3)).toMatchObject({ served: 50, overloaded: true });
  await expectNoHorizontalOverflow(page, 1366);
  await shot(page, 'workbench-hall-load');
});

test('窗口测算: windows needed beside windows staffed; a stricter target needs more', async ({ page }) => {
  await login(page, 'town.director');
  const centerId = await townHall(page);
  type Planning = { targetShare: number; targetWaitMinutes: number; days: number; rows: PlanningRow[] };
  const planning = () => getJson<Planning>(page.request, `/api/hallstats/centers/${centerId}/planning`);
  const settings = await getJson<{ settings: { planning: { targetShare: number; targetWaitMinutes: number; weeks: number } } & Record<string, unknown>; version: number }>(
    page.request,
    `/api/queue/centers/${centerId}/settings`,
  );
  const original = settings.settings.planning;
  expect(original).toEqual({ targetShare: 0.8, targetWaitMinutes: 15, weeks: 4 });
  const base = await planning();
  expect(base.days).toBeGreaterThanOrEqual(15);

  await page.goto('/workbench/hall/planning');
  await expect(page.getByRole('heading', { name: '窗口测算' })).toBeVisible();
  const chartCard = page.locator('.ant-card').filter({ has: page.getByText('每小时所需窗口与实际开放', { exact: true }) });
  /** The page's 所需窗口 and 实际开放 columns, and the chart's bars, are the API's. */
  const expectShown = async (p: Planning) => {
    await expect(page.getByText(`${Math.round(p.targetShare * 100)}% 的群众在 ${p.targetWaitMinutes} 分钟内被叫号`)).toBeVisible();
    const rows = chartCard.locator('tr.ant-table-row');
    await expect(rows).toHaveCount(p.rows.length);
    await expect(rows.locator('td:nth-child(4)')).toHaveText(p.rows.map((r) => String(r.needed)));
    await expect(rows.locator('td:nth-child(5)')).toHaveText(p.rows.map((r) => String(r.staffed)));
    await expect(chartCard.locator('svg rect > title')).toHaveText(
      p.rows.flatMap((r) => [`${r.hour}时 所需窗口（测算）：${r.needed}`, `${r.hour}时 实际开放（平均）：${Math.round(r.staffed * 10) / 10}`]),
    );
  };
  await expectShown(base);
  // The peaks need windows, the lunch hour fewer.
  const need = (p: Planning) => p.rows.reduce((s, r) => s + r.needed, 0);
  expect(Math.max(...base.rows.map((r) => r.needed))).toBeGreaterThanOrEqual(2);
  await expectNoHorizontalOverflow(page, 1366);
  await shot(page, 'workbench-hall-planning');

  const setTarget = async (percent: number, minutes: number) => {
    await page.getByRole('button', { name: /修改目标/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('达标比例（%）')).toHaveValue(/\d+/);
    await dialog.getByLabel('达标比例（%）').fill(String(percent));
    await dialog.getByLabel('等候不超过（分钟）').fill(String(minutes));
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText('测算目标已保存').last()).toBeVisible();
    await expect(dialog).toBeHidden();
  };
  try {
    // 95% within 5 minutes: more windows at the peaks.
    await setTarget(95, 5);
    const strict = await planning();
    expect(strict).toMatchObject({ targetShare: 0.95, targetWaitMinutes: 5 });
    expect(need(strict)).toBeGreaterThan(need(base));
    for (let i = 0; i < base.rows.length; i++) expect(strict.rows[i].needed).toBeGreaterThanOrEqual(base.rows[i].needed);
    await expectShown(strict);
    await shot(page, 'workbench-hall-planning-95-5');

    // Back to 80% within 15 minutes: the first figures again.
    await setTarget(80, 15);
    await expectShown(base);
  } finally {
    const now = await getJson<{ settings: Record<string, unknown>; version: number }>(page.request, `/api/queue/centers/${centerId}/settings`);
    const p = (now.settings as { planning: typeof original }).planning;
    if (p.targetShare !== original.targetShare || p.targetWaitMinutes !== original.targetWaitMinutes) {
      const res = await page.request.put(`/api/queue/centers/${centerId}/settings`, { data: { settings: { ...now.settings, planning: original }, version: now.version }, headers: await csrf(page) });
      expect(res.status(), await res.text()).toBe(200);
    }
  }
});
