import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ARTIFACTS, expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Issue 4, the citizen's side of the service item catalog on a phone (375 × 812): choose 我的所在地,
 * search the way villagers type (dibao, 盖房, one wrong character), read the 办事指南 and print it.
 */
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const WIDTH = 375;

/** Choose 我的所在地 in the picker: township, then village. */
async function choosePlace(page: Page, township: string, village: string): Promise<void> {
  await page.getByTestId('place-bar').first().click();
  const drawer = page.locator('.bm-place-drawer');
  await drawer.getByRole('listitem').filter({ hasText: new RegExp(`^${township}$`) }).click();
  await drawer.getByRole('listitem').filter({ hasText: new RegExp(`^${village}$`) }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('place-bar').first()).toContainText(village);
}

/** Start a page with 我的所在地 already remembered (as after an earlier visit). */
async function rememberPlace(page: Page, request: APIRequestContext, name: string): Promise<string> {
  const res = await request.get('/api/catalog/regions');
  expect(res.status()).toBe(200);
  const { regions } = (await res.json()) as { regions: { id: string; name: string }[] };
  const id = regions.find((r) => r.name === name)!.id;
  await page.addInitScript((regionId) => localStorage.setItem('bm.portal.regionId', regionId), id);
  return id;
}

const searchBox = (page: Page) => page.getByLabel('搜索办事事项');

test('a villager finds 低保 by typing dibao, reads the guide and prints it as a PDF', async ({ page }, info) => {
  await page.goto('/portal');
  await expect(page.getByPlaceholder('搜事项，如：低保、dibao、盖房')).toBeVisible();
  await choosePlace(page, '青山镇', '青山村');
  // Topic tiles carry counts for the chosen place.
  await expect(page.locator('.bm-tile').filter({ hasText: '社会保障' })).toContainText(/\d+ 项/);
  await expect(page.locator('.bm-tile').filter({ hasText: '开办' })).toBeVisible();
  await expect(page.locator('.bm-where')).toContainText('青山村');
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-catalog-home-375', { fullPage: false });

  await searchBox(page).fill('dibao');
  await searchBox(page).press('Enter');
  await expect(page).toHaveURL(/\/portal\/search\?q=dibao$/);
  const card = page.getByTestId('item-card').filter({ hasText: '最低生活保障审核确认' }).first();
  await expect(card).toBeVisible();
  await expect(card).toContainText(/承诺时限：(即办|\d+ 个工作日)/);
  await expect(card.locator('.bm-visits')).toHaveText(/不用跑|最多跑[12]次/);
  await expect(page.locator('.bm-group-title').first()).toHaveText(/村里就能办|镇上办|县里办/);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-catalog-search-375', { fullPage: false });

  await card.click();
  await expect(page).toHaveURL(/\/portal\/items\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('guide-name')).toHaveText('最低生活保障审核确认');
  await expect(page.locator('.bm-guide-top .bm-visits.big')).toBeVisible();
  for (const title of ['在哪儿办', '受理条件', '申请材料', '办理流程', '基本信息', '设定依据', '办理地点和时间']) {
    await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('material').first()).toBeVisible();
  await expect(page.locator('.bm-places li').first()).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-catalog-guide-375', { fullPage: false });
  await page.locator('#guide-materials').scrollIntoViewIfNeeded();
  await page.locator('#guide-materials').screenshot({ path: join(ARTIFACTS, 'portal-catalog-guide-materials-375.png') });
  await expectNoHorizontalOverflow(page, WIDTH);

  // A blank form or filled sample, when the item has one, downloads.
  const form = page.locator('.bm-file-link').first();
  if (await form.count()) {
    const res = await page.request.get((await form.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect((await res.body()).length).toBeGreaterThan(100);
  }

  // The printable guide: a real PDF whose first page renders and whose text names the item.
  const pdfLink = page.getByRole('link', { name: /下载打印版办事指南（PDF）/ }).first();
  await expect(pdfLink).toHaveAttribute('href', /\/api\/catalog\/items\/[0-9a-f-]{36}\/guide\.pdf\?regionId=[0-9a-f-]{36}$/);
  const downloadPromise = page.waitForEvent('download');
  await pdfLink.click();
  const download = await downloadPromise;
  const pdfPath = info.outputPath('guide.pdf');
  await download.saveAs(pdfPath);
  expect(statSync(pdfPath).size).toBeGreaterThan(10_000);
  const pngPrefix = info.outputPath('guide-page');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, pngPrefix]);
  const png = readdirSync(info.outputDir).find((f) => f.startsWith('guide-page') && f.endsWith('.png'));
  expect(png, 'pdftoppm wrote page 1').toBeTruthy();
  expect(statSync(join(info.outputDir, png!)).size).toBeGreaterThan(5_000);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('最低生活保障审核确认');
});

