import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makeIdNumber } from '../seed/codes.js';
import {
  cnDate,
  decisionTitle,
  noticeNumber,
  printableId,
  renderAcceptanceNotice,
  renderCorrectionNotice,
  renderDecisionNotice,
  renderDeliveryReceipt,
  renderRejectionNotice,
  type AcceptanceNotice,
  type NoticeHeader,
} from './case.notices-pdf.js';

const ID = makeIdNumber('110105', '19900307', 2); // a valid, clear ID number that must never be printed
const MASKED = `${ID.slice(0, 6)}********${ID.slice(-4)}`;
const CASE_NO = '11139921MB0000000X2000105001000202611230007';

const header: NoticeHeader = {
  centerName: '青山镇便民服务中心',
  centerAddress: '示范县青山镇人民路 8 号',
  centerPhone: '0399-86011001',
  caseNumber: CASE_NO,
  itemName: '最低生活保障审核确认',
  implementationCode: '11139921MB0000000X2000105001000',
  applicantName: '张三',
  applicantIdMasked: MASKED,
  trackUrl: `https://bianmin.example.gov.cn/portal/track?no=${CASE_NO}`,
  appliedOn: '2026-11-23',
  issuedOn: '2026-11-23',
  issuer: '青山镇便民服务中心',
};

const acceptance: AcceptanceNotice = {
  ...header,
  acceptedAt: '2026-11-23 09:12',
  promisedDays: 25,
  dueDate: '2026-12-28',
  materials: [
    { name: '居民身份证', form: '原件', copies: 1, pages: 1, note: '核验后退还' },
    { name: '户口簿', form: '复印件', copies: 1, pages: 4 },
    { name: '家庭收入及财产状况证明材料', form: '复印件', copies: 1, pages: 6 },
    { name: '低保申请书（申请人签字）', form: '原件', copies: 1, pages: null },
  ],
  deferred: [{ name: '残疾人证', dueDate: '2026-11-30' }],
  pickup: '窗口领取（青山镇便民服务中心 1 号综合受理窗口）',
};

