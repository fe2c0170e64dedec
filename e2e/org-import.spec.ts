import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { login, relaxLoginRateLimit, shot } from './helpers';

/**
 * Journey 4: the system administrator imports an org workbook with a bad row, sees every error by
 * sheet / row / column, nothing is saved; after fixing the file the import goes through.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const QINGSHAN = '139921100000';

async function workbook(regionRows: string[][], centerRows: string[][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const regions = wb.addWorksheet('区划');
  regions.addRow(['区划代码*', '区划名称*', '级别*', '上级区划代码', '状态']);
  regionRows.forEach((r) => regions.addRow(r));
  if (centerRows.length) {
    const centers = wb.addWorksheet('服务中心');
    centers.addRow(['所在区划代码*', '中心名称*', '地址', '办公时间', '咨询电话', '投诉电话', '状态']);
    centerRows.forEach((r) => centers.addRow(r));
  }
  // Codes are text, not numbers: Excel would otherwise lose leading digits' precision.
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test.beforeAll(async ({ playwright }, info) => relaxLoginRateLimit(playwright, info.project.use.baseURL!));

test('sysadmin imports an org workbook with a bad row and sees the error list', async ({ page }) => {
  const n = String(50 + Math.floor(Math.random() * 49));
  const code = `1399211002${n}`;
  const name = `试点村${n}`;

  await login(page, 'sysadmin');
  await page.locator('.bm-wb-sider').getByRole('menuitem', { name: '批量导入' }).click();
  await expect(page.getByText('点击或拖拽 Excel 文件到此处')).toBeVisible();

  const bad = await workbook(
    [
      [code, name, '村（社区）', QINGSHAN, '启用'],
      ['13992110030', '坏数据村', '村（社区）', QINGSHAN, '启用'], // 11 digits
      ['139921100301', '', '村（社区）', '999999999999', '正常'], // no name, unknown parent, bad status
    ],
    [[code, `${name}便民服务室`, '', '', '电话打不通', '', '启用']],
  );
  await page.locator('input[type=file]').setInputFiles({ name: '组织机构-有错误.xlsx', mimeType: XLSX, buffer: bad });
  await page.getByRole('button', { name: '上传并校验' }).click();

  await expect(page.getByText(/校验未通过：共 \d+ 处错误，未保存任何数据/)).toBeVisible();
  const errors = page.locator('.bm-import-errors');
  await expect(errors).toContainText('区划');
  await expect(errors).toContainText('第 3 行');
  await expect(errors).toContainText('区划代码');
  await expect(errors).toContainText('第 4 行');
  await expect(errors).toContainText('区划名称');
  await expect(errors).toContainText('服务中心');
  await expect(errors).toContainText('咨询电话');
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await shot(page, 'org-import-errors');

  // Fix the file: only the good rows. The dry run passes and lists the changes; then confirm.
  const good = await workbook([[code, name, '村（社区）', QINGSHAN, '启用']], [[code, `${name}便民服务室`, '', '', '0399-86012345', '', '启用']]);
  await page.locator('input[type=file]').setInputFiles({ name: '组织机构.xlsx', mimeType: XLSX, buffer: good });
  await page.getByRole('button', { name: '上传并校验' }).click();
  await expect(page.getByText('校验通过')).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成').first()).toBeVisible();
  await shot(page, 'org-import-done');

  // The new village is in the tree.
  await page.getByRole('button', { name: '查看组织机构' }).click();
  await expect(page.locator('.bm-org-tree-card')).toContainText(name);
});
