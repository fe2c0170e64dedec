import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { renderGuidePdf, type GuideDoc } from './catalog.guide-pdf.js';

const guide: GuideDoc = {
  name: '最低生活保障审核确认',
  implementationCode: '11139921MB0000000X' + '2' + '000105001000',
  itemType: '行政给付',
  handlingType: '承诺件',
  department: '示范县民政局',
  center: '青山镇便民服务中心',
  levels: '村代办受理 → 镇初审 → 县民政局审核确认',
  legalBasis: ['《社会救助暂行办法》第十一条'],
  legalDays: 30,
  promisedDays: 25,
  fees: '不收费',
  maxVisits: 1,
  onlineLevel: '全程网办（可由村代办员代为申请）',
  agentEligible: true,
  place: '青山镇便民服务中心 1 号综合受理窗口',
  hours: '周一至周五 8:30-12:00，14:00-17:30',
  phone: '0399-86011001',
  complaintPhone: '12345',
  conditions: ['共同生活的家庭成员人均收入低于当地低保标准', '家庭财产状况符合当地规定'],
  materials: Array.from({ length: 14 }, (_, i) => ({
    name: i === 0 ? '居民身份证' : i === 1 ? '户口簿' : `家庭收入及财产状况证明材料（第 ${i - 1} 项）`,
    form: i < 2 ? '原件' : '复印件',
    copies: 1,
    necessity: i === 13 ? '容缺后补' : '必要',
    note: i === 13 ? '5 个工作日内补交' : undefined,
  })),
  steps: [
    { name: '受理', department: '青山镇便民服务中心', days: '即时' },
    { name: '入户调查（现场勘验）', department: '青山镇社会事务办公室', days: '10 个工作日' },
    { name: '公示', department: '村（居）委会', days: '7 天（不计入时限）' },
    { name: '审核确认', department: '示范县民政局', days: '8 个工作日' },
  ],
  url: 'https://bianmin.example.gov.cn/portal/items/0001',
  printedOn: '2026-11-23',
  version: 3,
};

const dir = mkdtempSync(join(tmpdir(), 'bianmin-guide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('办事指南 PDF', () => {
  test('is an A4 PDF whose Chinese text extracts, with materials across pages and page numbers', async () => {
    const pdf = await renderGuidePdf(guide);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'guide.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Title:\s+最低生活保障审核确认 办事指南/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of ['最低生活保障审核确认', '办事指南', '25 个工作日', '最多跑 1 次', '村代办员可代办', '《社会救助暂行办法》第十一条', '容缺后补', '审核确认', '第 1 页']) {
      expect(text).toContain(s);
    }
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(`共 ${pages} 页`);
    // The font is embedded as a subset (only the glyphs used), so the file stays small.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC/);
    expect(pdf.length).toBeLessThan(400_000);
    // Rendered page 1 for people to look at (scripts/test.sh keeps nothing; see the note below).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    expect(readFileSync(join(dir, 'page-1.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
