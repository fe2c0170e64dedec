import { readFileSync } from 'node:fs';
import { expect, test, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { makeIdNumber } from '../src/modules/seed/codes';
import { apiLogin, expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey (issue 6): the 青山村 village agent works on a phone (375 × 812) with the 便民代办 app.
 * Online once (the 代办事项清单 and the app are kept on the phone), then the village room loses the
 * network: the agent registers a villager, the villager signs the consent on the screen, a material
 * is photographed, and the matter is submitted — it waits on the phone and nothing reaches the
 * server, even after a reload. Back online it syncs by itself, and exactly ONE case with channel
 * agent appears at the township. A second journey loses the server's answer to the first upload:
 * the retry with the same clientId returns the same mandate, still one case.
 */
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const ITEM = '城乡居民基本养老保险参保登记';
const PHOTO = readFileSync(new URL('../public/pwa/agent-192.png', import.meta.url));
const SURNAMES = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '春夏秋冬梅兰竹菊松柏桂荷芳霞云山水田林木';

/** A villager nobody registered before: a fresh name and a valid GB 11643 ID number. */
function villager() {
  const r = (s: string) => s[Math.floor(Math.random() * s.length)];
  const name = `${r(SURNAMES)}代${r(GIVEN)}${r(GIVEN)}`;
  const birth = `19${50 + Math.floor(Math.random() * 40)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
  const idNumber = makeIdNumber('139921', birth, 100 + Math.floor(Math.random() * 800));
  const phone = `1390399${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  return { name, idNumber, phone };
}

/** Draw a signature with the mouse: two strokes across the pad. */
async function sign(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const strokes: [number, number][][] = [
    [[0.15, 0.6], [0.25, 0.3], [0.35, 0.65], [0.45, 0.35], [0.55, 0.6]],
    [[0.6, 0.4], [0.7, 0.55], [0.85, 0.45]],
  ];
  for (const s of strokes) {
    await page.mouse.move(box.x + box.width * s[0][0], box.y + box.height * s[0][1]);
    await page.mouse.down();
    for (const [x, y] of s.slice(1)) await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
    await page.mouse.up();
  }
}

/** Steps 1–5 of 新登记代办, ending with 提交到镇/县. */
async function registerMatter(page: Page, v: ReturnType<typeof villager>, screenshots: boolean) {
  await page.getByRole('link', { name: /新登记代办/ }).click();
  await expect(page.getByText('第 1 步 / 共 5 步：选择代办事项')).toBeVisible();
  await page.getByLabel('搜索代办事项').fill('养老保险 参保');
  if (screenshots) await shot(page, 'agent-step1-items', { fullPage: false });
  await page.getByRole('button', { name: new RegExp(ITEM) }).click();

  await expect(page.getByText('第 2 步 / 共 5 步：登记群众信息')).toBeVisible();
  // The ID number is checked on the phone: a wrong check digit is refused before anything is saved.
  const wrong = v.idNumber.slice(0, 17) + (v.idNumber[17] === '1' ? '2' : '1');
  await page.getByLabel('群众姓名').fill(v.name);
  await page.getByLabel('身份证号码').fill(wrong);
  await page.getByLabel('手机号码').fill(v.phone);
  await page.getByRole('button', { name: /下一步/ }).click();
  await expect(page.getByText('身份证号码校验位不正确')).toBeVisible();
  await page.getByLabel('身份证号码').fill(v.idNumber);
  await expect(page.getByText('身份证号码校验通过')).toBeVisible();
  await page.getByLabel('住址（选填）').fill('青山村三组 12 号');
  if (screenshots) await shot(page, 'agent-step2-villager', { fullPage: false });
  await page.getByRole('button', { name: /下一步/ }).click();

  await expect(page.getByText('第 3 步 / 共 5 步：委托确认')).toBeVisible();
  await expect(page.getByTestId('consent-statement')).toHaveText(
    `本人 ${v.name} 自愿委托 王秀英（青山村代办员）代为办理「${ITEM}」，同意其收集、提交本人的办事材料并领取办理结果。`,
  );
  await sign(page);
  if (screenshots) await shot(page, 'agent-step3-signature', { fullPage: false });
  await page.getByRole('button', { name: /确认签名/ }).click();
  await expect(page.getByTestId('confirmation-done')).toBeVisible();
  if (screenshots) await shot(page, 'agent-step3-signed', { fullPage: false });
  await page.getByRole('button', { name: /下一步/ }).click();

  await expect(page.getByText('第 4 步 / 共 5 步：拍照收集材料')).toBeVisible();
  await page.getByTestId('photo-input-id-card').setInputFiles({ name: 'id-card.png', mimeType: 'image/png', buffer: PHOTO });
  await expect(page.getByTestId('material-id-card').getByRole('img', { name: '照片 1' })).toBeVisible();
  if (screenshots) await shot(page, 'agent-step4-materials', { fullPage: false });
  await page.getByRole('button', { name: /下一步/ }).click();

  await expect(page.getByText('第 5 步 / 共 5 步：备注与提交')).toBeVisible();
  await page.getByLabel('备注（选填）').fill('身份证原件已核验');
  if (screenshots) await shot(page, 'agent-step5-submit', { fullPage: false });
  await page.getByRole('button', { name: /提交到镇\/县/ }).click();
  await expect(page).toHaveURL(/\/agent\/sync$/);
}

/** Cases of this villager seen by the township clerk. */
async function casesOf(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, name: string) {
  const request = await playwright.request.newContext({ baseURL });
  try {
    await apiLogin(request, 'town.clerk');
    const res = await request.get('/api/cases', { params: { view: 'center', q: name } });
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { items: { applicantName: string; channel: string; itemName: string; status: string; id: string }[] };
    return body.items.filter((c) => c.applicantName === name);
  } finally {
    await request.dispose();
  }
}

test('offline registration waits on the phone and syncs into exactly one township case', async ({ page, context, playwright }, info) => {
  test.setTimeout(150_000);
  const baseURL = info.project.use.baseURL!;
  const v = villager();
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/agency/mandates') uploads.push(r.url());
  });

  // A village agent lands in the agent app after signing in; the item list and the app get kept.
  await login(page, 'village.agent');
  await expect(page).toHaveURL(/\/agent$/);
  await expect(page.getByText('青山村代办员')).toBeVisible();
  await expect(page.getByTestId('items-state')).toHaveAttribute('data-fresh', 'yes');
  await expect(page.getByTestId('items-state')).toContainText(/代办事项清单 \d+ 项/);
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('sync-banner')).toHaveAttribute('data-state', 'synced');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/pwa/agent.webmanifest');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'agent-home-online', { fullPage: false });

  // The village room loses the network.
  await context.setOffline(true);
  await expect(page.getByTestId('net-state')).toHaveText('离线');
  await expect(page.getByTestId('sync-banner')).toContainText('离线 — 可以继续登记，联网后自动提交');

  await registerMatter(page, v, true);

  // Saved on the phone, waiting; nothing was sent.
  const entry = page.getByTestId('outbox-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(v.name);
  await expect(entry).toContainText(ITEM);
  await expect(entry).toContainText('离线待同步');
  await expect(entry).toContainText('材料照片 1 张');
  await expect(page.getByTestId('sync-banner')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-banner')).toContainText('离线 — 已保存在本机，联网后自动提交');
  await expect(page.getByTestId('sync-banner')).toContainText('有 1 件待同步');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'agent-sync-offline', { fullPage: false });

  // Still offline, the app reopens from the service worker and the matter is still there (IndexedDB).
  await page.reload();
  await expect(page.getByTestId('net-state')).toHaveText('离线');
  await expect(page.getByTestId('outbox-entry')).toHaveCount(1);
  await expect(page.getByTestId('outbox-entry')).toContainText(v.name);
  await page.goto('/agent');
  await expect(page.getByTestId('sync-banner')).toContainText('有 1 件待同步');
  await shot(page, 'agent-home-offline', { fullPage: false });
  expect(uploads).toHaveLength(0);
  expect(await casesOf(playwright, baseURL, v.name)).toHaveLength(0);

  // The network returns: the app syncs by itself.
  await context.setOffline(false);
  await expect(page.getByTestId('net-state')).toHaveText('在线');
  await expect(page.getByTestId('sync-banner')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
  await expect(page.getByTestId('sync-banner')).toContainText('全部已同步');
  await shot(page, 'agent-home-synced', { fullPage: false });
  await page.getByRole('link', { name: /待同步/ }).first().click();
  await expect(page.getByTestId('outbox-entry')).toHaveCount(0);
  const synced = page.getByTestId('synced-entry').filter({ hasText: v.name });
  await expect(synced).toContainText('已同步');
  await expect(synced).toContainText(/办件编号 \d+/);
  await shot(page, 'agent-sync-done', { fullPage: false });
  expect(uploads).toHaveLength(1);

  // Exactly one case at the township, received through the village agent.
  const cases = await casesOf(playwright, baseURL, v.name);
  expect(cases).toHaveLength(1);
  expect(cases[0]).toMatchObject({ channel: 'agent', itemName: ITEM, status: 'received' });

  // 我的代办 shows it with its case and the 3-working-day rule; the detail has the timeline and files.
  await page.locator('.bm-agent-tabbar').getByText('我的代办').click();
  const card = page.getByTestId('mandate-card').filter({ hasText: v.name });
  await expect(card).toContainText(ITEM);
  await expect(card).toContainText(/已送达乡镇/);
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'agent-mandates', { fullPage: false });
  await card.click();
  await expect(page.getByTestId('mandate-detail')).toContainText(v.name);
  await expect(page.getByText('办理进度')).toBeVisible();
  await expect(page.getByText(/委托书 · /)).toBeVisible();
  await expect(page.getByText(/材料 · /)).toBeVisible();
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'agent-mandate-detail');

  // The demo village has a matter whose case waits for a correction, and one whose result came back
  // to the agent: their detail pages offer 答复一次性告知 and 移交结果 (not sent here: other journeys
  // may read the demo data).
  await page.goBack();
  await page.getByText(/^待补正/).click();
  await page.getByTestId('mandate-card').first().click();
  await expect(page.getByTestId('correction-panel')).toContainText('答复一次性告知');
  await expect(page.getByTestId('correction-panel').getByText('拍照补正').first()).toBeVisible();
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'agent-mandate-correction', { fullPage: false });
  await page.goBack();
  await page.getByText(/^待移交/).click();
  await page.getByTestId('mandate-card').first().click();
  const handover = page.getByTestId('handover-panel');
  await expect(handover).toContainText('移交结果');
  await handover.scrollIntoViewIfNeeded();
  await sign(page);
  await handover.getByRole('button', { name: /确认签名/ }).click();
  await expect(handover.getByTestId('confirmation-done')).toBeVisible();
  await expect(handover.getByRole('button', { name: /确认移交/ })).toBeEnabled();
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'agent-mandate-handover');
});

