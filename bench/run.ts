import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './lib.js';

/**
 * `npm run bench`: runs every bench/*.bench.ts and bench/bundle.ts (or those whose file name contains one of the
 * arguments), one after another, prints a table and writes bench/results.json.
 * Numbers are never a pass/fail of `npm test`; the ratio to a same-run ceiling is what to compare.
 */
const benchDir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);

function isResult(x: unknown): x is BenchResult {
  const r = x as BenchResult;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.name === 'string' &&
    typeof r.value === 'number' &&
    typeof r.unit === 'string' &&
    typeof r.ceiling === 'number' &&
    typeof r.ratio === 'number'
  );
}

function table(rows: BenchResult[]): string {
  const head = ['benchmark', 'value', 'unit', 'ceiling', 'ratio'];
  const cells = rows.map((r) => [r.name, r.value.toFixed(1), r.unit, r.ceiling.toFixed(1), r.ratio.toFixed(3)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 || i === 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const files = readdirSync(benchDir)
    // bundle.ts (each app's first-load size) is one too; it also runs on its own (`npx tsx bench/bundle.ts`).
    .filter((f) => f.endsWith('.bench.ts') || f === 'bundle.ts')
    .filter((f) => filters.length === 0 || filters.some((q) => f.includes(q)))
    .sort();
  if (files.length === 0) throw new Error(`no benchmarks match ${filters.join(' ') || 'bench/*.bench.ts'}`);

  const results: BenchResult[] = [];
  const failures: string[] = [];
  for (const file of files) {
    console.log(`▶ ${file}`);
    const started = Date.now();
    try {
      const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as { default?: () => Promise<unknown> };
      if (typeof mod.default !== 'function') throw new Error('no default export function');
      const out = await mod.default();
      if (!Array.isArray(out) || !out.every(isResult)) throw new Error('must return BenchResult[] ({name, value, unit, ceiling, ratio})');
      results.push(...out);
      console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      failures.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      console.error(`  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  console.log('');
  if (results.length) console.log(table(results));
  const out = join(benchDir, 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
  if (failures.length) {
    console.error(`\n${failures.length} benchmark(s) failed:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().then(
  // Open handles (pools, timers) of a benchmark must not keep the process alive.
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
