import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey (issue 5): the 青山镇 window clerk accepts a 最低生活保障审核确认 case with one 容缺 material
 * (残疾人证), prints the 受理通知书 (PDF text checked); the township approver claims and passes the
 * review tasks (with the 公示 as a pause); the clerk, whose page went stale meanwhile, is told
 * 「已被他人处理」, reloads and takes in the 容缺 material; the county approver decides; the clerk
 * delivers; the applicant sees the case concluded on a phone through 办件查询.
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const ITEM = '最低生活保障审核确认';
/** A button by its text: antd writes two-character labels as 「受 理」 and icons add their own names. */
const b = (text: string) => new RegExp(`(^|\\s)${[...text].join('\\s*')}$`);
const APPLICANT = '张秀兰';
const DESKTOP = { width: 1440, height: 900 };

/** An 18-digit ID number with the right GB 11643 check character. */
function idNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const ID = idNumber('13992119580312004');
const WRONG_ID = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');

async function pdfText(page: Page, href: string, name: string): Promise<string> {
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const path = test.info().outputPath(name);
  writeFileSync(path, await pdf.body());
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

async function staffPage(browser: Browser, user: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  await login(page, user);
  return page;
}

/** Choose an option of a material's 收取情况 radio group. */
async function tick(page: Page, material: string, option: string) {
  const row = page.locator('.bm-case-checklist tr').filter({ hasText: material });
  await row.getByText(option, { exact: true }).click();
}

test('window acceptance with 容缺 → review → decision → delivery → tracked on a phone', async ({ browser }) => {
  test.setTimeout(180_000);

  // ---- The clerk at the 青山镇 window --------------------------------------------------------------
  const clerk = await staffPage(browser, 'town.clerk');
  const sider = clerk.locator('.bm-wb-sider');
  await expect(sider.getByRole('menuitem', { name: '窗口受理' })).toBeVisible();
  await sider.getByRole('menuitem', { name: '窗口受理' }).click();
  await expect(clerk.getByRole('heading', { name: '窗口受理' })).toBeVisible();

  // Pinyin initials find the item; Enter takes the first hit and shows its time limit and trips.
  const search = clerk.getByRole('combobox', { name: '查找事项' });
  await expect(search).toBeFocused();
  await search.fill('dibao');
  await expect(clerk.getByRole('option').first()).toContainText(ITEM);
  await search.press('Enter');
  const picked = clerk.getByTestId('picked-item');
  await expect(picked).toContainText(ITEM);
  await expect(picked).toContainText('承诺 25 个工作日');
  await expect(picked).toContainText('不用跑');
  await expect(clerk.locator('.bm-case-checklist')).toContainText('残疾人证');

  // The applicant: focus has moved to 姓名; a wrong check digit is caught as it is typed.
  await expect(clerk.getByLabel('姓名')).toBeFocused();
  await clerk.keyboard.type(APPLICANT);
  await clerk.getByLabel('身份证号').fill(WRONG_ID);
  await expect(clerk.getByText('身份证号码校验位不正确')).toBeVisible();
  await clerk.getByLabel('身份证号').fill(ID.toLowerCase());
  await expect(clerk.getByTestId('idNumber-ok')).toBeVisible();
  await clerk.getByLabel('联系电话').fill('13912345678');

  // 受理 with nothing ticked: every missing material is listed at once.
  await clerk.getByRole('button', { name: b('受理') }).click();
  const problems = clerk.getByTestId('case-problems');
  await expect(problems).toContainText('缺少必要材料「最低生活保障申请书」');
  await expect(problems).toContainText('残疾人证');
  await shot(clerk, 'cases-window-problems');

  // 一次性告知 would list exactly the missing ones (looked at, then cancelled).
  await clerk.getByRole('button', { name: '一次性告知' }).click();
  const notice = clerk.getByRole('dialog', { name: '出具一次性告知书' });
  await expect(notice.getByLabel('第1项材料或事项')).toHaveValue('最低生活保障申请书');
  await expect(notice.getByLabel('第6项材料或事项')).toHaveValue('残疾人证');
  await shot(clerk, 'cases-window-correction', { fullPage: false });
  await notice.getByRole('button', { name: b('取消') }).click();

  // Everything received except the 残疾人证, taken on a written promise (容缺).
  await clerk.getByRole('button', { name: '全部已收' }).click();
  await tick(clerk, '残疾人证', '容缺');
  await clerk.locator('.bm-case-checklist tr').filter({ hasText: '最低生活保障申请书' }).getByLabel('最低生活保障申请书页数').fill('2');
  await expect(problems).toHaveCount(0);
  await shot(clerk, 'cases-window-ready');

  // Ctrl+Enter = 受理.
  await clerk.keyboard.press('Control+Enter');
  await expect(clerk.getByText('已受理', { exact: true })).toBeVisible();
  const caseNo = (await clerk.getByTestId('case-no').innerText()).trim();
  expect(caseNo).toMatch(/^[0-9A-Z]{10,}\d{12}$/);
  await expect(clerk.getByText('容缺受理，申请人已书面承诺后补')).toBeVisible();
  await expect(clerk.getByRole('button', { name: '下一位' })).toBeFocused();
  await shot(clerk, 'cases-window-done');

  // The 受理通知书 prints with the case number.
  const print = clerk.getByRole('link', { name: /打印受理通知书/ });
  const href = (await print.getAttribute('href'))!;
  expect(href).toMatch(/\/api\/cases\/[0-9a-f-]+\/notices\/acceptance\.pdf$/);
  const text = await pdfText(clerk, href, 'acceptance.pdf');
  expect(text).toContain('受理通知书');
  expect(text).toContain(caseNo);
  expect(text).not.toContain(ID);

  // 下一位 clears the form for the next applicant.
  const caseUrl = (await clerk.getByRole('link', { name: '查看办件' }).getAttribute('href'))!;
  expect(caseUrl).toMatch(/^\/workbench\/cases\/[0-9a-f-]+$/);
  await clerk.keyboard.press('Enter');
  await expect(clerk.getByRole('combobox', { name: '查找事项' })).toBeFocused();
  await expect(clerk.getByLabel('姓名')).toHaveValue('');
  await expect(clerk.getByTestId('picked-item')).toHaveCount(0);

  // The detail: the clock running, the 容缺 material due.
  await clerk.goto(caseUrl);
  await expect(clerk.getByTestId('detail-case-no')).toHaveText(caseNo);
  await expect(clerk.getByTestId('deadline-bar')).toContainText('剩 25 个工作日');
  await expect(clerk.getByRole('row').filter({ hasText: '残疾人证' })).toContainText('容缺待补');
  await shot(clerk, 'cases-detail-accepted');

  // The clerk leaves the case open on the screen meanwhile (it will go stale).

  // ---- The township approver reviews -------------------------------------------------------------
  const town = await staffPage(browser, 'town.approver');
  await town.locator('.bm-wb-sider').getByRole('menuitem', { name: '办件待办' }).click();
  await expect(town.getByRole('heading', { name: '办件待办' })).toBeVisible();
  await expect(town.getByTestId('tab-mine')).toBeVisible();
  await shot(town, 'cases-inbox-mine');
  await town.getByTestId('tab-center').click();
  await town.getByPlaceholder('办件编号、事项或申请人').fill(caseNo);
  await town.getByPlaceholder('办件编号、事项或申请人').press('Enter');
  const row = town.getByRole('row').filter({ hasText: caseNo });
  await expect(row).toContainText(ITEM);
  await expect(row).toContainText(APPLICANT);
  await expect(row).toContainText('入户调查与初审');
  await expect(row.locator('[data-deadline]')).toHaveAttribute('data-deadline', 'normal');
  await shot(town, 'cases-inbox-center');
  await row.getByRole('link', { name: caseNo }).click();
  await expect(town.getByTestId('detail-case-no')).toHaveText(caseNo);

  const investigate = town.getByTestId('task-入户调查与初审');
  await investigate.getByRole('button', { name: b('认领') }).click();
  await expect(investigate).toContainText('办理中');
  await investigate.getByRole('button', { name: '提交意见' }).click();
  let dialog = town.getByRole('dialog', { name: /提交审查意见/ });
  await dialog.getByLabel('审查意见').fill('经入户调查，家庭人均月收入低于本县低保标准，情况属实，同意。');
  await dialog.getByText('记录现场勘验').click();
  await dialog.getByLabel('勘验地点').fill('青山村三组12号申请人家中');
  await dialog.getByLabel('勘验情况').fill('住房为砖木结构旧房，家中无大型农机和车辆。');
  await dialog.getByRole('button', { name: b('提交') }).click();
  await expect(dialog).toBeHidden();
  await expect(investigate).toContainText('通过');
  await expect(investigate).toContainText('现场勘验');

  // The 公示 is a special procedure: the clock stops while it runs.
  const publicity = town.getByTestId('task-公示');
  await publicity.getByRole('button', { name: b('认领') }).click();
  await expect(publicity).toContainText('办理中');
  await town.getByRole('button', { name: b('挂起') }).click();
  dialog = town.getByRole('dialog', { name: /挂起/ });
  await dialog.getByLabel('挂起原因').fill('在青山村公示 7 天');
  await dialog.getByRole('button', { name: b('挂起') }).click();
  await expect(dialog).toBeHidden();
  await expect(town.locator('[data-status="suspended"]').first()).toBeVisible();
  await expect(town.getByTestId('deadline-bar')).toContainText('公示');
  await town.getByRole('button', { name: '恢复办理' }).click();
  await expect(town.locator('[data-status="in_review"]').first()).toBeVisible();
  await publicity.getByRole('button', { name: '提交意见' }).click();
  dialog = town.getByRole('dialog', { name: /提交审查意见/ });
  await dialog.getByLabel('审查意见').fill('公示期满无异议。');
  await dialog.getByRole('button', { name: b('提交') }).click();
  await expect(dialog).toBeHidden();
  await expect(publicity).toContainText('通过');
  // The township does not decide a county item.
  await expect(town.getByRole('button', { name: '作出决定' })).toHaveCount(0);
  await shot(town, 'cases-detail-reviewed');
  await town.context().close();

  // ---- The clerk's stale page: 已被他人处理, reload, then 补交 (容缺 materials come in before the decision) --
  await clerk.getByRole('row').filter({ hasText: '残疾人证' }).getByRole('button', { name: b('补交') }).click();
  const stale = clerk.getByRole('dialog').filter({ hasText: '已被他人处理' });
  await expect(stale).toBeVisible();
  await stale.getByRole('button', { name: b('刷新') }).click();
  await expect(clerk.locator('[data-status="in_review"]').first()).toBeVisible();
  await clerk.getByRole('row').filter({ hasText: '残疾人证' }).getByRole('button', { name: b('补交') }).click();
  await expect(clerk.getByRole('row').filter({ hasText: '残疾人证' })).toContainText('已补交');

  // ---- The county approver decides ---------------------------------------------------------------
  const county = await staffPage(browser, 'county.approver');
  await county.goto(caseUrl);
  await expect(county.getByTestId('detail-case-no')).toHaveText(caseNo);
  await county.getByRole('button', { name: '作出决定' }).click();
  dialog = county.getByRole('dialog', { name: '作出决定' });
  await dialog.getByLabel('决定内容').fill('经审核，申请人家庭符合最低生活保障条件，准予纳入最低生活保障，自次月起发放。');
  await dialog.getByLabel('证照 / 结果编号').fill('低保证2026-0088');
  await dialog.getByRole('button', { name: '作出决定并办结' }).click();
  await expect(dialog).toBeHidden();
  await expect(county.locator('[data-status="concluded"]').first()).toContainText('准予');
  await expect(county.getByRole('link', { name: /准予决定书/ })).toBeVisible();
  await shot(county, 'cases-detail-decided');
  await county.context().close();

  // ---- The result goes out ----------------------------------------------------------------------
  await clerk.reload();
  await expect(clerk.locator('[data-status="concluded"]').first()).toBeVisible();
  await clerk.getByRole('button', { name: b('送达') }).click();
  dialog = clerk.getByRole('dialog', { name: '送达办理结果' });
  await expect(dialog.getByLabel('签收人')).toHaveValue(APPLICANT);
  await dialog.getByRole('button', { name: '确认送达' }).click();
  await expect(dialog).toBeHidden();
  await expect(clerk.locator('.bm-case-head').getByText('已送达', { exact: true })).toBeVisible();
  await expect(clerk.getByRole('link', { name: /送达回证/ })).toBeVisible();
  await expectNoHorizontalOverflow(clerk, DESKTOP.width);
  await shot(clerk, 'cases-detail-delivered');
  await clerk.context().close();

  // ---- The applicant on a phone ------------------------------------------------------------------
  const phoneCtx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const phone = await phoneCtx.newPage();
  await phone.goto('/portal');
  await phone.getByRole('link', { name: /办件查询/ }).click();
  await expect(phone).toHaveURL(/\/portal\/track$/);
  await phone.getByLabel('办件编号').fill(caseNo);
  await phone.getByLabel('申请人姓名或证件号后 4 位').fill('李四');
  await phone.getByRole('button', { name: /查\s*询/ }).click();
  await expect(phone.getByRole('alert')).toContainText('未找到该办件');
  await phone.getByLabel('申请人姓名或证件号后 4 位').fill(APPLICANT);
  await phone.getByRole('button', { name: /查\s*询/ }).click();
  const result = phone.getByTestId('track-result');
  await expect(result).toContainText(ITEM);
  await expect(result).toContainText('办结（准予）');
  await expect(phone.getByText('送达', { exact: true })).toBeVisible();
  // Neither the number nor the name ever reaches the URL.
  expect(phone.url()).not.toContain(caseNo);
  expect(decodeURIComponent(phone.url())).not.toContain(APPLICANT);
  await expectNoHorizontalOverflow(phone, 375);
  await shot(phone, 'cases-track-phone', { fullPage: false });
  await result.scrollIntoViewIfNeeded();
  await phone.screenshot({ path: test.info().outputPath('track-result.png') });

  // The QR code on a notice opens the page with the number filled in; the ID tail works as proof.
  await phone.goto(`/portal/track?no=${caseNo}`);
  await expect(phone.getByLabel('办件编号')).toHaveValue(caseNo);
  await phone.getByLabel('申请人姓名或证件号后 4 位').fill(ID.slice(-4));
  await phone.getByRole('button', { name: /查\s*询/ }).click();
  await expect(phone.getByTestId('track-result')).toContainText('办结');
  await phoneCtx.close();
});

test('a citizen finds 我的办件 and 办件查询 on 我的 (phone)', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  await login(page, 'citizen');
  await page.goto('/portal/me');
  await page.getByRole('link', { name: '我的办件' }).click();
  await expect(page).toHaveURL(/\/portal\/me\/cases$/);
  await expect(page.getByText('我的办件').first()).toBeVisible();
  await expect(page.locator('.ant-skeleton')).toHaveCount(0);
  await expectNoHorizontalOverflow(page, 375);
  await shot(page, 'cases-mine-phone', { fullPage: false });
  // Each opens its detail page (status, progress, notices); nothing in the URL but the case id.
  const first = page.getByTestId('my-case').first();
  if ((await first.count()) > 0) {
    const item = (await first.locator('.bm-track-item').innerText()).trim();
    await first.click();
    await expect(page).toHaveURL(/\/portal\/me\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('case-head')).toContainText(item);
    await expectNoHorizontalOverflow(page, 375);
  }
  await ctx.close();
});