test.describe('answers the phone gets from the server', () => {
  // Playwright's routing sees the page's requests only without a service worker in between.
  test.use({ serviceWorkers: 'block' });

  test('the retry after a lost answer returns the same mandate: still one case', async ({ page, playwright }, info) => {
    test.setTimeout(120_000);
    const v = villager();
    let calls = 0;
    await page.route('**/api/agency/mandates', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      calls++;
      if (calls === 1) {
        // The server saves the matter, but its answer never reaches the phone.
        const res = await route.fetch();
        expect(res.status()).toBe(200);
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    await login(page, 'village.agent');
    await expect(page.getByTestId('items-state')).toHaveAttribute('data-fresh', 'yes');
    await registerMatter(page, v, false);

    // The first answer was lost: the matter stays and is retried with back-off, then replayed.
    await expect(page.getByTestId('synced-entry').filter({ hasText: v.name })).toContainText('此前已送达', { timeout: 40_000 });
    await expect(page.getByTestId('outbox-entry')).toHaveCount(0);
    expect(calls).toBe(2);
    const cases = await casesOf(playwright, info.project.use.baseURL!, v.name);
    expect(cases).toHaveLength(1);
    expect(cases[0].channel).toBe('agent');
  });

  test('a refused matter is marked 需处理 with the server message, fixed and sent again', async ({ page, playwright }, info) => {
    test.setTimeout(120_000);
    const v = villager();
    let calls = 0;
    await page.route('**/api/agency/mandates', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      calls++;
      if (calls === 1) {
        return route.fulfill({
          status: 422,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'AGENCY_ITEM_UNKNOWN', message: '所选事项或其办事指南版本不存在，请更新代办事项清单后重新选择' } }),
        });
      }
      return route.continue();
    });

    await login(page, 'village.agent');
    await expect(page.getByTestId('items-state')).toHaveAttribute('data-fresh', 'yes');
    await registerMatter(page, v, false);
    const entry = page.getByTestId('outbox-entry');
    await expect(entry).toHaveAttribute('data-state', 'conflict');
    await expect(entry).toContainText('需处理');
    await expect(entry).toContainText('所选事项或其办事指南版本不存在');
    await expect(page.getByTestId('sync-banner')).toContainText('有 1 件需处理');
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'agent-sync-conflict', { fullPage: false });

    // 修改后重新提交: the wizard opens with everything kept (signature, photo) under the same clientId.
    await entry.getByRole('button', { name: /修改后重新提交/ }).click();
    await expect(page.getByText('第 2 步 / 共 5 步：登记群众信息')).toBeVisible();
    await expect(page.getByText(/镇\/县未接收：所选事项/)).toBeVisible();
    await expect(page.getByLabel('群众姓名')).toHaveValue(v.name);
    await page.getByRole('button', { name: /下一步/ }).click();
    await expect(page.getByTestId('confirmation-done')).toBeVisible();
    await page.getByRole('button', { name: /下一步/ }).click();
    await expect(page.getByTestId('material-id-card').getByRole('img', { name: '照片 1' })).toBeVisible();
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByRole('button', { name: /提交到镇\/县/ }).click();

    await expect(page.getByTestId('synced-entry').filter({ hasText: v.name })).toContainText('已同步', { timeout: 30_000 });
    await expect(page.getByTestId('outbox-entry')).toHaveCount(0);
    expect(calls).toBe(2);
    expect(await casesOf(playwright, info.project.use.baseURL!, v.name)).toHaveLength(1);
  });

  test('a session that ended while offline keeps the matter and asks to sign in again', async ({ page, playwright }, info) => {
    test.setTimeout(120_000);
    const v = villager();
    let calls = 0;
    await page.route('**/api/agency/mandates', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      calls++;
      if (calls === 1) return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } }) });
      return route.continue();
    });

    await login(page, 'village.agent');
    await expect(page.getByTestId('items-state')).toHaveAttribute('data-fresh', 'yes');
    await registerMatter(page, v, false);
    await expect(page.getByTestId('sync-banner')).toHaveAttribute('data-state', 'login');
    await expect(page.getByTestId('sync-banner')).toContainText('登录已过期，请重新登录后继续同步');
    await expect(page.getByTestId('sync-banner')).toContainText('已登记的 1 件保存在本机，不会丢失');
    await expect(page.getByTestId('outbox-entry')).toHaveAttribute('data-state', 'waiting');
    await shot(page, 'agent-sync-login', { fullPage: false });

    // Signing in again brings the agent back to the app, which sends the matter.
    await page.getByTestId('sync-banner').getByRole('link', { name: /重新登录/ }).click();
    await page.waitForURL(/\/agent/);
    await expect(page.getByTestId('sync-banner')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
    expect(calls).toBe(2);
    expect(await casesOf(playwright, info.project.use.baseURL!, v.name)).toHaveLength(1);
  });
});
