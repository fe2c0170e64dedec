import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiLogin, expectNoHorizontalOverflow, login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey: the county 事项管理员 edits a published item (promised days and a material), which opens a
 * new draft version, fixes what the server refuses, uploads a blank form and submits; the county
 * 中心主任 approves it; the version diff shows the changed elements; the township 事项管理员 cannot
 * touch a county item. Also: a new item from the basic catalog, and the read-only lists.
 */
test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

const MINZHENG = '示范县民政局';

interface Setup {
  itemId: string;
  itemName: string;
  spareBasicName: string;
  /** A draft (v1) to edit from two places at once. */
  draftId: string;
}

type Json = Record<string, unknown>;

async function ok(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<Json> {
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Json;
}

/**
 * A published county item to work on, made through the API (county.catalog creates and submits,
 * county.director approves), and a second basic item for the 新建事项 dialog.
 */
async function setup(playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } }, baseURL: string): Promise<Setup> {
  const cat = await playwright.request.newContext({ baseURL });
  const dir = await playwright.request.newContext({ baseURL });
  try {
    const h = await apiLogin(cat, 'county.catalog');
    const hd = await apiLogin(dir, 'county.director');
    const tree = await ok(await cat.get('/api/catalog/admin/tree'));
    const dept = (tree.departments as { id: string; name: string }[]).find((d) => d.name === MINZHENG)!;
    const centers = (await ok(await cat.get('/api/org/centers?limit=500'))).items as { id: string; level: string; name: string }[];
    const county = centers.find((c) => c.level === 'county')!;
    const serial = String(Date.now() % 1_000_000).padStart(6, '0');
    const basic = async (code: string, name: string) =>
      ok(
        await cat.post('/api/catalog/admin/basic-items', {
          headers: h,
          data: {
            code,
            name,
            itemType: '05',
            departmentId: dept.id,
            legalBasis: [{ name: '《社会救助暂行办法》', article: '第十八条', text: '国家对生活无着的流浪、乞讨人员提供临时食宿、急病救治、协助返回等救助。' }],
          },
        }),
      );
    const itemName = `临时救助对象认定${serial.slice(-3)}`;
    const b1 = await basic(`05${serial}0001`, itemName);
    const spareBasicName = `困难群众价格补贴发放${serial.slice(-3)}`;
    await basic(`05${serial}0002`, spareBasicName);
    const b3 = await basic(`05${serial}0003`, `低收入人口认定${serial.slice(-3)}`);
    const content = {
      aliases: ['临时救助'],
      topics: ['social-security'],
      audience: 'person',
      acceptLevels: ['county'],
      preReviewLevel: null,
      decideLevel: 'county',
      delegation: null,
      handlingType: 'promised',
      processKind: 'local',
      jointDepartmentIds: [],
      legalDays: 20,
      promisedDays: 10,
      specialProcedures: [],
      fees: [],
      maxVisits: 1,
      onlineLevel: 'apply',
      place: '示范县政务服务中心一楼民政窗口',
      hours: '周一至周五 上午9:00-12:00，下午13:30-17:30',
      phone: '0399-86010001',
      complaintPhone: '12345',
      agentEligible: false,
      conditions: ['因火灾、交通事故等意外事件，家庭基本生活暂时出现严重困难'],
      faq: [],
      materials: [
        { key: 'form', name: '临时救助申请书', source: 'applicant', issuer: '', form: 'original', copies: 1, necessity: 'required', deferDays: null, blankFileId: null, sampleFileId: null, certificateType: null, note: '' },
        { key: 'id', name: '居民身份证', source: 'government', issuer: '公安机关', form: 'copy', copies: 1, necessity: 'required', deferDays: null, blankFileId: null, sampleFileId: null, certificateType: '居民身份证', note: '' },
      ],
      steps: [
        { key: 'accept', name: '受理', departmentId: null, level: 'county', days: 1, parallel: false, note: '' },
        { key: 'review', name: '审查', departmentId: null, level: 'county', days: 5, parallel: false, note: '' },
        { key: 'decide', name: '决定', departmentId: null, level: 'county', days: 3, parallel: false, note: '' },
        { key: 'deliver', name: '送达', departmentId: null, level: 'county', days: 1, parallel: false, note: '' },
      ],
    };
    let item = await ok(await cat.post('/api/catalog/admin/items', { headers: h, data: { basicItemId: b1.id, centerId: county.id, departmentId: dept.id, content } }));
    item = await ok(await cat.post(`/api/catalog/admin/items/${item.id as string}/submit`, { headers: h, data: { version: item.version } }));
    item = await ok(await dir.post(`/api/catalog/admin/items/${item.id as string}/approve`, { headers: hd, data: { version: item.version } }));
    expect(item.status).toBe('published');
    const draft = await ok(await cat.post('/api/catalog/admin/items', { headers: h, data: { basicItemId: b3.id, centerId: county.id, departmentId: dept.id, content } }));
    return { itemId: item.id as string, itemName, spareBasicName, draftId: draft.id as string };
  } finally {
    await cat.dispose();
    await dir.dispose();
  }
}

