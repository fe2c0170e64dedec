import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { TOTP } from 'otpauth';

/** Demo accounts seeded on an empty database (see src/modules/seed). */
export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_TOTP_SECRET = 'KBIANMINDEMOTOTPKBIANMINDEMOTOTP';
export const ADMINS = new Set(['sysadmin', 'secadmin', 'auditor']);

export const totp = (): string => new TOTP({ secret: DEMO_TOTP_SECRET, digits: 6, period: 30, algorithm: 'SHA1' }).generate();

export const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

/**
 * Save a screenshot to e2e/artifacts. Full page by default; `fullPage: false` for phone pages, whose
 * fixed tab bar would otherwise be drawn in the middle of a stitched full-page image.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  // Let antd finish its enter animations so the screenshot shows the settled page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/** Sign in through the login page (with the 动态验证码 step for administrators). */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: '账号' }).fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();
  if (ADMINS.has(username)) {
    await expect(page.getByLabel('动态验证码')).toBeVisible();
    await page.getByLabel('动态验证码').fill(totp());
    await page.getByRole('button', { name: '验证并登录' }).click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Sign in through the API (the request context keeps the cookies); returns the CSRF header. */
export async function apiLogin(request: APIRequestContext, username: string): Promise<Record<string, string>> {
  // Signing in again on a context that already holds a session is a state change of that session:
  // it needs the CSRF header like any other.
  const before = (await request.storageState()).cookies.find((c) => c.name === 'csrf')?.value;
  const res = await request.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD, ...(ADMINS.has(username) ? { totp: totp() } : {}) },
    headers: before ? { 'x-csrf-token': before } : {},
  });
  expect(res.status(), await res.text()).toBe(200);
  const state = await request.storageState();
  const csrf = state.cookies.find((c) => c.name === 'csrf')?.value ?? '';
  return { 'x-csrf-token': csrf };
}

/** No element wider than the viewport: the page must not scroll sideways. */
export async function expectNoHorizontalOverflow(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

/**
 * Every journey signs in several accounts from one IP within a minute; the demo policy allows 30 login
 * attempts per IP and 10 per account per minute. The security administrator raises those limits for
 * the test run (a normal 安全策略 change, audited like any other), so parallel journeys are not throttled.
 */
export async function relaxLoginRateLimit(playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } }, baseURL: string): Promise<void> {
  const request = await playwright.request.newContext({ baseURL });
  try {
    const headers = await apiLogin(request, 'secadmin');
    const current = await request.get('/api/security/settings');
    expect(current.status()).toBe(200);
    const settings = (await current.json()) as { rateLimit: { loginPerIpPerMinute: number; loginPerAccountPerMinute: number } };
    if (settings.rateLimit.loginPerIpPerMinute >= 1000 && settings.rateLimit.loginPerAccountPerMinute >= 100) return;
    // The maxima the policy allows: the journeys sign the same demo accounts in many times a minute.
    settings.rateLimit.loginPerIpPerMinute = 1000;
    settings.rateLimit.loginPerAccountPerMinute = 100;
    const res = await request.put('/api/security/settings', { data: settings, headers });
    expect(res.status(), await res.text()).toBe(200);
    await request.post('/api/auth/logout', { headers });
  } finally {
    await request.dispose();
  }
}

/**
 * Pick an option of an antd TreeSelect: open it, click the tree item, and retry until the select
 * shows the choice (a click during the dropdown's open animation can land on nothing).
 */
export async function pickTreeOption(page: Page, label: Locator, itemText: string, shownText: string): Promise<void> {
  // The labelled element is the select's search input; the select is its nearest .ant-select ancestor.
  const select = label.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await expect(async () => {
    await label.click();
    const item = page.getByRole('tree').getByRole('treeitem').filter({ hasText: itemText }).first();
    await expect(item).toBeVisible({ timeout: 2_000 });
    await item.click();
    await expect(select).toContainText(shownText, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * 窗口叫号: choose my window in the 我的窗口 select (an option of the open dropdown, not the select's
 * own shown value, which carries the same title once the window is already chosen) and wait until the
 * select shows it.
 */
export async function pickWindow(page: Page, title: RegExp): Promise<void> {
  const select = page.locator('.ant-select').filter({ has: page.getByLabel('我的窗口') });
  await expect(async () => {
    await page.getByLabel('我的窗口').click();
    const option = page.locator('.ant-select-item-option').and(page.getByTitle(title));
    await expect(option).toBeVisible({ timeout: 2_000 });
    await option.click();
    await expect(select.locator('.ant-select-content')).toHaveAttribute('title', title, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Sign out from the workbench's user menu and wait for /login (the app leaves once the server has
 * ended the session). Retried: a click during the dropdown's opening animation can land on nothing.
 */
export async function signOutOfWorkbench(page: Page): Promise<void> {
  const item = page.getByRole('menuitem', { name: '退出登录' });
  await expect(async () => {
    if (new URL(page.url()).pathname.startsWith('/login')) return; // an earlier click got through
    if (!(await item.isVisible())) await page.locator('.bm-wb-user').click({ timeout: 2_000 });
    await item.click({ timeout: 2_000 });
    await expect(page).toHaveURL(/\/login/, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}
