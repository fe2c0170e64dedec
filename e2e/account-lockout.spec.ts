import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Repeated wrong passwords lock an account with a clear Chinese message; the security administrator
 * sees the lock in 角色授权 and unlocks it; then the owner signs in again.
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

test('a locked account is explained, and the security administrator unlocks it', async ({ page, browser }) => {
  const victim = 'hexi.approver';
  await page.goto('/login');
  await page.getByRole('textbox', { name: '账号' }).fill(victim);
  const alert = page.getByRole('alert');
  for (let i = 0; i < 8; i++) {
    await page.getByLabel('密码').fill(`Wrong#${i}pass`);
    await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();
    await expect(alert).toBeVisible();
    if (/锁定/.test(await alert.innerText())) break;
  }
  await expect(alert).toContainText('锁定');
  await expect(alert).toContainText(/\d{2}:\d{2}/);
  await shot(page, 'login-locked');

  // Even the right password is refused while locked.
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();
  await expect(alert).toContainText('锁定');

  const admin = await browser.newPage();
  await login(admin, 'secadmin');
  await admin.goto('/workbench/grants');
  await admin.getByPlaceholder('按姓名或用户名搜索').fill(victim);
  await admin.getByPlaceholder('按姓名或用户名搜索').press('Enter');
  const row = admin.getByRole('row').filter({ hasText: victim });
  await expect(row).toContainText('已锁定');
  await row.click();
  await admin.getByRole('button', { name: '解锁账号' }).click();
  await admin.getByRole('button', { name: /^解\s*锁$/ }).click();
  await expect(admin.getByText(/已解锁/)).toBeVisible();
  await expect(admin.getByRole('row').filter({ hasText: victim })).not.toContainText('已锁定');
  await admin.close();

  await login(page, victim);
  await expect(page).toHaveURL(/\/workbench$/);
});
