// The generated sections of sync-server/README.md: the settings (from the config schema), the HTTP
// routes (from the OpenAPI document) and the metrics (from the relay's metrics registry). Run it
// (`npm run docs:relay`) to rewrite them; tests/sync-server/relay-readme.test.ts fails while the
// README differs from what this prints, so the operator's reference cannot drift from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { settingsTable } from '../sync-server/config.ts';
import { RejectReason, RelayMetrics } from '../sync-server/relay/metrics.ts';
import { openApiDocument } from '../sync-server/web/openapi/openapi-document.ts';

export const RELAY_README = join(import.meta.dirname, '..', 'sync-server', 'README.md');

export class MissingSectionError extends Error {
  override readonly name = 'MissingSectionError';
}

type Operation = { readonly summary: string; readonly responses: Readonly<Record<string, unknown>>; readonly security?: unknown };

function routesTable(): string {
  const rows = Object.entries(openApiDocument.paths).flatMap(([path, methods]) =>
    Object.entries(methods as unknown as Record<string, Operation>).map(([method, op]) => {
      const statuses = Object.keys(op.responses).join(', ');
      const session = op.security ? ' (needs a session)' : '';
      return `| \`${method.toUpperCase()} ${path}\` | ${op.summary}${session} | ${statuses} |`;
    }),
  );
  return ['| route | what | statuses |', '| --- | --- | --- |', ...rows].join('\n');
}

function metricsTable(): string {
  const metrics = new RelayMetrics().registry.getMetricsAsArray();
  const rows = metrics.map((metric) => {
    const { name, help, type, labelNames } = metric as unknown as { name: string; help: string; type: string; labelNames?: readonly string[] };
    const labels = labelNames && labelNames.length > 0 ? `{${labelNames.join(',')}}` : '';
    return `| \`${name}${labels}\` | ${type} | ${help} |`;
  });
  const reasons = Object.values(RejectReason).map((reason) => `\`${reason}\``).join(', ');
  return ['| metric | type | what |', '| --- | --- | --- |', ...rows, '', `Frame refusal reasons: ${reasons}.`].join('\n');
}

export function generatedSections(): Readonly<Record<string, string>> {
  return { settings: settingsTable(), routes: routesTable(), metrics: metricsTable() };
}

/** The README with every `<!-- generated:NAME -->` ... `<!-- /generated:NAME -->` section renewed. */
export function withGeneratedSections(readme: string): string {
  let text = readme;
  for (const [name, body] of Object.entries(generatedSections())) {
    const start = `<!-- generated:${name} (npm run docs:relay) -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new MissingSectionError(`${RELAY_README} has no ${start} ... ${end} section`);
    text = `${text.slice(0, from + start.length)}\n\n${body}\n\n${text.slice(to)}`;
  }
  return text;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(RELAY_README, withGeneratedSections(readFileSync(RELAY_README, 'utf8')));
  process.stdout.write(`${RELAY_README} rewritten\n`);
}