test('一次性告知 and 不予受理 at the window, each with its notice', async ({ browser }) => {
  test.setTimeout(90_000);
  const clerk = await staffPage(browser, 'town.clerk');
  await clerk.goto('/workbench/cases/window');
  const pick = async (name: string, first17: string) => {
    const search = clerk.getByRole('combobox', { name: '查找事项' });
    await search.fill('dbsq');
    await expect(clerk.getByRole('option').first()).toContainText(ITEM);
    await search.press('Enter');
    await expect(clerk.getByTestId('picked-item')).toContainText('承诺 25 个工作日');
    await clerk.getByLabel('姓名').fill(name);
    await clerk.getByLabel('身份证号').fill(idNumber(first17));
    await expect(clerk.getByTestId('idNumber-ok')).toBeVisible();
  };

  // Only the application form and the ID card brought: the notice lists the other four at once.
  await pick('李春华', '13992119640822003');
  await tick(clerk, '最低生活保障申请书', '已收');
  await tick(clerk, '居民身份证', '已收');
  await clerk.getByRole('button', { name: '一次性告知' }).click();
  const dialog = clerk.getByRole('dialog', { name: '出具一次性告知书' });
  await expect(dialog.getByLabel('第1项材料或事项')).toHaveValue('居民户口簿');
  await expect(dialog.getByLabel('第4项材料或事项')).toHaveValue('残疾人证');
  await dialog.getByLabel('第4项存在的问题').fill('家中有残疾人，未带残疾人证');
  await dialog.getByRole('button', { name: '出具告知书' }).click();
  await expect(clerk.getByText('已出具一次性告知书', { exact: true })).toBeVisible();
  await expect(clerk.getByText('需补正 4 项')).toBeVisible();
  const corrNo = (await clerk.getByTestId('case-no').innerText()).trim();
  const corr = await pdfText(clerk, (await clerk.getByRole('link', { name: /打印一次性告知书/ }).getAttribute('href'))!, 'correction.pdf');
  expect(corr).toContain('一次性告知书');
  expect(corr).toContain(corrNo);
  expect(corr).toContain('未带残疾人证');
  await shot(clerk, 'cases-window-corrected');

  // The applicant comes back with the rest: 受理 from the case itself, the 残疾人证 on a promise.
  const corrUrl = (await clerk.getByRole('link', { name: '查看办件' }).getAttribute('href'))!;
  await clerk.goto(corrUrl);
  await expect(clerk.locator('[data-status="correcting"]').first()).toBeVisible();
  await expect(clerk.getByText('等待申请人补正 4 项')).toBeVisible();
  await clerk.getByRole('button', { name: b('受理') }).click();
  const accept = clerk.getByRole('dialog', { name: '受理：核对材料' });
  for (const m of ['居民户口簿', '家庭收入及财产状况声明', '家庭经济状况核对授权书']) await tick(clerk, m, '已收');
  await expect(accept).toContainText('尚不能受理');
  await tick(clerk, '残疾人证', '容缺');
  await expect(accept).not.toContainText('尚不能受理');
  await accept.getByRole('button', { name: b('受理') }).click();
  await expect(accept).toBeHidden();
  await expect(clerk.locator('[data-status="accepted"]').first()).toBeVisible();
  await expect(clerk.getByTestId('deadline-bar')).toContainText('剩 25 个工作日');
  await expect(clerk.getByRole('link', { name: /受理通知书/ })).toBeVisible();

  // Another applicant, refused with reasons and the item's legal basis.
  await clerk.goto('/workbench/cases/window');
  await pick('陈国庆', '13992119700101001');
  await clerk.getByRole('button', { name: '不予受理' }).click();
  const reject = clerk.getByRole('dialog', { name: '不予受理' });
  await expect(reject.getByRole('textbox', { name: '法律依据1' })).toHaveValue(/社会救助暂行办法/);
  await reject.getByRole('textbox', { name: '不予受理理由1' }).fill('申请人户籍不在本县，不属于本县受理范围');
  await reject.getByRole('button', { name: '不予受理' }).click();
  await expect(clerk.getByText('已不予受理', { exact: true })).toBeVisible();
  const rejNo = (await clerk.getByTestId('case-no').innerText()).trim();
  const rej = await pdfText(clerk, (await clerk.getByRole('link', { name: /打印不予受理通知书/ }).getAttribute('href'))!, 'rejection.pdf');
  expect(rej).toContain('不予受理通知书');
  expect(rej).toContain(rejNo);

  // Both show in the center's list with their states.
  await clerk.goto(`/workbench/cases?tab=center&q=${corrNo}`);
  await expect(clerk.getByRole('row').filter({ hasText: corrNo })).toContainText('05 受理');
  await clerk.goto('/workbench/cases?tab=center&status=rejected');
  await expect(clerk.getByRole('row').filter({ hasText: rejNo })).toContainText('07 不予受理');
  await clerk.context().close();
});