const dir = mkdtempSync(join(tmpdir(), 'bianmin-notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the PDF, checks it is A4 with the font embedded, and returns its text and page count. */
function inspect(pdf: Buffer, name: string, facts: { itemName?: string; salutation?: boolean } = {}): { text: string; pages: number; info: string } {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  // NOTICES_OUT=/tmp/x keeps each PDF and its pages as PNG there, for people to look at.
  const out = process.env.NOTICES_OUT;
  if (out) {
    writeFileSync(join(out, `${name}.pdf`), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(out, name)]);
  }
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSansSC/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // The privacy promise: name and masked ID only; the clear ID number (in any spacing) never.
  expect(text.replace(/\s+/g, '')).not.toContain(ID);
  expect(pdf.toString('latin1')).not.toContain(ID);
  expect(text).not.toMatch(/\b\d{17}[\dX]\b/);
  if (facts.salutation !== false) expect(text).toContain('张三：');
  for (const s of [CASE_NO, facts.itemName ?? header.itemName, '张三', MASKED, '扫码查询办理进度', '青山镇便民服务中心', '2026年11月23日', `共 ${pages} 页`]) {
    expect(text).toContain(s);
  }
  return { text, pages, info };
}

describe('case notices (文书) PDF', () => {
  test('helpers: number line, titles, dates, masking', () => {
    expect(noticeNumber('acceptance', CASE_NO, '2026-11-23')).toBe(`〔2026〕受字第 ${CASE_NO} 号`);
    expect(decisionTitle(true, '行政许可')).toBe('准予行政许可决定书');
    expect(decisionTitle(false, '行政许可')).toBe('不予行政许可决定书');
    expect(decisionTitle(true, '行政确认')).toBe('准予办理决定书');
    expect(decisionTitle(false, '行政给付')).toBe('不予办理决定书');
    expect(cnDate('2026-01-05')).toBe('2026年1月5日');
    expect(cnDate('2026-11-23T09:12:00')).toBe('2026年11月23日');
    expect(printableId(ID)).toBe(MASKED);
    expect(printableId('110105900307002')).toBe('110105*****7002');
    expect(printableId('91110105MA01ABCD1X')).toBe('91110105MA01ABCD1X'); // not a valid ID number: printed as given
  });

  test('受理通知书: accepted, promised days and due date, materials and 容缺 promises', async () => {
    const started = Date.now();
    const { text, pages, info } = inspect(await renderAcceptanceNotice(acceptance), 'acceptance');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pages).toBe(1);
    expect(info).toMatch(new RegExp(`Title:\\s+受理通知书 ${CASE_NO}`));
    for (const s of ['受理通知书', `〔2026〕受字第 ${CASE_NO} 号`, '予以受理', '25 个工作日', '2026年12月28日', '残疾人证', '2026年11月30日', '户口簿', '窗口领取', '特此通知']) {
      expect(text).toContain(s);
    }
  });

  test('受理通知书: a long materials list breaks across pages with the header repeated and page numbers', async () => {
    const materials = Array.from({ length: 70 }, (_, i) => ({ name: `证明材料第 ${i + 1} 项`, form: i % 2 ? '复印件' : '原件', copies: 1, pages: 2 }));
    const { text, pages } = inspect(await renderAcceptanceNotice({ ...acceptance, materials }), 'acceptance-long');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('证明材料第 70 项');
    expect(text).toContain(`第 2 页 / 共 ${pages} 页`);
    expect(text.split('材料名称').length - 1).toBe(pages + 1); // the table header on every page (and the 容缺 table's)
  });

  test('即办件 says so instead of a due date', async () => {
    const { text } = inspect(await renderAcceptanceNotice({ ...acceptance, promisedDays: 0, deferred: [] }), 'acceptance-instant');
    expect(text).toContain('即办件');
    expect(text).not.toContain('容缺');
  });

  test('补正材料一次性告知书: every item with its problem and requirement, and the deadline', async () => {
    const items = [
      { name: '户口簿', problem: '复印件缺少户主页', requirement: '补交户口簿户主页及本人页复印件各 1 份' },
      { name: '家庭收入证明', problem: '未加盖村（居）委会公章', requirement: '由村（居）委会核实后加盖公章' },
      { name: '银行卡', problem: '未提供', requirement: '提供申请人本人名下社会保障卡或银行卡复印件' },
    ];
    const { text } = inspect(await renderCorrectionNotice({ ...header, items, deadlineDays: 5, note: '补正材料可交由村代办员代为提交。' }), 'correction');
    for (const s of ['补正材料一次性告知书', `〔2026〕补字第 ${CASE_NO} 号`, '一次性告知', '5 个工作日内', '村代办员']) expect(text).toContain(s);
    for (const it of items) for (const s of [it.name, it.problem]) expect(text).toContain(s);
    expect(text.replace(/\s+/g, '')).toContain('提供申请人本人名下社会保障卡或银行卡复印件');
  });

  test('不予受理通知书: reasons, legal basis and the right to 行政复议 / 行政诉讼', async () => {
    const { text } = inspect(
      await renderRejectionNotice({
        ...header,
        reasons: ['申请人户籍不在本镇，依法不属于本中心受理范围', '申请事项依法不需要取得行政许可'],
        legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款'],
        remedy: '如不服本决定，可在收到本通知书之日起六十日内向示范县人民政府申请行政复议，或者在六个月内向示范县人民法院提起行政诉讼。',
      }),
      'rejection',
    );
    for (const s of ['不予受理通知书', `〔2026〕不受字第 ${CASE_NO} 号`, '户籍不在本镇', '《中华人民共和国行政许可法》第三十二条第一款', '决定不予受理', '行政复议', '行政诉讼']) {
      expect(text).toContain(s);
    }
  });

  test('准予行政许可决定书 and 不予办理决定书', async () => {
    const base = {
      ...header,
      itemName: '食品经营许可',
      issuer: '示范县市场监督管理局',
      acceptedAt: '2026-11-24',
      legalBasis: ['《中华人民共和国食品安全法》第三十五条', '《食品经营许可和备案管理办法》第二十条'],
      remedy: '如不服本决定，可在收到本决定书之日起六十日内向示范县人民政府申请行政复议，或者在六个月内向示范县人民法院提起行政诉讼。',
    };
    const yes = inspect(
      await renderDecisionNotice({
        ...base,
        approved: true,
        itemTypeLabel: '行政许可',
        decisionNo: '示市监许准字〔2026〕第 0123 号',
        content: '准予你单位从事预包装食品销售（含冷藏冷冻食品），经营场所为示范县青山镇人民路 12 号，许可有效期五年。',
        reasons: [],
        resultNo: 'JY13399210001234',
      }),
      'decision-yes',
      { itemName: '食品经营许可' },
    );
    for (const s of ['准予行政许可决定书', '示市监许准字〔2026〕第 0123 号', '符合法定条件', '决定准予行政许可', 'JY13399210001234', '2026年11月24日', '示范县市场监督管理局']) expect(yes.text).toContain(s);

    const no = inspect(
      await renderDecisionNotice({
        ...base,
        approved: false,
        itemTypeLabel: '行政给付',
        decisionNo: '示民给不字〔2026〕第 0007 号',
        content: '',
        reasons: ['经入户调查，申请人家庭人均月收入高于当地最低生活保障标准'],
      }),
      'decision-no',
      { itemName: '食品经营许可' },
    );
    for (const s of ['不予办理决定书', '不符合法定条件', '一、经入户调查', '标准。', '决定不予办理', '行政复议']) expect(no.text).toContain(s);
  });

  test('送达回证: documents, method and signature blanks (or the delivery date)', async () => {
    const documents = [
      { name: '准予行政许可决定书', number: '示市监许准字〔2026〕第 0123 号' },
      { name: '食品经营许可证（正本、副本）', number: 'JY13399210001234' },
    ];
    const blank = inspect(await renderDeliveryReceipt({ ...header, documents, method: '窗口领取', recipient: '张三' }), 'delivery-blank', { salutation: false });
    for (const s of ['送达回证', `〔2026〕送字第 ${CASE_NO} 号`, '送达文书', '准予行政许可决定书', 'JY13399210001234', '窗口领取', '受送达人', '签名（盖章）', '送达人签名']) {
      expect(blank.text).toContain(s);
    }
    expect(blank.text.match(/年\s+月\s+日/g)?.length).toBe(4); // 送达日期 and three signatures, dated by hand
    const done = inspect(
      await renderDeliveryReceipt({ ...header, documents, method: '邮寄送达（EMS 1234567890123）', recipient: '张三', deliveredAt: '2026-12-30' }),
      'delivery-done',
      { salutation: false },
    );
    for (const s of ['EMS 1234567890123', '2026年12月30日']) expect(done.text).toContain(s);
    const agent = inspect(
      await renderDeliveryReceipt({ ...header, documents, method: '窗口领取', recipient: '李四', deliveredAt: '2026-12-30' }),
      'delivery-agent',
      { salutation: false },
    );
    expect(agent.text).toContain('代收人：李四');
  });

  test('a clear ID number passed by mistake is masked on paper', async () => {
    const pdf = await renderRejectionNotice({ ...header, applicantIdMasked: ID, reasons: ['不属于本中心受理范围'], legalBasis: [], remedy: '' });
    const { text } = inspect(pdf, 'rejection-clear-id');
    expect(text).toContain(MASKED);
    expect(text).toContain('根据有关法律法规的规定');
  });

  test('page 1 renders to PNG', () => {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'acceptance.pdf'), join(dir, 'page')]);
    expect(readFileSync(join(dir, 'page-1.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
