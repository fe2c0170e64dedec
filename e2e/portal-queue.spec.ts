import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiLogin, ARTIFACTS, DEMO_PASSWORD, expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey: 刘大山 takes a queue ticket from his phone (375 × 812) when near the hall — 在线取号 → his
 * township's hall (preselected) → 户籍 → 确认取号 — and follows it in 我的排号: the people ahead go down
 * while the hall works, and when 青山镇's window 6 (公安户政, the only window taking 户籍 there) calls it,
 * the page says 「请到 6 号窗口办理」 and vibrates, without a reload. Then, in 长辈模式, a ticket at the
 * county hall taken and cancelled.
 *
 * Kept apart from the other hall journeys running on the same server: e2e/queue-console and
 * e2e/hall-screen call 社会事务 at window 1 of 青山镇 and of the county hall, with town.clerk and
 * county.clerk (who stay signed in there, and one person can be signed in at one window only). So the
 * calls here are 户籍 at 青山镇's window 6 by the 青山镇 director, and nothing calls the county ticket.
 */
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const TOWN = '青山镇便民服务中心';
const COUNTY = '示范县政务服务中心';
const WIDTH = 375;

interface Hall {
  id: string;
  name: string;
}
type Ticket = { id: string; code: string; version: number; status: string };

async function hallId(request: APIRequestContext, name: string): Promise<string> {
  const halls = (await (await request.get('/api/queue/centers')).json()) as { items: Hall[] };
  const h = halls.items.find((x) => x.name === name);
  expect(h, JSON.stringify(halls.items.map((x) => x.name))).toBeTruthy();
  return h!.id;
}

/** The category's id and how many wait in it now (public). */
async function category(request: APIRequestContext, centerId: string, name: string): Promise<{ id: string; waiting: number }> {
  const cats = (await (await request.get(`/api/queue/centers/${centerId}/categories`)).json()) as { items: { id: string; name: string; waiting: number }[] };
  return cats.items.find((c) => c.name === name)!;
}

/** Records navigator.vibrate calls (headless Chromium has no vibration motor to ask). */
async function recordVibrations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __vibrations: unknown[] };
    w.__vibrations = [];
    Object.defineProperty(Navigator.prototype, 'vibrate', {
      configurable: true,
      value: (pattern: unknown) => {
        w.__vibrations.push(pattern);
        return true;
      },
    });
  });
}

