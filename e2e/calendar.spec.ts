import { expect, test } from '@playwright/test';
import { login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey: the system administrator keeps the working-day calendar. 2026 is seeded from the official
 * schedule (National Day with its working Saturday); a year nobody imported is refused for deadlines;
 * the demo county carries a provisional next year, which the administrator replaces by importing the
 * year through the dialog (here a SAMPLE schedule, not the official one).
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const SAMPLE_2027 = ['# 示例（非官方）', '2027-01-01 节假日 元旦', '2027-02-06~2027-02-12 节假日 春节', '2027-02-20 上班 春节'].join('\n');
const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

test('sysadmin sees 2026 National Day, imports a 2027 schedule, and deadlines into 2027 work', async ({ page }) => {
  // A year nobody imported (the demo only pre-sets next year) is refused, never guessed.
  const far = thisYear + 2;
  const refused = await page.request.get(`/api/calendar/due?from=${far - 1}-12-29&days=5`);
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', message: expect.stringContaining(`${far} 年的工作日历尚未导入`) });

  await login(page, 'sysadmin');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '工作日历' }).click();
  await expect(page).toHaveURL(/\/workbench\/calendar$/);

  // 2026: National Day and Mid-Autumn are holidays, 10/10 is a working Saturday.
  await page.getByLabel('年份').click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^2026 年$/ }).click();
  await expect(page.getByRole('button', { name: '2026-10-01 节假日 国庆节' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2026-09-25 节假日 中秋' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2026-10-10 调休上班 国庆节' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2026-10-11 休息日' })).toBeVisible();
  await expect(page.getByText('完整，可用于计算期限')).toBeVisible();
  await shot(page, 'calendar-2026');

  // Import 2027 through the dialog: check first, then confirm.
  await page.getByRole('button', { name: '导入年度日历' }).click();
  const dialog = page.getByRole('dialog', { name: '导入年度工作日历' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('年份').fill('2027');
  await dialog.getByLabel('依据').fill('示例日程（e2e）');
  await dialog.getByLabel('节假日和调休安排').fill(SAMPLE_2027);
  await expect(dialog.getByText('已识别 9 天')).toBeVisible();
  await expect(dialog.getByRole('button', { name: /确认导入/ })).toBeDisabled();
  await dialog.getByRole('button', { name: /校\s*验/ }).click();
  await expect(dialog.getByText('校验通过，尚未保存')).toBeVisible();
  await expect(dialog.locator('.ant-descriptions-item').filter({ hasText: '节假日' })).toContainText('8 天');
  await expect(dialog.locator('.ant-descriptions-item').filter({ hasText: '调休上班' })).toContainText('1 天');
  await shot(page, 'calendar-import-check');
  await dialog.getByRole('button', { name: /确认导入/ }).click();
  await expect(page.locator('.ant-message').getByText('2027 年工作日历已导入')).toBeVisible();
  await expect(dialog).toBeHidden();

  // The page now shows 2027 with the imported days; the banner about 2027 is gone.
  await expect(page.getByRole('button', { name: '2027-02-20 调休上班 春节' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2027-02-08 节假日 春节' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2027-02-13 休息日' })).toBeVisible();
  if (thisYear + 1 === 2027) await expect(page.getByText('2027 年工作日历尚未导入')).toHaveCount(0);

  // Edit one day: 2027-04-30 becomes a holiday.
  await page.getByRole('button', { name: '2027-04-30 工作日' }).click();
  const edit = page.getByRole('dialog', { name: /修改 2027-04-30/ });
  await edit.getByText('节假日', { exact: true }).click();
  await edit.getByLabel('节日名称').fill('劳动节');
  await edit.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('button', { name: '2027-04-30 节假日 劳动节' })).toBeVisible();
  await expect(page.getByText('1 天经管理员修改')).toBeVisible();
  await shot(page, 'calendar-2027');

  // Deadlines into 2027 are computed now.
  const due = await page.request.get('/api/calendar/due?from=2026-12-30&days=5');
  expect(due.status()).toBe(200);
  expect(await due.json()).toEqual({ due: '2027-01-07' });
  expect(await (await page.request.get('/api/calendar/workdays?from=2027-04-29&to=2027-05-03')).json()).toEqual({ workdays: 1 });
});
