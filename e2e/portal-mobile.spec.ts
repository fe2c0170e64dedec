import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoHorizontalOverflow, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey 3: a villager on a phone (375 × 812) opens the 网上办事大厅, signs in, and sees 我的 with
 * the ID number masked. No page may scroll sideways.
 */
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

test('the portal home loads only the shell, not the workbench', async ({ page }) => {
  const scripts: { url: string; bytes: number }[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) scripts.push({ url: r.url(), bytes: (await r.body()).length });
  });
  await page.goto('/portal');
  await expect(page.locator('.bm-tile').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const names = scripts.map((s) => s.url.split('/').pop()!);
  // No workbench screen or heavy table/tree/date code on the citizen's first load.
  for (const n of names) expect(n).not.toMatch(/^(WorkbenchLayout|AuditPage|GrantsPage|StaffPage|OrgPage|ImportPage|table|tree|select)-/);
  const total = scripts.reduce((a, s) => a + s.bytes, 0);
  // React + the antd core + the portal: under 900 kB before compression (about 250 kB gzipped).
  expect(total, names.join(', ')).toBeLessThan(900 * 1024);
});

test('citizen uses the portal on a phone', async ({ page }) => {
  // "/" is the portal.
  await page.goto('/');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { name: '网上办事大厅' })).toBeVisible();
  await expect(page.getByPlaceholder(/搜事项/)).toBeVisible();
  for (const theme of ['生育', '教育', '就业创业', '社会保障', '医疗', '养老', '残疾人', '住房', '农业农村', '婚姻', '身后事']) {
    await expect(page.locator('.bm-tile').filter({ hasText: theme })).toBeVisible();
  }
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-home-375', { fullPage: false });

  // A life event lists its items (e2e/portal-catalog.spec.ts covers the catalog in depth).
  await page.locator('.bm-tile').filter({ hasText: '社会保障' }).click();
  await expect(page.getByRole('heading', { name: '社会保障' })).toBeVisible();
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-life-event-375', { fullPage: false });

  // The search box opens the search page with the words in the URL.
  await page.goto('/portal');
  await page.getByPlaceholder(/搜事项/).fill('低保');
  await page.getByPlaceholder(/搜事项/).press('Enter');
  await expect(page).toHaveURL(/\/portal\/search\?q=%E4%BD%8E%E4%BF%9D$/);
  await expect(page.getByText(/找到 \d+ 个事项|没有找到/)).toBeVisible();

  // 我的 needs a login: the portal sends the guest to the login page and back.
  await page.locator('.bm-portal-tabbar').getByText('我的').click();
  await expect(page).toHaveURL(/\/login\?redirect=%2Fportal%2Fme/);
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'login-375', { fullPage: false });
  await page.getByRole('textbox', { name: '账号' }).fill('citizen');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();

  await expect(page).toHaveURL(/\/portal\/me$/);
  await expect(page.getByText('刘大山').first()).toBeVisible();
  const id = page.getByTestId('id-masked');
  await expect(id).toHaveText(/^\d{6}\*{8}\d{3}[\dX]$/);
  await expect(page.getByTestId('phone-masked')).toHaveText(/^1\d{2}\*{4}\d{4}$/);
  await expect(page.getByText('当前会话')).toBeVisible();
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-me-375', { fullPage: false });

  // Home now greets the signed-in citizen; the register page is not offered any more.
  await page.locator('.bm-portal-tabbar').getByText('首页').click();
  await expect(page.locator('.bm-portal-top')).toContainText('刘大山');
  await expectNoHorizontalOverflow(page, 375);

  // Sign out from 我的.
  await page.goto('/portal/me');
  await page.getByRole('button', { name: /退出登录/ }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.locator('.bm-portal-top')).toContainText('登录');
});

test('the register page checks the ID number as it is typed', async ({ page }) => {
  await page.goto('/portal/register');
  await expect(page.getByText('群众实名注册')).toBeVisible();
  const idInput = page.getByLabel('身份证号码');
  await idInput.fill('11010519491231002');
  await expect(page.getByText(/身份证号码应为18位/)).toBeVisible();
  await idInput.fill('110105194912310021'); // wrong check digit (the right one is X)
  await expect(page.getByText('身份证号码校验位不正确')).toBeVisible();
  await idInput.fill('11010519491231002X');
  await expect(page.getByText('身份证号码校验通过')).toBeVisible();
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'portal-register-375', { fullPage: false });
});