test('everyday words, a wrong character and typing without pressing search', async ({ page, request }) => {
  await rememberPlace(page, request, '青山村');
  await page.goto('/portal/search');
  await expect(page.getByText('大家都在搜')).toBeVisible();

  // 盖房 is not in any official name: the search says which words it looked for instead.
  await searchBox(page).fill('盖房');
  await expect(page).toHaveURL(/\?q=%E7%9B%96%E6%88%BF$/); // the URL follows the box after a pause
  await expect(page.getByTestId('item-card').filter({ hasText: '农村村民宅基地审批' }).first()).toBeVisible();
  await expect(page.getByTestId('expansions')).toContainText(/已为您查找：.*宅基地/);
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-catalog-search-gaifang-375', { fullPage: false });

  // One wrong character (樟 for 障) still finds it.
  await searchBox(page).fill('最低生活保樟');
  await expect(page.getByTestId('item-card').filter({ hasText: '最低生活保障审核确认' }).first()).toBeVisible();

  // Nothing found: the page says so and how to search better.
  await searchBox(page).fill('zzzqqq');
  await expect(page.getByText('没有找到与“zzzqqq”有关的事项')).toBeVisible();
  await expect(page.getByText(/可以打拼音或首字母/)).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);

  // A link with ?q= (a shared or bookmarked search) fills the box and searches.
  await page.goto('/portal/search?q=%E4%BD%8E%E4%BF%9D');
  await expect(searchBox(page)).toHaveValue('低保');
  await expect(page.getByTestId('item-card').filter({ hasText: '最低生活保障审核确认' }).first()).toBeVisible();
});

test('browse by topic, level and department; a signed-in citizen starts from their home village', async ({ page }) => {
  await login(page, 'citizen');
  await page.goto('/portal');
  // 刘大山 lives in 青山村: no need to choose.
  await expect(page.getByTestId('place-bar')).toContainText('青山村');

  await page.locator('.bm-tile').filter({ hasText: '社会保障' }).click();
  await expect(page.getByRole('heading', { name: '社会保障' })).toBeVisible();
  await expect(page.getByTestId('item-card').filter({ hasText: '最低生活保障审核确认' }).first()).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-catalog-topic-375', { fullPage: false });

  await page.goto('/portal');
  await page.locator('.bm-where').getByText('我的村').click();
  await expect(page).toHaveURL(/\/portal\/catalog\?level=village$/);
  await expect(page.getByRole('heading', { name: '青山村能办的事' })).toBeVisible();
  await expect(page.getByTestId('item-card').first()).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);
  await shot(page, 'portal-catalog-village-375', { fullPage: false });

  // All levels, page by page.
  await page.locator('.bm-level-switch').getByText('全部').click();
  await expect(page).toHaveURL(/\/portal\/catalog$/);
  await expect(page.getByTestId('item-card').first()).toBeVisible();
  const more = page.getByRole('button', { name: /加载更多/ });
  if (await more.isVisible()) {
    const before = await page.getByTestId('item-card').count();
    await more.click();
    await expect.poll(() => page.getByTestId('item-card').count()).toBeGreaterThan(before);
  }

  // 县级 and 按部门.
  await page.locator('.bm-level-switch').getByText('县级').click();
  await expect(page).toHaveURL(/level=county/);
  await page.getByRole('link', { name: /按部门查看/ }).click();
  await expect(page.getByRole('heading', { name: '按部门查找' })).toBeVisible();
  const dept = page.locator('.bm-dept-list a').first();
  await expect(dept).toBeVisible();
  const deptName = (await dept.locator('.bm-dept-name').textContent())!;
  await expectNoHorizontalOverflow(page, WIDTH);
  await dept.click();
  await expect(page).toHaveURL(/departmentId=/);
  await expect(page.getByText(`部门：${deptName}`)).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);
});
