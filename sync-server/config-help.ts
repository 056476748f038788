// The two texts generated from the settings schema: `ltm-relay --help` and the settings table of
// sync-server/README.md (`npm run docs:relay` rewrites it; a test fails when the two differ).
import { SETTINGS, type ServiceConfig, type Setting } from './config-schema.ts';
import { serviceDefaults } from './config.ts';

export const CONFIG_FLAG = 'config';
export const CONFIG_ENV = 'LTM_CONFIG';

const PRECEDENCE = 'Flags win over environment variables, which win over the config file, which wins over the defaults.';

export function helpText(): string {
  const defaults = serviceDefaults();
  const lines = [
    'Usage: ltm-relay [--config relay.json] [--<setting> <value> ...]   serve (default)',
    '       ltm-relay backup --data <dir> --out <dir2>                  copy a (live) data directory',
    '       ltm-relay check --data <dir>                                schema version and integrity_check',
    '       ltm-relay migrate-to-postgres --data <dir> --database-url <url>  copy a SQLite relay into an empty PostgreSQL',
    '       ltm-relay --help | --version',
    '',
    `  --${CONFIG_FLAG} <file>   (${CONFIG_ENV})  a JSON file of settings, shaped like {"relay": {"port": 8787}, "access": {...}, "website": {...}}`,
    '',
    `Settings. ${PRECEDENCE}`,
    'Secrets have no flag (command lines show in process listings). Durations are milliseconds.',
    '',
  ];
  for (const s of SETTINGS) {
    const flag = s.flag === null ? '(no flag)' : `--${s.flag}`;
    lines.push(`  ${flag}  ${s.env}  [${s.path}]  default: ${shownDefault(s, defaults, false)}`, `      ${s.doc}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The README's table of settings (Markdown). */
export function settingsTable(): string {
  const defaults = serviceDefaults();
  const rows = SETTINGS.map((s) => {
    const flag = s.flag === null ? '(env or file only)' : `\`--${s.flag}\``;
    return `| \`${s.path}\` | \`${s.env}\` | ${flag} | ${shownDefault(s, defaults, true)} | ${s.doc.replaceAll('|', '\\|')} |`;
  });
  return ['| setting (file key) | env | flag | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function shownDefault(s: Setting, defaults: ServiceConfig, markdown: boolean): string {
  const value = s.path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], defaults);
  const code = (text: string) => (markdown ? `\`${text}\`` : text);
  if (value === null) return 'unset';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : code(value.join(','));
  // A record setting (the OpenID providers by name): its names, or none.
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'none' : code(Object.keys(value).join(','));
  if (typeof value !== 'number') return code(String(value));
  const unit = s.path.endsWith('Ms') ? inUnits(value, DURATIONS) : s.path.endsWith('Bytes') ? inUnits(value, SIZES) : null;
  return unit === null ? code(String(value)) : `${code(String(value))} (${unit})`;
}

const DURATIONS: readonly (readonly [number, string])[] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
const SIZES: readonly (readonly [number, string])[] = [[1024 * 1024, 'MiB'], [1024, 'KiB']];

/** The largest unit that divides the value exactly, if any: 3600000 ms is "1 h". */
function inUnits(value: number, units: readonly (readonly [number, string])[]): string | null {
  const found = units.find(([unit]) => value >= unit && value % unit === 0);
  return found ? `${value / found[0]} ${found[1]}` : null;
}
