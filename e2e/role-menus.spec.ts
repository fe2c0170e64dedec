import { expect, test } from '@playwright/test';
import { expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot, signOutOfWorkbench } from './helpers';

/**
 * Journey 1: every demo role signs in and sees exactly the menu its abilities allow
 * (三权分立: the system, security and audit administrators see disjoint admin screens).
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const ALL = ['首页', '组织机构', '部门站所', '工作人员', '批量导入', '角色授权', '安全策略', '审计日志'] as const;
type Item = (typeof ALL)[number];

const CASES: { user: string; name: string; role: string; menu: Item[] }[] = [
  { user: 'county.supervisor', name: '赵建国', role: '监察人员', menu: ['首页', '组织机构', '部门站所', '工作人员'] },
  { user: 'county.director', name: '钱文华', role: '中心主任', menu: ['首页', '组织机构', '部门站所', '工作人员'] },
  { user: 'county.clerk', name: '孙丽', role: '窗口受理员', menu: ['首页', '组织机构', '部门站所'] },
  { user: 'county.approver', name: '李明', role: '审批人员', menu: ['首页', '组织机构', '部门站所'] },
  { user: 'town.director', name: '周国强', role: '中心主任', menu: ['首页', '组织机构', '部门站所', '工作人员'] },
  { user: 'town.clerk', name: '吴静', role: '窗口受理员', menu: ['首页', '组织机构', '部门站所'] },
  { user: 'town.approver', name: '郑涛', role: '审批人员', menu: ['首页', '组织机构', '部门站所'] },
  { user: 'village.agent', name: '王秀英', role: '代办员', menu: ['首页', '组织机构'] },
  { user: 'sysadmin', name: '陈志远', role: '系统管理员', menu: ['首页', '组织机构', '部门站所', '工作人员', '批量导入'] },
  { user: 'secadmin', name: '林安平', role: '安全管理员', menu: ['首页', '组织机构', '工作人员', '角色授权', '安全策略'] },
  { user: 'auditor', name: '黄审言', role: '审计管理员', menu: ['首页', '审计日志'] },
];

for (const c of CASES) {
  test(`${c.user} sees the ${c.role} menu`, async ({ page }) => {
    await login(page, c.user);
    // Agents land in their own app (/agent); the workbench is still theirs to open.
    await expect(page).toHaveURL(c.user === 'village.agent' ? /\/agent$/ : /\/workbench$/);
    if (c.user === 'village.agent') await page.goto('/workbench');
    const sider = page.locator('.bm-wb-sider');
    for (const item of ALL) {
      const entry = sider.getByRole('menuitem', { name: item });
      if (c.menu.includes(item)) await expect(entry, `${c.user} should see ${item}`).toBeVisible();
      else await expect(entry, `${c.user} should not see ${item}`).toHaveCount(0);
    }
    // Header: the user's name and role with its scope.
    const header = page.locator('.bm-wb-header');
    await expect(header).toContainText(c.name);
    await expect(header).toContainText(c.role);
    // Home: the role summary.
    await expect(page.getByText('我的角色')).toBeVisible();
    await expect(page.locator('.ant-card').filter({ hasText: '我的角色' })).toContainText(c.role);
    await expectNoHorizontalOverflow(page, page.viewportSize()!.width);
    await shot(page, `workbench-home-${c.user}`);

    // The user menu offers 修改密码 / 我的会话 / 退出登录, and signing out returns to the login page.
    await page.locator('.bm-wb-user').click();
    await expect(page.getByRole('menuitem', { name: '修改密码' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '我的会话' })).toBeVisible();
    await signOutOfWorkbench(page);
  });
}

test('the citizen signs in to the portal, not the workbench', async ({ page }) => {
  await login(page, 'citizen');
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto('/workbench');
  await expect(page.getByText('工作台仅供工作人员使用')).toBeVisible();
});

test('a stranger is sent to the login page, and unknown pages say 404', async ({ page }) => {
  await page.goto('/workbench/audit');
  await expect(page).toHaveURL(/\/login\?redirect=%2Fworkbench%2Faudit/);
  await expect(page.getByText('账号登录')).toBeVisible();
  await shot(page, 'login');
  await page.goto('/no/such/page');
  await expect(page.getByText('页面不存在', { exact: true })).toBeVisible();
});

test('wrong password shows the server message in Chinese', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('textbox', { name: '账号' }).fill('town.clerk');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();
  await expect(page.getByRole('alert')).toContainText(/用户名或密码|密码/);
});

test('an administrator must enter the 动态验证码', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('textbox', { name: '账号' }).fill('auditor');
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: /^(loading )?登\s*录$/ }).click();
  await expect(page.getByLabel('动态验证码')).toBeVisible();
  await shot(page, 'login-totp');
  await page.getByLabel('动态验证码').fill('000000');
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page.locator('.ant-alert-error')).toContainText('动态验证码');
  await expect(page).toHaveURL(/\/login/);
});
