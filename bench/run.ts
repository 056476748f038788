// Runs the benchmarks (all bench/*.bench.ts, or those named on the command line), prints their
// figures and rewrites only their sections of bench/RESULTS.md, each stamped with date and machine.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { BenchFn, BenchResult } from './bench-result.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(BENCH_DIR, 'RESULTS.md');
const SUFFIX = '.bench.ts';
const HEADER = [
  '# Benchmark results',
  '',
  'Written by `npm run bench` (all) or `npm run bench -- <name>` (one); each run rewrites only its',
  'own section below. Figures are medians unless marked p95.',
  '',
].join('\n');

const markers = (name: string) => [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`] as const;

function machine(): string {
  return `machine: ${availableParallelism()} cores, Node ${process.version}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderSection(r: BenchResult, date: Date): string {
  const [open, close] = markers(r.name);
  const lines = [open, `## ${r.name}: ${r.title}`, '', `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()}`, ''];
  lines.push('| metric | value | target | ok |', '| --- | ---: | ---: | :---: |');
  for (const row of r.rows) {
    const ok = row.ok === undefined ? '' : row.ok ? 'yes' : '**no**';
    lines.push(`| ${cell(row.metric)} | ${cell(row.value)} | ${cell(row.target ?? '')} | ${ok} |`);
  }
  if (r.notes && r.notes.length > 0) lines.push('', ...r.notes.map((n) => `- ${n}`));
  lines.push(close);
  return lines.join('\n');
}

export function replaceSection(doc: string, r: BenchResult, date: Date): string {
  const [open, close] = markers(r.name);
  const section = renderSection(r, date);
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start >= 0 && end > start) return doc.slice(0, start) + section + doc.slice(end + close.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}

function printResult(r: BenchResult): void {
  console.log(`\n${r.name}: ${r.title}`);
  for (const row of r.rows) {
    const target = row.target ? `  (target ${row.target}${row.ok === false ? ', MISSED' : ''})` : '';
    console.log(`  ${row.metric.padEnd(48)} ${row.value}${target}`);
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const available = readdirSync(BENCH_DIR).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  const names = wanted.length > 0 ? wanted : available;
  let doc = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : HEADER;
  let failed = 0;
  for (const name of names) {
    try {
      const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}${SUFFIX}`)).href)) as { default: BenchFn };
      const result = await mod.default();
      printResult(result);
      doc = replaceSection(doc, result, new Date());
      writeFileSync(RESULTS, doc.endsWith('\n') ? doc : `${doc}\n`);
    } catch (error) {
      failed++;
      console.error(`bench ${name} failed:`, error);
    }
  }
  console.log(`\n${machine()}; results in ${RESULTS}`);
  if (failed > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
