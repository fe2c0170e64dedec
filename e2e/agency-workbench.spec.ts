import { expect, test } from '@playwright/test';
import { login, relaxLoginRateLimit, shot } from './helpers';

/**
 * The township manages its villages' agency (便民代办) in the workbench: the agents with this month's
 * counts and their training records, the agents' matters with the late ones, and the monthly ledger
 * with its Excel export and printable PDF. Runs on the freshly seeded demo county.
 */

test.beforeAll(async ({ playwright, baseURL }) => {
  await relaxLoginRateLimit(playwright, baseURL!);
});

test('代办员: agents of my villages, training records added and removed', async ({ page }) => {
  await login(page, 'town.director');
  await page.goto('/workbench');
  const menu = page.getByRole('menu');
  await expect(menu.getByText('代办员')).toBeVisible();
  await expect(menu.getByText('代办件')).toBeVisible();
  await expect(menu.getByText('代办台账')).toBeVisible();
  await menu.getByText('代办员').click();
  await expect(page).toHaveURL(/\/workbench\/agency\/agents$/);
  const row = page.getByRole('row', { name: /王秀英/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('青山村便民服务室');
  // Only 青山镇's villages: 河西's agent is not listed.
  await expect(page.getByRole('row', { name: /马兰/ })).toHaveCount(0);
  await shot(page, 'agency-agents');

  await row.click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByText('代办员 王秀英')).toBeVisible();
  await expect(drawer.getByText('村级代办员岗前培训')).toBeVisible();
  await drawer.getByRole('button', { name: '登记培训' }).click();
  const dialog = page.getByRole('dialog', { name: /登记培训/ });
  await dialog.getByLabel('培训内容').fill('一次性告知答复与结果移交操作培训');
  await dialog.getByLabel('学时（小时）').fill('2.5');
  await dialog.getByRole('button', { name: /登\s*记/ }).click();
  await expect(dialog).toBeHidden();
  await expect(drawer.getByText('一次性告知答复与结果移交操作培训')).toBeVisible();
  await shot(page, 'agency-agent-drawer', { fullPage: false });
  await drawer.getByRole('button', { name: '删除培训 一次性告知答复与结果移交操作培训' }).click();
  await page.getByRole('button', { name: /删\s*除/ }).last().click();
  await expect(drawer.getByText('一次性告知答复与结果移交操作培训')).toHaveCount(0);
});

test('代办件: late matters highlighted with the working days late, the case one click away', async ({ page }) => {
  await login(page, 'town.clerk');
  await page.goto('/workbench/agency/mandates');
  await expect(page.getByRole('heading', { name: '代办件' })).toBeVisible();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await shot(page, 'agency-mandates', { fullPage: false });

  await page.getByTestId('tab-late').click();
  await expect(page).toHaveURL(/tab=late/);
  const late = page.locator('.ant-table-row.bm-agency-late');
  await expect(late.first()).toBeVisible();
  await expect(late.first()).toContainText(/逾期 \d+ 个工作日/);
  // The late list replaces the full one (which has late rows too) once it has loaded.
  await expect(page.locator('.ant-table-row:not(.bm-agency-late)')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /吴长林/ })).toContainText('已逾期');
  await shot(page, 'agency-mandates-late');

  await page.getByTestId('tab-all').click();
  const submitted = page.locator('.ant-table-row', { has: page.locator('[data-mandate-status="handed_over"]') }).first();
  await submitted.click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByText('委托书、材料照片与领取确认')).toBeVisible();
  await expect(drawer.locator('img').first()).toBeVisible();
  await expect(drawer.locator('.bm-agency-file', { hasText: '领取确认' })).toBeVisible();
  await shot(page, 'agency-mandate-drawer', { fullPage: false });
  const caseLink = drawer.locator('a.bm-case-no');
  const caseNo = (await caseLink.textContent())!.trim();
  await caseLink.click();
  await expect(page).toHaveURL(/\/workbench\/cases\//);
  await expect(page.getByText(caseNo).first()).toBeVisible();
  await expect(page.getByText('代办员移交结果').first()).toBeVisible();
});

test('代办台账: month, village filter, Excel export and the printable ledger', async ({ page }) => {
  await login(page, 'town.clerk');
  await page.goto('/workbench/agency/ledger');
  await expect(page.getByRole('heading', { name: '代办台账' })).toBeVisible();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await page.getByLabel('村（社区）').click();
  await page.locator('.ant-select-item-option', { hasText: '青山村便民服务室' }).click();
  await expect(page).toHaveURL(/villageCenterId=/);
  await expect(page.locator('.ant-table-row').first()).toContainText('青山村便民服务室');
  await shot(page, 'agency-ledger');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^青山村便民服务室 代办台账（\d{4}年\d{1,2}月）\.xlsx$/);

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: /打印台账/ }).click()]);
  await expect(popup).toHaveURL(/\/api\/agency\/ledger\.pdf\?month=\d{4}-\d{2}&villageCenterId=/);
  const pdf = await page.request.get(popup.url());
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
