import { expect, test } from '@playwright/test';
import { login, pickWindow, shot } from './helpers';

/**
 * Journey: two visitors take tickets at 青山镇's kiosk endpoint (one elderly by ID number); the 青山镇
 * clerk opens 窗口叫号, signs in to window 1, calls — the elderly ticket comes first — starts and
 * finishes service. Needs the demo seed's service categories (queue seed).
 */
test('window console: sign in, call the priority ticket, serve it', async ({ page }) => {
  await login(page, 'town.clerk');
  const wins = (await (await page.request.get('/api/queue/my-windows')).json()) as { items: { id: string; centerId: string; centerName: string; number: number }[] };
  const w1 = wins.items.find((w) => w.number === 1 && w.centerName === '青山镇便民服务中心')!;
  const cats = (await (await page.request.get(`/api/queue/centers/${w1.centerId}/categories`)).json()) as { items: { id: string; name: string }[] };
  const cat = cats.items.find((c) => c.name === '社会事务')!;
  const headers = { 'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'csrf')?.value ?? '' };
  const ordinary = await page.request.post(`/api/queue/centers/${w1.centerId}/tickets`, { data: { categoryId: cat.id }, headers });
  expect(ordinary.status(), await ordinary.text()).toBe(200);
  const elder = await page.request.post(`/api/queue/centers/${w1.centerId}/tickets`, { data: { categoryId: cat.id, idNumber: '13992119500301001X' }, headers });
  expect(elder.status(), await elder.text()).toBe(200);
  const elderCode = (await elder.json()).code as string;

  await page.goto('/workbench/hall/console');
  await pickWindow(page, /^(青山镇便民服务中心 · )?1号 /);
  // Signed in already when this journey ran before on this server; otherwise sign in now.
  await expect(page.getByRole('button', { name: /^签\s*(到|退)$/ })).toBeVisible();
  const signIn = page.getByRole('button', { name: /^签\s*到$/ });
  if (await signIn.isVisible()) await signIn.click();
  await expect(page.getByRole('button', { name: /^签\s*退$/ })).toBeVisible();
  await page.getByRole('button', { name: /^叫\s*号$/ }).click();
  await expect(page.getByTestId('current-code')).toHaveText(elderCode);
  await expect(page.getByText(/绿色通道 · 老年人/)).toBeVisible();
  await shot(page, 'workbench-hall-console-called');
  await page.getByRole('button', { name: '开始办理' }).click();
  await expect(page.getByText('办理中', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '办理完毕' }).click();
  await expect(page.getByText('点“叫号”呼叫下一位')).toBeVisible();
  await shot(page, 'workbench-hall-console-idle');
});

test('取号规则: the 青山镇 director sees the categories and the priority rules', async ({ page }) => {
  await login(page, 'town.director');
  await page.goto('/workbench/hall/queue-settings');
  await expect(page.getByRole('cell', { name: '社会事务' })).toBeVisible();
  await expect(page.getByLabel(/老年人优先年龄/)).toHaveValue('65');
  await expect(page.getByRole('link', { name: /打开叫号屏/ })).toHaveAttribute('href', /^\/hall\/[0-9a-f-]{36}\/screen$/);
  await expect(page.getByRole('link', { name: /打开取号机/ })).toHaveAttribute('href', /^\/hall\/[0-9a-f-]{36}\/kiosk$/);
  await shot(page, 'workbench-hall-queue-settings');
});
