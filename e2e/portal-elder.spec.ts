import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS, expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Issue 6 on a phone (375 × 812): 长辈模式 (larger type, fewer steps, 朗读), 我的消息 with the unread
 * badge, and the 服务中心 directory. No page may scroll sideways, in either mode.
 */
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const WIDTH = 375;

/**
 * Font sizes (px) of the visible text in the page body: the base size of the app, of every paragraph
 * and list item, and the smallest of any visible text at all.
 */
async function fontSizes(page: Page): Promise<{ base: number; paragraphs: number; smallest: number; smallestText: string }> {
  return page.evaluate(() => {
    const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const main = document.querySelector('.bm-portal-main')!;
    const blocks = [...main.querySelectorAll('p, li, dd, .bm-help-text')].filter(visible);
    let smallest = Infinity;
    const small: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || !visible(el)) continue;
      smallest = Math.min(smallest, px(el));
      if (px(el) < 16) small.push(`${px(el)}px ${el.className || el.tagName}: ${n.textContent.trim().slice(0, 12)}`);
    }
    const smallestText = small.slice(0, 12).join(' | ');
    return {
      base: px(document.querySelector('.ant-app')!),
      paragraphs: blocks.length ? Math.min(...blocks.map(px)) : Infinity,
      smallest,
      smallestText,
    };
  });
}

/** The speech the page asked for, recorded instead of spoken (headless Chromium has no voices). */
async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __spoken: string[] };
    w.__spoken = [];
    const synth = window.speechSynthesis;
    synth.speak = (u: SpeechSynthesisUtterance) => {
      w.__spoken.push(`${u.lang}|${Math.round(u.rate * 100) / 100}|${u.text}`);
    };
    synth.cancel = () => undefined;
  });
}

test('长辈模式 from the top bar: big type on the home and the guide, remembered after a reload, read aloud', async ({ page }) => {
  await recordSpeech(page);
  await page.goto('/portal');
  await expect(page.locator('.bm-tile').first()).toBeVisible();
  const before = await fontSizes(page);
  expect(before.base).toBe(14);
  await page.getByTestId('elder-switch').click();
  await expect(page.getByTestId('elder-switch')).toHaveText('标准模式');
  await expect(page.locator('.bm-portal')).toHaveClass(/bm-elder/);

  // Fewer steps: one big search and a few big entries.
  await expect(page.getByRole('heading', { name: '您好，要办什么事？' })).toBeVisible();
  for (const entry of ['查事项', '我的办件', '办件查询', '找服务中心', '打电话问']) {
    await expect(page.locator('.bm-elder-entry').filter({ hasText: entry })).toBeVisible();
  }
  await expect(page.locator('.bm-tile')).toHaveCount(0);
  const home = await fontSizes(page);
  expect(home.base).toBeGreaterThanOrEqual(18);
  expect(home.paragraphs).toBeGreaterThanOrEqual(18);
  expect(home.smallest, home.smallestText).toBeGreaterThanOrEqual(16);
  // Touch targets of the tab bar and the entries.
  for (const box of [await page.locator('.bm-portal-tabbar a').first().boundingBox(), await page.locator('.bm-elder-entry').first().boundingBox(), await page.getByTestId('elder-switch').boundingBox()]) {
    expect(box!.height).toBeGreaterThanOrEqual(48);
  }
  await expectNoHorizontalOverflow(page, WIDTH);

  // Remembered: a reload comes back large at once.
  await page.reload();
  await expect(page.getByTestId('elder-switch')).toHaveText('标准模式');
  await expect(page.locator('.bm-elder-entry').first()).toBeVisible();
  expect((await fontSizes(page)).base).toBeGreaterThanOrEqual(18);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-elder-home', { fullPage: false });

  // The big search box leads to the guide.
  await page.getByLabel('搜索办事事项').fill('低保');
  await page.getByLabel('搜索办事事项').press('Enter');
  await expect(page).toHaveURL(/\/portal\/search\?q=/);
  await page.getByTestId('item-card').filter({ hasText: '最低生活保障' }).first().click();
  await expect(page.getByTestId('guide-name')).toContainText('最低生活保障');
  await expect(page.getByTestId('material').first()).toBeVisible();
  const guide = await fontSizes(page);
  expect(guide.base).toBeGreaterThanOrEqual(18);
  expect(guide.paragraphs).toBeGreaterThanOrEqual(18);
  expect(guide.smallest, guide.smallestText).toBeGreaterThanOrEqual(16);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-elder-guide', { fullPage: false });
  await page.locator('#guide-materials').screenshot({ path: join(ARTIFACTS, 'portal-elder-guide-materials.png') });

  // 朗读: the name, conditions, materials, time limit, fee and where to go, in Chinese, a little slower.
  await page.getByTestId('read-aloud').click();
  await expect(page.getByTestId('read-aloud-stop')).toBeVisible();
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  expect(spoken.length).toBeGreaterThan(0);
  expect(spoken.every((s) => s.startsWith('zh-CN|0.9|'))).toBe(true);
  const text = spoken.map((s) => s.split('|').slice(2).join('|')).join('');
  const name = (await page.getByTestId('guide-name').textContent())!;
  expect(text).toContain(`办事指南：${name}`);
  for (const part of ['办理条件', '要带的材料', '第1项', '办理时限', '收费', '到哪里办']) expect(text).toContain(part);
  await page.getByTestId('read-aloud-stop').click();
  await expect(page.getByTestId('read-aloud')).toBeVisible();

  // The sign-in page follows the setting (the workbench and the agent app never do).
  await page.goto('/login');
  await expect(page.getByRole('textbox', { name: '账号' })).toBeVisible();
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.ant-app')!).fontSize))).toBeGreaterThanOrEqual(18);
  expect((await page.locator('.ant-input-affix-wrapper').first().boundingBox())!.height).toBeGreaterThanOrEqual(48);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-elder-login', { fullPage: false });

  // Back to the standard size from any portal page.
  await page.goto('/portal/centers');
  await page.getByTestId('elder-switch').click();
  await expect(page.getByTestId('elder-switch')).toHaveText('长辈模式');
  expect((await fontSizes(page)).base).toBe(14);
});