test('the director: every open case of the center by deadline, and 零办理事项', async ({ browser }) => {
  const director = await staffPage(browser, 'town.director');
  const sider = director.locator('.bm-wb-sider');
  await sider.getByRole('menuitem', { name: '办件待办' }).click();
  await expect(director.getByRole('heading', { name: '办件待办' })).toBeVisible();
  await director.getByTestId('tab-center').click();
  await expect(director).toHaveURL(/tab=center/);
  await expect(director.locator('.ant-table-row').first()).toBeVisible();
  await shot(director, 'cases-inbox-director', { fullPage: false });
  // 已超期: every row carries a red tag.
  await director.getByTestId('tab-overdue').click();
  const rows = director.locator('.ant-table-row');
  if ((await rows.count()) > 0) {
    await expect(rows.first().locator('[data-deadline]')).toHaveAttribute('data-deadline', 'overdue');
    await shot(director, 'cases-inbox-overdue', { fullPage: false });
  }

  await sider.getByRole('menuitem', { name: '零办理事项' }).click();
  await expect(director.getByRole('heading', { name: '零办理事项' })).toBeVisible();
  await expect(director.getByText('已发布事项', { exact: true })).toBeVisible();
  await expect(director.locator('.ant-table')).toBeVisible();
  await expectNoHorizontalOverflow(director, DESKTOP.width);
  await shot(director, 'cases-zero-handling');
  await director.context().close();
});
