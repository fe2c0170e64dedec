import { expect, test } from '@playwright/test';
import { idNumberCheckChar } from '../src/modules/validate/validate.rules';
import { apiLogin, login, pickTreeOption, relaxLoginRateLimit, shot } from './helpers';

/**
 * The three administrators' own screens (三权分立): the security administrator grants roles and sees
 * a 三权分立 refusal explained; the audit administrator reads, expands and verifies the audit log;
 * the system administrator manages staff with masked personal data.
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

test('secadmin: a grant that breaks 三权分立 is refused with the reason', async ({ page }) => {
  await login(page, 'secadmin');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '角色授权' }).click();
  await page.getByPlaceholder('按姓名或用户名搜索').fill('town.clerk');
  await page.getByPlaceholder('按姓名或用户名搜索').press('Enter');
  await page.getByRole('row').filter({ hasText: 'town.clerk' }).click();
  await expect(page.locator('.ant-card').filter({ hasText: '授予角色' }).last()).toBeVisible();
  await expect(page.getByRole('cell', { name: '窗口受理员' }).last()).toBeVisible();

  // A window clerk may not also be the system administrator.
  const form = page.locator('.ant-card').filter({ hasText: '授予角色' }).last();
  await form.getByLabel('角色').click();
  await page.getByTitle('系统管理员').click();
  await pickTreeOption(page, form.getByLabel('管辖范围'), '示范县县（区）', '示范县');
  await form.getByRole('button', { name: /授\s*予/ }).click();
  await expect(page.getByText('授权被拒绝')).toBeVisible();
  await expect(page.getByText(/三权分立/).first()).toBeVisible();
  await shot(page, 'grants-separation-of-duties');

  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '安全策略' }).click();
  await expect(page.getByText('密码策略')).toBeVisible();
  await expect(page.getByLabel('最短长度')).toHaveValue(/\d+/);
  await shot(page, 'security-settings');
});

test('auditor: filter, expand and verify the audit log', async ({ page }) => {
  await login(page, 'auditor');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '审计日志' }).click();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  // Sign-ins are there (at least the auditor's own).
  await expect(page.locator('.ant-table-row').filter({ hasText: '登录' }).first()).toBeVisible();

  // Only failed or denied events.
  await page.getByLabel('结果').click();
  await page.getByTitle('拒绝').click();
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await expect(page.locator('.ant-table-row').filter({ hasText: '成功' })).toHaveCount(0);

  // Back to everything; expand the first row to read its details.
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await page.locator('.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
  await expect(page.locator('.bm-audit-detail').first()).toBeVisible();
  await shot(page, 'audit-log', { fullPage: false });

  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByText('审计链完整')).toBeVisible();
  await shot(page, 'audit-verify');
});

test('sysadmin: staff list shows only masked ID numbers and phones', async ({ page }) => {
  await login(page, 'sysadmin');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '工作人员' }).click();
  const row = page.getByRole('row').filter({ hasText: 'town.clerk' });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/\d{6}\*{8}\d{3}[\dX]/);
  await expect(row).toContainText(/1\d{2}\*{4}\d{4}/);
  await expect(page.getByRole('button', { name: '新建工作人员' })).toBeVisible();
  await shot(page, 'staff-list');

  await page.getByRole('button', { name: '新建工作人员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('身份证号码').fill('110105194912310021');
  await expect(dialog.getByText('身份证号码校验位不正确')).toBeVisible();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();

  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '部门站所' }).click();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await shot(page, 'departments');
});

test('secadmin: granting an admin role to a new account enrols its TOTP with a QR code shown once', async ({ page, playwright }, info) => {
  // The system administrator opens the account (accounts are theirs); the role is the security admin's.
  const request = await playwright.request.newContext({ baseURL: info.project.use.baseURL! });
  const headers = await apiLogin(request, 'sysadmin');
  const county = ((await (await request.get('/api/org/regions?level=county')).json()) as { items: { id: string }[] }).items[0];
  const serial = String(Date.now() % 1000).padStart(3, '0');
  const id17 = `13992119900101${serial}`;
  const username = `audit.new${serial}`;
  const created = await request.post('/api/org/staff', {
    headers,
    data: {
      username,
      displayName: '审计新人',
      phone: `1390099${String(Date.now() % 10000).padStart(4, '0')}`,
      idNumber: id17 + idNumberCheckChar(id17),
      homeRegionId: county.id,
      password: 'Start@2026x',
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  await request.dispose();

  await login(page, 'secadmin');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '角色授权' }).click();
  await page.getByPlaceholder('按姓名或用户名搜索').fill(username);
  await page.getByPlaceholder('按姓名或用户名搜索').press('Enter');
  await page.getByRole('row').filter({ hasText: username }).click();
  const form = page.locator('.ant-card').filter({ hasText: '授予角色' }).last();
  await form.getByLabel('角色').click();
  await page.getByTitle('审计管理员').click();
  await pickTreeOption(page, form.getByLabel('管辖范围'), '示范县县（区）', '示范县');
  await form.getByRole('button', { name: /授\s*予/ }).click();
  const qr = page.getByAltText('动态验证码绑定二维码');
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await shot(page, 'grants-totp-enrollment', { fullPage: false });
});