test('no 朗读 button where the browser cannot speak', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as unknown as { speechSynthesis?: unknown }).speechSynthesis;
    Object.defineProperty(window, 'speechSynthesis', { value: undefined });
  });
  await page.goto('/portal/search?q=低保');
  await page.getByTestId('item-card').first().click();
  await expect(page.getByTestId('guide-name')).toBeVisible();
  await expect(page.getByTestId('read-aloud')).toHaveCount(0);
});

test('消息: the unread badge, opening a message marks it read, 全部已读 clears the badge', async ({ page }) => {
  await login(page, 'citizen');
  await page.goto('/portal');
  const badge = page.getByTestId('unread-badge');
  await expect(badge).toHaveText(/^\d+$/);
  const unread = Number(await badge.textContent());
  expect(unread).toBeGreaterThan(0);

  await page.locator('.bm-portal-tabbar').getByText('消息').click();
  await expect(page).toHaveURL(/\/portal\/messages$/);
  await expect(page.getByRole('heading', { name: '我的消息' })).toBeVisible();
  await expect(page.getByText(`${unread} 条未读`)).toBeVisible();
  const first = page.getByTestId('message').and(page.locator('.unread')).first();
  await expect(first.getByRole('link', { name: /查看办件/ })).toHaveAttribute('href', /^\/portal\/me\/cases\/[0-9a-f-]{36}$/);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-messages', { fullPage: false });

  await first.locator('.bm-message-head').click();
  await expect(page.getByText(unread - 1 > 0 ? `${unread - 1} 条未读` : '没有未读消息')).toBeVisible();
  if (unread - 1 > 0) await expect(badge).toHaveText(String(unread - 1));

  await page.getByRole('button', { name: /全部已读/ }).click();
  await expect(page.getByText('没有未读消息')).toBeVisible();
  await expect(badge).toHaveCount(0);
  await expect(page.locator('.bm-message.unread')).toHaveCount(0);
  // The server agrees.
  const res = await page.request.get('/api/notifications');
  expect(((await res.json()) as { unread: number }).unread).toBe(0);

  // The same page in 长辈模式.
  await page.getByTestId('elder-switch').click();
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-elder-messages', { fullPage: false });
});

test('找服务中心: grouped by township, search, tap to call, a center with its windows and items', async ({ page }) => {
  await page.goto('/portal');
  await page.getByRole('link', { name: /找服务中心/ }).click();
  await expect(page).toHaveURL(/\/portal\/centers$/);
  await expect(page.getByRole('heading', { name: '找服务中心' })).toBeVisible();
  const groups = page.locator('.bm-center-group h2');
  await expect(groups.first()).toContainText('县级');
  await expect(page.locator('.bm-center-group').filter({ hasText: '青山镇' })).toBeVisible();
  const countyCard = page.getByTestId('center-card').filter({ hasText: '示范县政务服务中心' });
  await expect(countyCard.locator('a[href^="tel:"]')).toHaveAttribute('href', /^tel:0399\d+$/);
  await expect(countyCard).toContainText(/可办事项 \d+ 项 · 窗口 11 个/);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-centers', { fullPage: false });

  await page.getByLabel('搜索服务中心').fill('河西');
  await expect(page.locator('.bm-center-group')).toHaveCount(1);
  await expect(page.locator('.bm-center-group h2')).toContainText('河西镇');
  await expect(page.getByText(/找到 \d+ 个/)).toBeVisible();

  await page.getByLabel('搜索服务中心').fill('青山镇便民');
  await page.getByTestId('center-card').filter({ hasText: '青山镇便民服务中心' }).locator('.bm-center-main').click();
  await expect(page.getByTestId('center-name')).toHaveText('青山镇便民服务中心');
  await expect(page.getByTestId('window')).toHaveCount(6);
  await expect(page.getByTestId('window').first()).toContainText('1号');
  await expect(page.locator('.bm-center-calls a[href^="tel:"]').first()).toBeVisible();
  await expect(page.getByText('青山镇社会事务办公室')).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-center', { fullPage: false });
  await page.getByRole('button', { name: /查看这里能办的 \d+ 项事/ }).click();
  await expect(page.getByTestId('item-card').first()).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);

  // 长辈模式 on the directory.
  await page.getByTestId('elder-switch').click();
  await page.goto('/portal/centers');
  await expect(page.getByTestId('center-card').first()).toBeVisible();
  const sizes = await fontSizes(page);
  expect(sizes.base).toBeGreaterThanOrEqual(18);
  expect(sizes.smallest, sizes.smallestText).toBeGreaterThanOrEqual(16);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-elder-centers', { fullPage: false });
});
