import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiLogin, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey 2: scope in every query. A township clerk of 青山镇 opens a center of another township
 * (河西镇) by URL and is told it does not exist, exactly as for a missing record (404, not 403).
 */
interface TreeNode {
  id: string;
  name: string;
  level: string;
  centers: { id: string; name: string }[];
  children: TreeNode[];
}

function find(nodes: TreeNode[], name: string): TreeNode | undefined {
  for (const n of nodes) {
    if (n.name === name) return n;
    const hit = find(n.children, name);
    if (hit) return hit;
  }
  return undefined;
}

async function townshipCenterId(request: APIRequestContext, township: string): Promise<string> {
  await apiLogin(request, 'county.supervisor');
  const res = await request.get('/api/org/tree');
  expect(res.status()).toBe(200);
  const { roots } = (await res.json()) as { roots: TreeNode[] };
  const node = find(roots, township);
  expect(node, `${township} in the county tree`).toBeTruthy();
  expect(node!.centers.length).toBeGreaterThan(0);
  return node!.centers[0].id;
}

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

test('town.clerk cannot see a center of another township', async ({ page, request }) => {
  const hexiCenter = await townshipCenterId(request, '河西镇');
  const ownCenter = await townshipCenterId(request, '青山镇');

  await login(page, 'town.clerk');
  await page.goto(`/workbench/org/centers/${hexiCenter}`);
  await expect(page.getByText('未找到该服务中心')).toBeVisible();
  await expect(page.getByText('河西镇便民服务中心')).toHaveCount(0);
  await shot(page, 'org-center-not-found-town.clerk');

  // Their own township's hall opens normally, read-only (no edit buttons for a clerk).
  await page.goto(`/workbench/org/centers/${ownCenter}`);
  await expect(page.getByRole('tab', { name: /窗口/ })).toBeVisible();
  await expect(page.locator('.ant-card-head').filter({ hasText: '青山镇' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /编\s*辑/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '新建窗口' })).toHaveCount(0);
  // The tree only holds their own township.
  const tree = page.locator('.bm-org-tree-card');
  await expect(tree).toContainText('青山镇');
  await expect(tree).not.toContainText('河西镇');
});

test('sysadmin browses the org tree and sees the management buttons', async ({ page, request }) => {
  const county = await townshipCenterId(request, '示范县');
  await login(page, 'sysadmin');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '组织机构' }).click();
  await expect(page.getByText('组织机构概览')).toBeVisible();
  await page.goto(`/workbench/org/centers/${county}`);
  await expect(page.getByRole('tab', { name: /窗口/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /编\s*辑/ }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: '新建窗口' })).toBeVisible();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await shot(page, 'org-tree-center');

  // A region: breadcrumb, centers, sub-regions, and the create buttons.
  await page.locator('.bm-org-tree-card .ant-tree-node-content-wrapper').filter({ hasText: '乡镇（街道）' }).filter({ hasText: '青山镇' }).click();
  await expect(page).toHaveURL(/\/workbench\/org\/regions\//);
  await expect(page.getByRole('button', { name: '新建下级区划' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建服务中心' })).toBeVisible();
  await shot(page, 'org-tree-region');

  // The window dialog validates in Chinese before anything is sent.
  await page.goto(`/workbench/org/centers/${county}`);
  await page.getByRole('button', { name: '新建窗口' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('窗口名称').fill('');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog.getByText('请输入窗口名称')).toBeVisible();
  await dialog.getByLabel('窗口名称').fill('不动产登记窗口');
  await dialog.getByText('专业窗口').click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog.getByText('专业窗口须填写所属领域')).toBeVisible();
  await shot(page, 'org-window-dialog');
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
});
