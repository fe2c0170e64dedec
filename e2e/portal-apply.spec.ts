import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { apiLogin, DEMO_PASSWORD, expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey: a villager applies online from a phone (375 × 812) — guide → 在线申报 → contact → a photo of
 * the ID card → delivery → check → submit — and finds the case in 我的办件 as 收件 (waiting for the
 * window). The township then asks for a correction, which the villager answers from the case page.
 */
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const ITEM = '城乡居民基本养老保险参保登记';
const CENTER = '青山镇便民服务中心';

/** A real PNG (a little striped "photo" w×h), the kind a phone sends after shrinking. */
function photo(w = 160, h = 100): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      const band = Math.floor(y / 20) % 2 === 0;
      row.set(band ? [70, 130, 200] : [235, 240, 250], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function itemId(page: Page): Promise<string> {
  const r = await page.request.get(`/api/catalog/search?q=${encodeURIComponent(ITEM)}`);
  expect(r.status()).toBe(200);
  const body = (await r.json()) as { groups: { items: { id: string; name: string; centerName: string }[] }[] };
  const hit = body.groups.flatMap((g) => g.items).find((i) => i.name === ITEM && i.centerName === CENTER);
  expect(hit, JSON.stringify(body.groups.map((g) => g.items.map((i) => `${i.name}@${i.centerName}`)))).toBeTruthy();
  return hit!.id;
}

test('a citizen applies online with a photo and sees the case in 我的办件; then answers a one-time notice', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  await login(page, 'citizen');
  const id = await itemId(page);

  // The guide offers 在线申报 (the item is 全程网办).
  await page.goto(`/portal/items/${id}`);
  await expect(page.getByTestId('guide-name')).toHaveText(ITEM);
  const apply = page.getByTestId('apply-online');
  await expect(apply).toBeVisible();
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-apply-guide-375', { fullPage: false });
  await apply.click();

  // Step 1: contact (the phone is prefilled from the account).
  await expect(page).toHaveURL(/\/portal\/apply\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('apply-item')).toHaveText(ITEM);
  await expect(page.getByLabel('联系电话')).not.toHaveValue('');
  await page.getByLabel('联系地址').fill('青山镇青山村三组12号');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-apply-step1-375', { fullPage: false });
  await page.getByTestId('apply-next').click();

  // Step 2: one card per material; a photo of the ID card.
  const idCard = page.locator('[data-testid="apply-material"][data-key="id-card"]');
  await expect(idCard).toContainText('居民身份证');
  await expect(idCard).toContainText('必要');
  await idCard.getByTestId('pick-file').setInputFiles({ name: '身份证正面.png', mimeType: 'image/png', buffer: photo() });
  await expect(idCard.getByTestId('apply-file')).toHaveCount(1);
  await expect(idCard.getByTestId('apply-uploading')).toHaveCount(0);
  // The thumbnail is the uploaded image, served back to its owner.
  await expect.poll(async () => idCard.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
  await expect(page.getByTestId('apply-save-state')).toContainText('草稿已保存');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-apply-step2-375', { fullPage: true });
  await page.getByTestId('apply-next').click();

  // Step 3: delivery.
  await page.getByText('电子送达', { exact: true }).click();
  await page.getByTestId('apply-next').click();

  // Step 4: check and submit.
  const check = page.getByTestId('apply-check');
  await expect(check).toContainText('居民身份证');
  await expect(check).toContainText('1 个文件');
  await expect(check.locator('[data-missing]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: '核对提交' })).toContainText('电子送达');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-apply-check-375', { fullPage: true });
  await page.getByTestId('apply-submit').click();
  const done = page.getByTestId('apply-done');
  await expect(done).toContainText('申报已提交');
  const caseNo = (await done.locator('.bm-apply-done-no').innerText()).trim();
  expect(caseNo).toMatch(/^\w{20,}\d{12}$/);
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-apply-done-375', { fullPage: false });

  // 我的办件: the new case first, received (收件), waiting for the window.
  await page.goto('/portal/me/cases');
  const first = page.getByTestId('my-case').first();
  await expect(first).toContainText(ITEM);
  await expect(first).toContainText(caseNo);
  await expect(first.locator('[data-status]')).toHaveAttribute('data-status', 'received');
  await expect(first).toContainText('收件');
  await expect(first).toContainText('已收件，等待受理');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-apply-mycases-375', { fullPage: false });

  // Its detail page: status, the photo handed in, the delivery choice.
  await first.click();
  await expect(page).toHaveURL(/\/portal\/me\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').pop()!;
  await expect(page.getByTestId('case-head')).toContainText(caseNo);
  await expect(page.getByTestId('case-head')).toContainText('网上申报');
  await expect(page.getByTestId('case-delivery')).toContainText('电子送达');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-case-detail-375', { fullPage: true });

  // The township clerk sends a one-time notice (through the API, as the window would).
  const clerk = await playwright.request.newContext({ baseURL });
  const headers = await apiLogin(clerk, 'town.clerk');
  const c = await (await clerk.get(`/api/cases/${caseId}`)).json();
  expect(c).toMatchObject({ status: 'received', channel: 'online' });
  const corr = await clerk.post(`/api/cases/${caseId}/correct`, {
    headers,
    data: { version: c.version, corrections: [{ materialKey: 'id-card', name: '居民身份证', problem: '照片反光看不清号码', requirement: '在光线均匀处重新拍摄身份证正面' }] },
  });
  expect(corr.status(), await corr.text()).toBe(200);
  await clerk.dispose();

  await page.reload();
  const notice = page.getByTestId('case-correction');
  await expect(notice).toContainText('照片反光看不清号码');
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-case-correction-375', { fullPage: true });
  await notice.getByTestId('correction-item').first().getByTestId('pick-file').setInputFiles({ name: '身份证重拍.png', mimeType: 'image/png', buffer: photo(120, 80) });
  await expect(notice).toContainText('身份证重拍.png');
  await notice.getByTestId('correction-submit').click();
  await expect(page.getByTestId('correction-done')).toBeVisible();
  await expect(page.getByTestId('case-head').locator('[data-status]')).toHaveAttribute('data-status', 'received');
  await expect(page.getByText('补正 · 身份证重拍.png')).toBeVisible();
  await shot(page, 'portal-case-corrected-375', { fullPage: false });

  // 我的申报 lists it as submitted.
  await page.goto('/portal/me/applications');
  await expect(page.getByTestId('my-application').first()).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('my-application').first()).toContainText(caseNo);
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-my-applications-375', { fullPage: false });
});

test('a guest is sent to sign in and back to the form; an item that cannot be applied for online is refused with how to apply', async ({ page }) => {
  // A guest's 在线申报 goes to the login page and, signed in, straight on to the new application.
  const found = await page.request.get(`/api/catalog/search?q=${encodeURIComponent(ITEM)}`);
  const enrol = ((await found.json()) as { groups: { items: { id: string; name: string }[] }[] }).groups.flatMap((g) => g.items).find((i) => i.name === ITEM)!;
  await page.goto(`/portal/items/${enrol.id}`);
  await page.getByTestId('apply-online').click();
  await expect(page).toHaveURL(/\/login\?redirect=%2Fportal%2Fapply%2Fnew%3Fitem%3D/);
  await page.getByRole('textbox', { name: '账号' }).fill('citizen');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();
  await expect(page).toHaveURL(/\/portal\/apply\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('apply-item')).toHaveText(ITEM);

  const r = await page.request.get(`/api/catalog/search?q=${encodeURIComponent('社会保障卡密码修改与重置')}`);
  const hit = ((await r.json()) as { groups: { items: { id: string; name: string; onlineLevel: string }[] }[] }).groups.flatMap((g) => g.items).find((i) => i.name === '社会保障卡密码修改与重置');
  expect(hit?.onlineLevel).toBe('consult');
  await page.goto(`/portal/items/${hit!.id}`);
  await expect(page.getByTestId('guide-name')).toBeVisible();
  await expect(page.getByTestId('apply-online')).toHaveCount(0);
  // Typing the address anyway: a clear refusal, and the way back to the guide.
  await page.goto(`/portal/apply/new?item=${hit!.id}`);
  await expect(page.getByTestId('apply-refused')).toContainText('暂不能网上申报');
  await expectNoHorizontalOverflow(page, 375);
});