test('take a ticket near the hall, see the people ahead go down, and get called to window 6 live', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  await recordVibrations(page);
  // Someone took a 户籍 ticket at the kiosk before: one person ahead.
  const town = await hallId(page.request, TOWN);
  const huji = await category(page.request, town, '户籍');
  const kiosk = await page.request.post(`/api/queue/centers/${town}/tickets`, { data: { categoryId: huji.id } });
  expect(kiosk.status(), await kiosk.text()).toBe(200);
  const ahead = (await category(page.request, town, '户籍')).waiting;
  expect(ahead).toBeGreaterThanOrEqual(1);
  // The 青山镇 director (who works window 6 below) caps 自然资源 (a category no other journey uses) at one
  // ticket a day, and the kiosk issues it.
  const staff = await playwright.request.newContext({ baseURL });
  const headers = await apiLogin(staff, 'town.director');
  const ziran = ((await (await staff.get(`/api/queue/categories?centerId=${town}`)).json()) as { items: { id: string; name: string; prefix: string; sort: number; version: number }[] }).items.find((k) => k.name === '自然资源')!;
  const cap = await staff.put(`/api/queue/categories/${ziran.id}`, { data: { name: ziran.name, prefix: ziran.prefix, dailyCap: 1, sort: ziran.sort, active: true, version: ziran.version }, headers });
  expect(cap.status(), await cap.text()).toBe(200);
  expect((await page.request.post(`/api/queue/centers/${town}/tickets`, { data: { categoryId: ziran.id } })).status()).toBe(200);

  await login(page, 'citizen');
  await page.goto('/portal/queue');
  // His township's hall is preselected; the county hall is offered next to it.
  await expect(page.getByRole('radio', { name: new RegExp(TOWN) })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('radio', { name: new RegExp(COUNTY) })).toHaveAttribute('aria-checked', 'false');
  // A capped category cannot be taken today; it points to 预约办事 instead.
  const capped = page.getByTestId('queue-categories').getByRole('button', { name: /^自然资源/ });
  await expect(capped).toBeDisabled();
  await expect(capped).toContainText('今日号已取完');
  await expect(page.getByTestId('queue-categories').getByRole('link', { name: '预约办事' })).toHaveAttribute('href', `/portal/appointments/new?center=${town}&category=${ziran.id}`);
  const hujiButton = page.getByTestId('queue-categories').getByRole('button', { name: /^户籍/ });
  await expect(hujiButton).toContainText(`等候 ${ahead} 人`);
  await hujiButton.click();
  await page.getByTestId('queue-categories').screenshot({ path: join(ARTIFACTS, 'portal-queue-categories-375.png') });
  await expect(page.getByTestId('queue-summary')).toContainText(TOWN);
  await expect(page.getByTestId('queue-summary')).toContainText('户籍');
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-queue-take-375', { fullPage: true });
  await page.getByTestId('queue-confirm').click();

  const card = page.getByTestId('my-ticket');
  await expect(card).toHaveCount(1);
  const code = (await card.getByTestId('ticket-code').innerText()).trim();
  expect(code).toMatch(/^[A-Z]\d{3}$/);
  await expect(card).toContainText(TOWN);
  await expect(card).toContainText('户籍');
  await expect(card.getByTestId('ticket-status')).toHaveText('等候中');
  await expect(card.getByTestId('people-ahead')).toHaveText(`前面还有 ${ahead} 人`);
  // One open ticket per hall and day: the form says so instead of offering the categories again.
  await expect(page.getByText(`您今天在这里已有排号 ${code}`)).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-queue-waiting-375', { fullPage: false });

  let reloads = 0;
  page.on('framenavigated', (f) => f === page.mainFrame() && reloads++);

  // The 青山镇 director works window 6 (公安户政) through the API: calls and serves until it is his turn.
  const wins = (await (await staff.get('/api/queue/my-windows')).json()) as { items: { id: string; centerName: string; number: number }[] };
  const w6 = wins.items.find((w) => w.centerName === TOWN && w.number === 6)!;
  expect(w6).toBeTruthy();
  const signIn = await staff.post(`/api/queue/windows/${w6.id}/sign-in`, { headers });
  expect(signIn.status(), await signIn.text()).toBe(200);
  const serve = async (t: Ticket) => {
    const s = await staff.post(`/api/queue/tickets/${t.id}/start`, { data: { version: t.version }, headers });
    expect(s.status(), await s.text()).toBe(200);
    const f = await staff.post(`/api/queue/tickets/${t.id}/finish`, { data: { version: ((await s.json()) as { ticket: Ticket }).ticket.version }, headers });
    expect(f.status(), await f.text()).toBe(200);
  };
  let left = ahead;
  for (;;) {
    const res = await staff.post(`/api/queue/windows/${w6.id}/call-next`, { headers });
    expect(res.status(), await res.text()).toBe(200);
    const t = ((await res.json()) as { ticket: Ticket | null }).ticket;
    expect(t, 'his ticket is still waiting at window 6').not.toBeNull();
    if (t!.code === code) break;
    // Someone ahead of him was called: the page counts down by itself.
    left -= 1;
    await expect(card.getByTestId('people-ahead')).toHaveText(`前面还有 ${left} 人`);
    await serve(t!);
  }

  await expect(card.getByTestId('ticket-call')).toHaveText('请到 6 号窗口办理');
  await expect(card.getByTestId('ticket-status')).toHaveText('已叫号');
  await expect(card).toContainText('公安户政');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)).toBeGreaterThanOrEqual(1);
  expect(reloads).toBe(0);
  // Called: no longer cancellable online.
  await expect(card.getByRole('button', { name: /取消排号/ })).toHaveCount(0);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-queue-called-375', { fullPage: false });
  // The same in 长辈模式.
  await page.getByTestId('elder-switch').click();
  await expect(page.locator('.bm-portal')).toHaveClass(/bm-elder/);
  await expect(card.getByTestId('ticket-call')).toHaveText('请到 6 号窗口办理');
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-queue-called-elder-375', { fullPage: false });

  // Served and finished: it moves to 今天的其他号; the window is left free.
  const [mine] = ((await (await page.request.get('/api/queue/my-tickets')).json()) as { items: (Ticket & { code: string })[] }).items.filter((t) => t.code === code);
  const row = (await (await staff.get(`/api/queue/windows/${w6.id}/console`)).json()) as { current: Ticket };
  expect(row.current.id).toBe(mine.id);
  await serve(row.current);
  await expect(page.getByTestId('my-ticket')).toHaveCount(0);
  await expect(page.getByTestId('earlier-tickets')).toContainText(code);
  await expect(page.getByTestId('earlier-tickets')).toContainText('已办结');
  expect((await staff.post(`/api/queue/windows/${w6.id}/sign-out`, { headers })).status()).toBe(200);
  expect(reloads).toBe(0);
  await staff.dispose();
});