/**
 * Choose an option of the antd Select labelled `label` (inside `scope`), retrying until the select shows
 * it (a click during the dropdown's open animation can land on nothing).
 */
async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  const select = input.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await expect(async () => {
    await input.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
    await expect(item).toBeVisible({ timeout: 2_000 });
    await item.click();
    await expect(select).toContainText(option, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

let s: Setup;
test.beforeAll(async ({ playwright }, info) => {
  s = await setup(playwright, info.project.use.baseURL!);
});

test('a published item is edited into a new version, reviewed by the director and compared', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await login(page, 'county.catalog');
  const sider = page.locator('.bm-wb-sider');
  await expect(sider.getByRole('menuitem', { name: '事项清单' })).toBeVisible();
  await expect(sider.getByRole('menuitem', { name: '基本目录' })).toBeVisible();
  await sider.getByRole('menuitem', { name: '事项清单' }).click();
  await expect(page.getByRole('heading', { name: '事项清单' })).toBeVisible();
  await page.getByPlaceholder('事项名称、俗称或编码').fill(s.itemName);
  await page.getByPlaceholder('事项名称、俗称或编码').press('Enter');
  const row = page.getByRole('row').filter({ hasText: s.itemName });
  await expect(row).toContainText('已发布');
  await expect(row).toContainText('县级');
  await page.getByPlaceholder('事项名称、俗称或编码').fill('');
  await page.getByPlaceholder('事项名称、俗称或编码').press('Enter');
  await expect(page.getByRole('row').filter({ hasText: s.itemName })).toBeVisible();
  await expectNoHorizontalOverflow(page, page.viewportSize()!.width);
  // One department's items, from the tree.
  await page.getByRole('tree', { name: '部门' }).getByText('民政', { exact: true }).click();
  await expect(page).toHaveURL(/department=/);
  await expect(page.getByRole('row').filter({ hasText: s.itemName })).toBeVisible();
  await expect(page.locator('.ant-card-head').filter({ hasText: MINZHENG })).toBeVisible();
  await shot(page, 'catalog-list');

  // Open the editor: a published item says that saving opens a new version.
  await page.getByRole('link', { name: s.itemName }).click();
  await expect(page).toHaveURL(new RegExp(`/workbench/catalog/items/${s.itemId}$`));
  await expect(page.getByTestId('current-status')).toHaveText('v1 已发布');
  await expect(page.getByText('已发布的事项修改后将生成新版本，审核通过后替换当前版本')).toBeVisible();
  await shot(page, 'catalog-editor-basic');
  // 预览打印版: the printable guide of the version shown.
  const preview = page.getByRole('link', { name: /预览打印版/ });
  await expect(preview).toHaveAttribute('href', `/api/catalog/admin/items/${s.itemId}/guide.pdf?version=1`);
  const pdf = await page.request.get((await preview.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  // Promise 8 days while the steps still take 10: the server refuses and says where.
  await page.getByRole('tab', { name: '时限与收费' }).click();
  await page.getByLabel('承诺时限').fill('8');
  await page.getByRole('tab', { name: '申请材料' }).click();
  const idCard = page.getByTestId('material-1');
  await expect(idCard).toContainText('居民身份证');
  await choose(page, idCard, '必要性', '容缺后补');
  await expect(idCard.getByLabel('补交期限')).toHaveValue('5');
  // A blank form for the application (a tiny PDF, checked by content on the server).
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('material-0').getByRole('button', { name: '上传空白表格' }).click()]);
  await chooser.setFiles({ name: '临时救助申请书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await expect(page.getByTestId('material-0').getByRole('link', { name: /临时救助申请书/ })).toBeVisible();
  await shot(page, 'catalog-editor-materials');

  await page.getByRole('button', { name: '保存草稿' }).click();
  const errors = page.getByRole('alert').filter({ hasText: '保存未成功' });
  await expect(errors).toContainText('各环节时限合计 10 个工作日，超过承诺时限 8 个工作日');
  await expect(page.getByRole('tab', { name: /办理流程/ })).toContainText('1');
  await shot(page, 'catalog-editor-error');

  // Shorten 审查 to 3 days: 8 in all, within the promise.
  await errors.getByText(/办理流程/).click();
  await expect(page.getByTestId('step-totals')).toContainText('各环节合计 10 个工作日');
  await page.getByLabel('第2个环节时限').fill('3');
  await expect(page.getByTestId('step-totals')).toContainText('各环节合计 8 个工作日');
  await shot(page, 'catalog-editor-steps');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('已生成新版本 v2（草稿）')).toBeVisible();
  await expect(page.getByTestId('current-status')).toHaveText('v2 草稿');
  await expect(page.locator('.bm-cat-editor-bar')).toContainText('已发布 v1');

  // Submit; the submitter cannot review it.
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('v2 待审核');
  await expect(page.getByText('v2 正在审核中，内容不能修改。')).toBeVisible();
  await expect(page.getByRole('button', { name: '保存草稿' })).toHaveCount(0);
  await expect(page.getByLabel('承诺时限')).toBeDisabled();

  // The county director reviews and publishes it.
  const directorContext = await browser.newContext();
  const director = await directorContext.newPage();
  await login(director, 'county.director');
  await director.goto('/workbench/catalog?pending=1');
  await expect(director.getByRole('row').filter({ hasText: s.itemName })).toContainText('新版本待审核');
  await director.getByRole('row').filter({ hasText: s.itemName }).getByRole('link', { name: '审核' }).click();
  await expect(director.getByTestId('current-status')).toHaveText('v2 待审核');
  await expect(director.getByRole('button', { name: /退\s*回/ })).toBeVisible();
  await shot(director, 'catalog-review');
  await director.getByRole('button', { name: '审核通过' }).click();
  await director.locator('.ant-modal-confirm').getByRole('button', { name: '审核通过' }).click();
  await expect(director.getByTestId('current-status')).toHaveText('v2 已发布');

  // 版本对比 v1 → v2 shows the promise and the material.
  await director.getByRole('tab', { name: '版本记录' }).click();
  await expect(director.getByRole('row').filter({ hasText: 'v1' })).toContainText('已被新版本替代');
  await director.getByRole('button', { name: '版本对比' }).click();
  const diff = director.getByTestId('version-diff');
  await expect(diff).toContainText('v1 → v2');
  const promised = diff.getByRole('row').filter({ hasText: '承诺时限' });
  await expect(promised).toContainText('10 个工作日');
  await expect(promised).toContainText('8 个工作日');
  const necessity = diff.getByRole('row').filter({ hasText: '申请材料「居民身份证」必要性' });
  await expect(necessity).toContainText('必要');
  await expect(necessity).toContainText('容缺后补');
  await expect(diff.getByRole('row').filter({ hasText: '申请材料「居民身份证」补交期限' })).toContainText('5 个工作日');
  await expect(diff.getByRole('row').filter({ hasText: '办理流程「审查」环节时限' })).toContainText('3 个工作日');
  await expect(diff.getByRole('row').filter({ hasText: '空白表格' })).toContainText('已上传文件');
  await shot(director, 'catalog-diff');
  await directorContext.close();
});

test('the township catalog administrator cannot open or change a county item', async ({ page, playwright }, info) => {
  await login(page, 'town.catalog');
  await page.goto('/workbench/catalog');
  await expect(page.getByRole('heading', { name: '事项清单' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: s.itemName })).toHaveCount(0);
  await page.goto(`/workbench/catalog/items/${s.itemId}`);
  await expect(page.getByText('未找到该事项')).toBeVisible();
  await expect(page.getByRole('button', { name: '保存草稿' })).toHaveCount(0);
  await shot(page, 'catalog-town-denied');

  // The API says the same.
  const req = await playwright.request.newContext({ baseURL: info.project.use.baseURL! });
  try {
    const h = await apiLogin(req, 'town.catalog');
    const read = await req.get(`/api/catalog/admin/items/${s.itemId}`);
    expect([403, 404]).toContain(read.status());
    const write = await req.put(`/api/catalog/admin/items/${s.itemId}/draft`, { headers: h, data: { version: 1, content: {} } });
    expect([400, 403, 404]).toContain(write.status());
  } finally {
    await req.dispose();
  }
});

test('a new item starts from the basic catalog with the center’s place and four steps', async ({ page, browser }) => {
  // A long journey (four steps edited and saved): room for a slow machine.
  test.setTimeout(120_000);
  await login(page, 'county.catalog');
  await page.goto('/workbench/catalog');
  await page.getByRole('button', { name: '新建事项' }).click();
  const dialog = page.getByRole('dialog');
  const basicInput = dialog.getByLabel('基本目录事项');
  await expect(async () => {
    await basicInput.click();
    await basicInput.fill(s.spareBasicName.slice(0, 6));
    const opt = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: s.spareBasicName });
    await expect(opt).toBeVisible({ timeout: 3_000 });
    await opt.click();
    await expect(dialog.locator('.ant-select').first()).toContainText(s.spareBasicName, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await choose(page, dialog, '实施中心', '示范县政务服务中心');
  await expect(dialog.getByText(`${MINZHENG}（示范县）`)).toBeVisible();
  await shot(page, 'catalog-new-item', { fullPage: false });
  await dialog.getByRole('button', { name: '创建并编辑' }).click();
  await expect(page).toHaveURL(/\/workbench\/catalog\/items\/[0-9a-f-]+$/);
  await expect(page.getByTestId('current-status')).toHaveText('v1 草稿');
  await expect(page.locator('.bm-cat-editor-bar')).toContainText(s.spareBasicName);
  await page.getByRole('tab', { name: '办理流程' }).click();
  for (const [i, step] of ['受理', '审查', '决定', '送达'].entries()) await expect(page.getByLabel(`第${i + 1}个环节名称`)).toHaveValue(step);
  await page.getByRole('tab', { name: '办理地点' }).click();
  await expect(page.getByRole('textbox', { name: '办理地点' })).toHaveValue(/示范县政务服务中心/);
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByTestId('current-status')).toHaveText('v1 待审核');
  // Four eyes: the 事项管理员 who submitted is not offered the review buttons.
  await expect(page.getByText('您提交的版本须由其他事项管理员或中心主任审核')).toBeVisible();
  await expect(page.getByRole('button', { name: '审核通过' })).toHaveCount(0);

  // The director sends it back; 退回 needs a comment, which the version history keeps.
  const itemUrl = page.url();
  const director = await browser.newPage();
  await login(director, 'county.director');
  await director.goto(itemUrl);
  await director.getByRole('button', { name: /退\s*回/ }).click();
  const dialog2 = director.getByRole('dialog');
  await dialog2.getByRole('button', { name: /退\s*回/ }).click();
  await expect(dialog2.getByText('请填写退回意见')).toBeVisible();
  await dialog2.getByLabel('退回意见').fill('请补充受理条件和申请材料的具体要求');
  await dialog2.getByRole('button', { name: /退\s*回/ }).click();
  await expect(director.getByTestId('current-status')).toHaveText('v1 草稿');
  await director.getByRole('tab', { name: '版本记录' }).click();
  await expect(director.getByRole('row').filter({ hasText: '请补充受理条件和申请材料的具体要求' })).toContainText('钱文华');
  await shot(director, 'catalog-rejected');
  await director.close();
});

test('two editors at once: the second save is told someone else changed the item and reloads', async ({ page, playwright }, info) => {
  await login(page, 'county.catalog');
  await page.goto(`/workbench/catalog/items/${s.draftId}`);
  await expect(page.getByTestId('current-status')).toHaveText('v1 草稿');

  // Meanwhile the item is saved elsewhere (another tab, another colleague).
  const req = await playwright.request.newContext({ baseURL: info.project.use.baseURL! });
  try {
    const h = await apiLogin(req, 'county.catalog');
    const d = (await ok(await req.get(`/api/catalog/admin/items/${s.draftId}`))) as { version: number; current: { content: Json } };
    const { name: _n, itemType: _t, legalBasis: _l, ...content } = d.current.content;
    await ok(await req.put(`/api/catalog/admin/items/${s.draftId}/draft`, { headers: h, data: { version: d.version, content: { ...content, hours: '周一至周六 8:30-17:30' } } }));
  } finally {
    await req.dispose();
  }

  await page.getByRole('tab', { name: '办理地点' }).click();
  await page.getByRole('textbox', { name: '办理地点' }).fill('示范县政务服务中心二楼社会救助窗口');
  await page.getByRole('button', { name: '保存草稿' }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText('该事项已被他人修改');
  await shot(page, 'catalog-conflict', { fullPage: false });
  await confirm.getByRole('button', { name: '重新加载' }).click();
  await expect(page.getByRole('textbox', { name: '办理时间' })).toHaveValue('周一至周六 8:30-17:30');
  await expect(page.getByRole('textbox', { name: '办理地点' })).toHaveValue('示范县政务服务中心一楼民政窗口');
});

test('basic catalog, the center list and the menus by role', async ({ page, browser }) => {
  await login(page, 'county.catalog');
  await page.goto('/workbench/catalog/basic');
  await expect(page.getByRole('heading', { name: '基本目录' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建基本目录事项' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: s.itemName })).toContainText('1 处');
  await page.getByRole('row').filter({ hasText: s.itemName }).getByRole('button', { name: /编\s*辑/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('事项名称')).toHaveValue(s.itemName);
  await expect(dialog.getByLabel('法律法规或文件')).toHaveValue('《社会救助暂行办法》');
  await shot(page, 'catalog-basic-edit', { fullPage: false });
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await page.getByPlaceholder('事项名称或基本编码').fill('救助');
  await page.getByPlaceholder('事项名称或基本编码').press('Enter');
  await expect(page.getByRole('row').filter({ hasText: s.itemName })).toBeVisible();
  await expectNoHorizontalOverflow(page, page.viewportSize()!.width);
  await shot(page, 'catalog-basic');

  // A township catalog administrator reads the basic catalog but does not create basic items.
  const town = await browser.newPage();
  await login(town, 'town.catalog');
  await town.goto('/workbench/catalog/basic');
  await expect(town.getByRole('row').filter({ hasText: s.itemName })).toBeVisible();
  await expect(town.getByRole('button', { name: '新建基本目录事项' })).toHaveCount(0);
  await town.close();

  // A county clerk sees only the center's published list with the printable wall list.
  const clerk = await browser.newPage();
  await login(clerk, 'county.clerk');
  const sider = clerk.locator('.bm-wb-sider');
  await expect(sider.getByRole('menuitem', { name: '本中心清单' })).toBeVisible();
  await expect(sider.getByRole('menuitem', { name: '事项清单' })).toHaveCount(0);
  await sider.getByRole('menuitem', { name: '本中心清单' }).click();
  await expect(clerk.getByRole('row').filter({ hasText: s.itemName })).toBeVisible();
  const print = clerk.getByRole('link', { name: /打印上墙清单/ });
  await expect(print).toHaveAttribute('href', /\/api\/catalog\/centers\/[0-9a-f-]+\/list\.pdf$/);
  const pdf = await clerk.request.get((await print.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await shot(clerk, 'catalog-center-list');
  await clerk.close();
});

test('导入导出: template, a refused file with every error by sheet/row/column, a clean import, and an export', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'county.catalog');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '导入导出' }).click();
  await expect(page.getByRole('heading', { name: '导入导出' })).toBeVisible();

  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载模板$/ }).click()]);
  expect(template.suggestedFilename()).toBe('事项清单导入模板.xlsx');
  const templatePath = test.info().outputPath('template.xlsx');
  await template.saveAs(templatePath);

  // A copy with an 11-digit basic code: refused, with sheet, row and column.
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(templatePath);
  const sheet = book.getWorksheet('基本目录')!;
  let codeCol = 0;
  sheet.getRow(1).eachCell((cell, col) => {
    if (String(cell.value).startsWith('基本编码')) codeCol = col;
  });
  expect(codeCol).toBeGreaterThan(0);
  sheet.getRow(2).getCell(codeCol).value = '20990300100';
  const badPath = test.info().outputPath('bad.xlsx');
  await book.xlsx.writeFile(badPath);

  const fileInput = page.locator('input[type=file]');
  await fileInput.setInputFiles(badPath);
  await expect(page.getByTestId('import-file')).toContainText('bad.xlsx');
  await page.getByRole('button', { name: '上传并校验' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '校验未通过' })).toBeVisible();
  const errorRow = page.getByRole('row').filter({ hasText: '基本编码' }).filter({ hasText: '第 2 行' });
  await expect(errorRow.first()).toContainText('基本目录');
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await expectNoHorizontalOverflow(page, page.viewportSize()!.width);
  await shot(page, 'catalog-import-errors');

  // The template as it comes: checked, then imported as drafts.
  await page.getByRole('button', { name: /移\s*除/ }).click();
  await fileInput.setInputFiles(templatePath);
  await page.getByRole('button', { name: '上传并校验' }).click();
  await expect(page.getByText('校验通过')).toBeVisible();
  await shot(page, 'catalog-import-checked');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成').first()).toBeVisible();
  await shot(page, 'catalog-import-done');

  // Export one center's list.
  await choose(page, page, '导出范围', '青山镇便民服务中心');
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出该中心清单' }).click()]);
  expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
});
