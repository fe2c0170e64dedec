import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sm3 } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import { createPdf, finishPdf } from '../../platform/pdf.js';
import { users } from '../auth/auth.tables.js';
import { files } from '../files/files.tables.js';
import { regions } from '../org/org.tables.js';
import { DEMO_POLICIES, type DemoPolicy } from './data/demo-policies.js';
import { policyDocuments } from './policies.tables.js';
import { POLICY_FILE_PURPOSE, searchText } from './policies.rules.js';

/**
 * The demo county's policy library (data/demo-policies.ts): published documents of the county and
 * of 青山镇 / 河西镇, one draft and one withdrawn document, a few with a small PDF attachment. Runs
 * inside the demo seed's transaction: direct inserts only, never `deps.db`.
 */

async function renderAttachment(title: string, lines: string[]): Promise<Buffer> {
  const doc = createPdf({ title });
  doc.font('bold').fontSize(16).text(title.replace(/\.pdf$/, ''), { align: 'center' });
  doc.moveDown(1.5).font('regular').fontSize(12);
  for (const line of lines) doc.text(line).moveDown(1.2);
  return finishPdf(doc, '示范县便民服务一体化平台 · 演示数据');
}

export async function seedDemoPolicies(tx: Executor, ids: { countyId: string }): Promise<number> {
  const regionRows = await tx
    .select({ id: regions.id, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(eq(regions.countyId, ids.countyId), inArray(regions.level, ['county', 'township'])));
  const regionOf = (p: DemoPolicy) => regionRows.find((r) => (p.region === 'county' ? r.level === 'county' : r.name === p.region));
  const usernames = [...new Set(DEMO_POLICIES.map((p) => p.by))];
  const userRows = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
  let n = 0;
  for (const p of DEMO_POLICIES) {
    const region = regionOf(p);
    if (!region) continue;
    const createdBy = userRows.find((u) => u.username === p.by)?.id ?? null;
    const attachments: { fileId: string; name: string }[] = [];
    if (p.attachment) {
      const content = await renderAttachment(p.attachment.name, p.attachment.lines);
      const fileId = newId();
      await tx.insert(files).values({ id: fileId, countyId: ids.countyId, purpose: POLICY_FILE_PURPOSE, name: p.attachment.name, mime: 'application/pdf', size: content.length, sha: sm3(content), content, createdBy });
      attachments.push({ fileId, name: p.attachment.name });
    }
    const body = p.body.join('\n');
    const at = new Date(`${p.publishedOn ?? '2026-11-01'}T09:00:00+08:00`);
    await tx.insert(policyDocuments).values({
      countyId: ids.countyId,
      regionId: region.id,
      title: p.title,
      docNo: p.docNo,
      issuer: p.issuer,
      topic: p.topic,
      kind: p.kind,
      publishedOn: p.publishedOn,
      summary: p.summary,
      body,
      attachments,
      searchText: searchText({ title: p.title, docNo: p.docNo, issuer: p.issuer, summary: p.summary, body }),
      status: p.status,
      createdBy,
      createdAt: at,
      updatedAt: at,
    });
    n++;
  }
  return n;
}
