import { expect, test } from '@playwright/test';
import { login, pickTreeOption, relaxLoginRateLimit, shot, signOutOfWorkbench } from './helpers';

/**
 * A new staff account: the system administrator creates it with an initial password; at first sign-in
 * the new clerk must change the password before anything else; then the workbench opens (no roles yet).
 */
function idNumber(seq: number): string {
  const first17 = `13992119900101${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

test('a new staff account must change its initial password at first sign-in', async ({ page }) => {
  const n = Math.floor(Math.random() * 900) + 100;
  const username = `e2e.clerk${n}`;
  await login(page, 'sysadmin');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '工作人员' }).click();
  await page.getByRole('button', { name: '新建工作人员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill('测试员');
  await dialog.getByLabel('身份证号码').fill(idNumber(n));
  await dialog.getByLabel('手机号码').fill(`1390000${String(n).padStart(4, '0')}`);
  await pickTreeOption(page, dialog.getByLabel('所属区划'), '青山镇乡镇（街道）', '青山镇');
  const password = await dialog.getByLabel('初始密码').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(12);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.locator('.ant-modal-confirm-title').filter({ hasText: '工作人员账号已创建' })).toBeVisible();
  await page.getByRole('button', { name: '知道了' }).click();
  // The confirmation's closing animation must be over, or its mask takes the next clicks.
  await expect(page.locator('.ant-modal-confirm')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: username })).toContainText('待改密');

  // Sign out, sign in as the new clerk: the password page comes first.
  await signOutOfWorkbench(page);
  await login(page, username, password);
  await expect(page).toHaveURL(/\/workbench\/password$/);
  await expect(page.getByText('请先修改密码')).toBeVisible();
  await page.goto('/workbench/org');
  await expect(page).toHaveURL(/\/workbench\/password$/);
  await shot(page, 'must-change-password');

  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await expect(page.getByText(/密码至少 \d+ 位/)).toBeVisible();
  await page.getByLabel('新密码', { exact: true }).fill('Qingshan#2026');
  await page.getByLabel('确认新密码').fill('Qingshan#2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page).toHaveURL(/\/workbench$/);
  await expect(page.getByText('您的账号尚未被授予任何角色')).toBeVisible();
});
