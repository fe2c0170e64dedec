import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Issue 6, 政策文件 and 咨询: a villager searches the policy library on a phone and reads a document,
 * asks about an item from its guide; the township clerk answers in the workbench, the director
 * publishes the answer to the item's FAQ, and the villager sees it; the county 事项管理员 writes,
 * attaches and publishes a document that the portal then finds.
 */
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const QUESTION = '我家的承包地今年种了果树，还能领耕地地力保护补贴吗？需要去哪里说明情况？';
const ANSWER = '您好！改种果树等已改变用途的耕地，不再享受耕地地力保护补贴。请到村便民服务室找代办员如实申报面积。';
let itemId = '';

async function itemAt(page: Page, name: string, centerName: string): Promise<string> {
  const res = await page.request.get(`/api/catalog/search?q=${encodeURIComponent(name)}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { groups: { items: { id: string; name: string; centerName: string }[] }[] };
  const hit = body.groups.flatMap((g) => g.items).find((i) => i.name === name && i.centerName === centerName);
  expect(hit, `${name} at ${centerName}`).toBeTruthy();
  return hit!.id;
}

test.describe('on a phone', () => {
  test.use(PHONE);

  test('a villager searches 政策文件 by a phrase of the body, filters by topic and reads a document with its attachment', async ({ page }) => {
    await login(page, 'citizen');
    await page.goto('/portal');
    await page.locator('.bm-portal-entry').getByRole('link', { name: /政策文件/ }).click();
    await expect(page).toHaveURL(/\/portal\/policies$/);
    await expect(page.getByTestId('policy-result').first()).toBeVisible();
    await expect(page.locator('.bm-result-count')).toContainText(/共 \d+ 份文件/);
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-policies-375', { fullPage: false });

    await page.getByLabel('搜索政策文件').fill('先行救助');
    await expect(page).toHaveURL(/q=%E5%85%88/);
    const hit = page.getByTestId('policy-result').first();
    await expect(hit).toContainText('临时救助');
    await expect(hit.locator('mark').first()).toHaveText('先行救助');
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-policies-search-375', { fullPage: false });

    await page.getByLabel('搜索政策文件').fill('');
    await expect(page).not.toHaveURL(/q=/);
    await page.getByRole('button', { name: /^农村宅基地 \d+$/ }).click();
    await expect(page).toHaveURL(/topic=/);
    await expect(page.getByTestId('policy-result')).toHaveCount(1);
    await expect(page.getByTestId('policy-result')).toContainText('示农发〔2026〕5号');
    await page.getByRole('button', { name: /^全部 \d+$/ }).click();

    await page.getByLabel('搜索政策文件').fill('示政办发〔2026〕8号');
    await page.getByTestId('policy-result').first().filter({ hasText: '最低生活保障和特困人员' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('最低生活保障和特困人员救助供养实施细则');
    await expect(page.locator('.bm-policy-doc-no')).toHaveText('示政办发〔2026〕8号');
    await expect(page.locator('.bm-policy-body p').first()).toBeVisible();
    const attachment = page.locator('.bm-policy-files a').first();
    await expect(attachment).toContainText('最低生活保障申请审批表.pdf');
    const download = await page.request.get((await attachment.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-policy-doc-375');

    // 长辈模式: the same document in large type.
    await page.evaluate(() => localStorage.setItem('bm.portal.elder', '1'));
    await page.reload();
    await expect(page.locator('.bm-policy-body p').first()).toHaveCSS('font-size', '19px');
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-policy-doc-elder-375', { fullPage: false });
    await page.evaluate(() => localStorage.removeItem('bm.portal.elder'));
  });

  test('the villager reads the item FAQ and asks a question from the guide; it waits in 我的咨询', async ({ page }) => {
    await login(page, 'citizen');
    itemId = await itemAt(page, '耕地地力保护补贴申报', '青山镇便民服务中心');
    await page.goto(`/portal/items/${itemId}`);
    const qa = page.locator('#guide-qa');
    await qa.scrollIntoViewIfNeeded();
    // The demo's published question shows with the asker masked.
    await qa.getByRole('button', { name: /流转给邻居/ }).click();
    await expect(qa.getByTestId('item-qa').first()).toContainText('刘** 提问');
    await expectNoHorizontalOverflow(page, 375);
    await qa.screenshot({ path: 'e2e/artifacts/portal-item-qa-375.png' });

    await qa.getByRole('button', { name: '我要咨询' }).click();
    await expect(page).toHaveURL(/\/portal\/consult\/ask\?itemId=/);
    await expect(page.getByTestId('ask-subject')).toContainText('耕地地力保护补贴申报');
    await expect(page.getByTestId('ask-subject')).toContainText('青山镇便民服务中心');
    // Too short: the message shows under the field.
    await page.getByLabel('您的问题').fill('能领吗');
    await page.getByRole('button', { name: /提交咨询/ }).click();
    await expect(page.getByText('请把问题写清楚，至少10个字')).toBeVisible();
    await page.getByLabel('您的问题').fill(QUESTION);
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-consult-ask-375', { fullPage: false });
    await page.getByRole('button', { name: /提交咨询/ }).click();

    await expect(page).toHaveURL(/\/portal\/me\/consultations$/);
    const mine = page.getByTestId('my-consultation').filter({ hasText: QUESTION });
    await expect(mine).toContainText('待答复');
    await expect(page.getByTestId('my-consultation').filter({ hasText: '已答复' }).first()).toBeVisible();
    await expectNoHorizontalOverflow(page, 375);
    await shot(page, 'portal-my-consultations-375', { fullPage: false });
  });
});

test.describe('in the workbench', () => {
  test.use({ viewport: { width: 1366, height: 860 } });

  test('the 青山镇 clerk answers; the director publishes it to the item FAQ; the villager sees both', async ({ page, browser }) => {
    await login(page, 'town.clerk');
    await page.goto('/workbench');
    await page.getByRole('menuitem', { name: '咨询答复' }).click();
    await expect(page).toHaveURL(/\/workbench\/consultations$/);
    await expect(page.getByTestId('tab-open')).toContainText(/待答复\s*\d+/);
    const row = page.getByRole('row').filter({ hasText: QUESTION });
    await expect(row).toBeVisible();
    await shot(page, 'workbench-consultations');
    await row.getByRole('button', { name: /答复/ }).click();
    const drawer = page.locator('.ant-drawer');
    await expect(drawer.getByTestId('consult-question')).toHaveText(QUESTION);
    await drawer.getByLabel('答复', { exact: true }).fill(ANSWER);
    await shot(page, 'workbench-consultation-drawer', { fullPage: false });
    await drawer.getByRole('button', { name: /提交答复/ }).click();
    await expect(page.getByText('已答复，已通知提问人')).toBeVisible();
    await expect(drawer).toBeHidden();

    // The director turns on 公开 in the 已答复 tab.
    const director = await browser.newPage();
    await login(director, 'town.director');
    await director.goto('/workbench/consultations?tab=answered');
    const answered = director.getByRole('row').filter({ hasText: QUESTION });
    const toggle = answered.getByTestId('publish-switch');
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(director.getByText('已公开到事项的常见问题')).toBeVisible();
    await expect(toggle).toBeChecked();
    await shot(director, 'workbench-consultations-answered');
    await director.close();

    // The villager: the answer in 我的咨询 (with a message), and the Q&A under the item's guide.
    const phone = await browser.newContext(PHONE);
    const villager = await phone.newPage();
    await login(villager, 'citizen');
    await villager.goto('/portal/me/consultations');
    const card = villager.getByTestId('my-consultation').filter({ hasText: QUESTION });
    await expect(card).toContainText('已答复');
    await expect(card).toContainText(ANSWER);
    await expect(card).toContainText('已作为常见问题公开');
    await expect(card).not.toContainText('吴静');
    await villager.goto(`/portal/items/${itemId}`);
    const qa = villager.locator('#guide-qa');
    await qa.getByRole('button', { name: /种了果树/ }).click();
    await expect(qa.getByTestId('item-qa').filter({ hasText: ANSWER })).toContainText('刘** 提问');
    await phone.close();
  });

  test('the county 事项管理员 writes a document, attaches a PDF and publishes it; the portal finds it', async ({ page }) => {
    await login(page, 'county.catalog');
    await page.goto('/workbench');
    await page.getByRole('menuitem', { name: '政策文件' }).click();
    await expect(page.getByRole('row').filter({ hasText: '征求意见稿' })).toContainText('草稿');
    await shot(page, 'workbench-policies');

    await page.getByRole('button', { name: /新建文件/ }).click();
    await page.getByLabel('发布地区').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '示范县（县级）' }).click();
    await page.getByLabel('标题').fill('示范县关于做好2026年冬季农村取暖安全工作的通知');
    await page.getByLabel('文号').fill('示政办发〔2026〕40号');
    await page.getByLabel('发文机关').fill('示范县人民政府办公室');
    await page.getByLabel('主题').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^就业创业$/ }).click();
    await page.getByLabel('正文').fill('各乡镇要组织村便民服务室代办员逐户排查燃煤取暖设施，重点关注独居老人和留守儿童家庭。\n发现烟道堵塞的，当日督促整改。');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await expect(page).toHaveURL(/\/workbench\/policies\/[0-9a-f-]{36}$/);
    await expect(page.locator('.bm-page-head')).toContainText('草稿');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await page.locator('input[type=file]').setInputFiles({ name: '取暖安全排查表.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(page.getByRole('link', { name: /取暖安全排查表\.pdf/ })).toBeVisible();
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByRole('button', { name: /确认发布/ }).click();
    await expect(page.locator('.bm-page-head')).toContainText('已发布');
    await expect(page.getByText(/已于 \d{4}-\d{2}-\d{2} 发布/)).toBeVisible();
    await shot(page, 'workbench-policy-editor');

    await page.goto('/portal/policies?q=%E7%83%9F%E9%81%93%E5%A0%B5%E5%A1%9E');
    const hit = page.getByTestId('policy-result').first();
    await expect(hit).toContainText('冬季农村取暖安全');
    await expect(hit.locator('mark').first()).toHaveText('烟道堵塞');
  });
});