test('长辈模式: a guest is sent to sign in and back, takes a ticket at the county hall with 绿色通道, and cancels it', async ({ page }) => {
  test.setTimeout(90_000);
  const county = await hallId(page.request, COUNTY);
  const before = (await category(page.request, county, '户籍')).waiting;

  // From the home tile, as a guest: sign in, then back on 在线取号.
  await page.goto('/portal');
  await page.getByRole('link', { name: /在线取号/ }).click();
  await page.waitForURL(/\/login\?redirect=%2Fportal%2Fqueue$/);
  // (The portal's top bar is a nav labelled 账号 too: ask for the text box.)
  await page.getByRole('textbox', { name: '账号' }).fill('citizen');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();
  await page.waitForURL(/\/portal\/queue$/);
  await page.getByTestId('elder-switch').click();
  await expect(page.locator('.bm-portal')).toHaveClass(/bm-elder/);

  await page.getByRole('radio', { name: new RegExp(COUNTY) }).click();
  await expect(page.getByRole('radio', { name: new RegExp(COUNTY) })).toHaveAttribute('aria-checked', 'true');
  const hujiButton = page.getByTestId('queue-categories').getByRole('button', { name: /^户籍/ });
  await expect(hujiButton).toContainText(`等候 ${before} 人`);
  await hujiButton.click();
  await page.getByRole('checkbox', { name: '军人/退役军人' }).check();
  await expect(page.getByTestId('queue-summary')).toContainText('绿色通道：军人/退役军人');
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-queue-take-elder-375', { fullPage: true });
  await page.getByTestId('queue-confirm').click();

  const card = page.getByTestId('my-ticket').filter({ hasText: COUNTY });
  await expect(card.getByTestId('ticket-status')).toHaveText('等候中');
  await expect(card).toContainText('绿色通道 · 军人/退役军人');
  await expect(card.getByTestId('people-ahead')).toHaveText(/^前面还有 \d+ 人$/);
  const code = (await card.getByTestId('ticket-code').innerText()).trim();
  expect((await category(page.request, county, '户籍')).waiting).toBe(before + 1);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-queue-waiting-elder-375', { fullPage: false });

  // 取消排号, confirmed.
  await card.getByRole('button', { name: /取消排号/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(code);
  await dialog.getByRole('button', { name: /取消排号/ }).click();
  await expect(page.getByText('已取消排号')).toBeVisible();
  await expect(page.getByTestId('my-ticket').filter({ hasText: COUNTY })).toHaveCount(0);
  await expect(page.getByTestId('earlier-tickets')).toContainText(code);
  await expect(page.getByTestId('earlier-tickets').locator('.bm-queue-earlier').filter({ hasText: code })).toContainText('已取消');
  expect((await category(page.request, county, '户籍')).waiting).toBe(before);
  // The categories are offered again at this hall.
  await expect(hujiButton).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);
});
