import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ItemContent } from './catalog.contract.js';
import { checkBasicCode, itemTypeByLabel, stepDays, validateContent } from './catalog.rules.js';
import { rank, searchable } from './catalog.search.js';
import { buildContent, DEMO_CATALOG, demoTemplates, implementationLevel, levelsOf, type DemoItem } from './data/demo-catalog.js';
import { formFileName, renderTemplate } from './data/demo-forms.js';

/** The real item list the demo catalog must cover, row by row. */
const TSV = readFileSync(new URL('./data/township-items.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('name\t'))
  .map((l) => {
    const [name, department, type, levels, legalBasis, handling, promisedDays, agent] = l.split('\t');
    return { name, department, type, levels, legalBasis, handling, promisedDays: Number(promisedDays.replace('~', '')), agent: agent.trim() === '1' };
  });

const byName = new Map(DEMO_CATALOG.map((d) => [d.name, d]));

// Fake ids stand in for what the seed resolves: one per county department, one implementing department, files per form.
const countyIds = new Map<string, string>();
const countyDepartmentId = (shortName: string) => {
  if (!countyIds.has(shortName)) countyIds.set(shortName, randomUUID());
  return countyIds.get(shortName)!;
};
const ownDepartmentId = randomUUID();
const files = new Map(demoTemplates().map((t) => [t.title, { blankFileId: randomUUID(), sampleFileId: randomUUID() }]));
const place = { place: '示范县青山镇人民政府院内', hours: '周一至周五 8:30-12:00，14:30-17:30', phone: '0399-86010011', complaintPhone: '0399-86010000' };
const contentOf = (d: DemoItem) => buildContent(d, { ...place, ownDepartmentId, countyDepartmentId, files });

describe('the demo catalog covers the township item list', () => {
  test('one definition per TSV row, in the same order', () => {
    expect(TSV.length).toBeGreaterThanOrEqual(48);
    expect(DEMO_CATALOG.map((d) => d.name)).toEqual(TSV.map((r) => r.name));
  });

  test.each(TSV.map((r) => [r.name, r] as const))('%s matches its row', (_name, r) => {
    const d = byName.get(r.name)!;
    expect(d.department).toBe(r.department);
    expect(d.itemType).toBe(itemTypeByLabel(r.type));
    expect(d.levels).toBe(r.levels);
    expect(d.handlingType).toBe(r.handling === '即办' ? 'instant' : 'promised');
    expect(d.promisedDays).toBe(r.promisedDays);
    expect(d.agentEligible).toBe(r.agent);
    // A law named in the TSV is among the legal bases (with its article when the TSV gives one).
    if (r.legalBasis.startsWith('《')) expect(d.legalBasis.some((b) => `${b.name}${b.article}`.startsWith(r.legalBasis))).toBe(true);
  });

  test('basic codes are valid for the item type and unique', () => {
    for (const d of DEMO_CATALOG) expect(checkBasicCode(d.basicCode, d.itemType), d.name).toBeNull();
    expect(new Set(DEMO_CATALOG.map((d) => d.basicCode)).size).toBe(DEMO_CATALOG.length);
  });
});

describe('every definition is a valid published content', () => {
  test.each(DEMO_CATALOG.map((d) => [d.name, d] as const))('%s', (_name, d) => {
    const c = contentOf(d);
    const parsed = ItemContent.safeParse(c);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // The schema changes nothing (no trimming, no defaults): what is seeded is what an editor would save.
    expect(parsed.data).toEqual(c);
    const errors = validateContent(c, { centerLevel: implementationLevel(d), knownDepartmentIds: new Set([ownDepartmentId, ...countyIds.values()]), knownFileIds: new Set([...files.values()].flatMap((f) => [f.blankFileId, f.sampleFileId])) });
    expect(errors).toEqual([]);
  });

  test('levels follow the TSV: 村->镇->县 is accepted in the village, pre-reviewed by the township, decided by the county', () => {
    expect(levelsOf('村->镇->县')).toEqual({ acceptLevels: ['village', 'township'], preReviewLevel: 'township', decideLevel: 'county' });
    expect(levelsOf('镇->县')).toEqual({ acceptLevels: ['township'], preReviewLevel: null, decideLevel: 'county' });
    expect(levelsOf('村->镇')).toEqual({ acceptLevels: ['village', 'township'], preReviewLevel: null, decideLevel: 'township' });
    expect(levelsOf('镇')).toEqual({ acceptLevels: ['township'], preReviewLevel: null, decideLevel: 'township' });
  });

  test('realistic shape: 2–6 materials, 1–5 steps, instant items take 0 days, promised ones fit their promise', () => {
    for (const d of DEMO_CATALOG) {
      expect(d.materials.length, d.name).toBeGreaterThanOrEqual(2);
      expect(d.materials.length, d.name).toBeLessThanOrEqual(6);
      expect(d.steps.length, d.name).toBeLessThanOrEqual(5);
      if (d.handlingType === 'instant') expect(d.steps.every((s) => s.days === 0), d.name).toBe(true);
      else expect(stepDays(d.steps), d.name).toBeLessThanOrEqual(d.promisedDays);
      if (d.legalDays !== null) expect(d.legalDays).toBeGreaterThanOrEqual(d.promisedDays);
      expect(d.conditions.length, d.name).toBeGreaterThan(0);
    }
  });

  test('application forms: every 申请书/申请表 material has a blank form and a sample, at most one per item', () => {
    for (const d of DEMO_CATALOG) {
      const forms = d.materials.filter((m) => /(申请书|申请表|申报表|审批表|登记表)$/.test(m.name));
      for (const m of forms) expect(m.template?.title, `${d.name}: ${m.name}`).toBe(m.name);
      expect(d.materials.filter((m) => m.template).length).toBeLessThanOrEqual(1);
    }
    const c = contentOf(byName.get('最低生活保障审核确认')!);
    expect(c.materials[0]).toMatchObject({ name: '最低生活保障申请书', blankFileId: files.get('最低生活保障申请书')!.blankFileId, sampleFileId: files.get('最低生活保障申请书')!.sampleFileId });
  });

  test('special procedures where the law has them, joint items, steps by role', () => {
    const dibao = contentOf(byName.get('最低生活保障审核确认')!);
    expect(dibao.specialProcedures).toEqual([expect.objectContaining({ kind: 'publicity', days: 7 })]);
    expect(dibao.materials.find((m) => m.name === '残疾人证')).toMatchObject({ necessity: 'deferrable', deferDays: 5 });
    expect(byName.get('农村村民宅基地审批')!.specialProcedures.map((p) => p.kind)).toEqual(['publicity', 'inspection']);
    expect(byName.get('林木采伐许可证核发')!.specialProcedures.map((p) => p.kind)).toEqual(['inspection']);
    const ramp = contentOf(byName.get('困难重度残疾人家庭无障碍改造申请')!);
    expect(ramp.processKind).toBe('joint');
    expect(ramp.jointDepartmentIds).toEqual([countyDepartmentId('住建')]);
    expect(ramp.steps.find((s) => s.key === 'house-check')).toMatchObject({ departmentId: countyDepartmentId('住建'), parallel: true });
    expect(ramp.steps.find((s) => s.key === 'decide')!.departmentId).toBe(ownDepartmentId);
    // Township steps of a county item are done where the case was handed in: no department of their own.
    expect(ramp.steps.find((s) => s.key === 'pre-review')!.departmentId).toBeNull();
    const id = contentOf(byName.get('居民身份证申领')!);
    expect(id.fees).toEqual([expect.objectContaining({ amountFen: 2000, basis: expect.stringContaining('发改价格〔2003〕2322号') })]);
  });
});

describe('aliases find items the way villagers ask', () => {
  const items = DEMO_CATALOG.map((d) => ({ name: d.name, searchable: searchable(d.name, d.aliases) }));
  const top = (q: string) => rank(items, q)[0]?.item.name;
  test.each([
    ['低保', '最低生活保障审核确认'],
    ['dibao', '最低生活保障审核确认'],
    ['db', '最低生活保障审核确认'],
    ['五保', '特困人员认定'],
    ['盖房', '农村村民宅基地审批'],
    ['社保卡', '社会保障卡申领'],
    ['砍树', '林木采伐许可证核发'],
    ['采伐证', '林木采伐许可证核发'],
    ['上户口', '出生登记'],
    ['养老金', '城乡居民基本养老保险待遇申领'],
  ])('%s → %s', (q, name) => {
    expect(top(q)).toBe(name);
  });
  test('残疾证 finds the disability card items', () => {
    expect(
      rank(items, '残疾证')
        .slice(0, 2)
        .map((r) => r.item.name)
        .sort(),
    ).toEqual(['残疾人证换领', '残疾人证新办']);
  });
});

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

describe('demo forms', () => {
  test.skipIf(!hasPdftotext)('every form renders to a one-page PDF with its title; samples are stamped and fake', async () => {
    const text = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
    const templates = demoTemplates();
    expect(templates.length).toBeGreaterThan(20);
    for (const t of templates) {
      const [blank, sample] = [await renderTemplate(t, 'blank'), await renderTemplate(t, 'sample')];
      expect(blank.subarray(0, 5).toString()).toBe('%PDF-');
      expect(blank.length).toBeLessThan(80_000);
      const b = text(blank);
      const s = text(sample);
      expect(b).toContain(t.title);
      expect(b.split('\f').length - 1, t.title).toBe(1);
      expect(b).not.toContain('张三');
      expect(s).toContain(t.title);
      expect(s).toContain('样表');
      expect(s.split('\f').length - 1, t.title).toBe(1);
      // Samples never carry a well-formed ID number.
      expect(s).not.toMatch(/\d{17}[\dX]/);
    }
    expect(formFileName(templates[0], 'blank')).toMatch(/（空白表）\.pdf$/);
    expect(formFileName(templates[0], 'sample')).toMatch(/（填写示例）\.pdf$/);
  }, 60_000);
});
