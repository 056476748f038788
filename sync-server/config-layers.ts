// Turns the places a setting can come from into layers of values, and layers into one validated
// config. Precedence is the order of the layers: defaults < config file < environment < flags.
// Each value remembers where it came from, so a refusal names the flag, variable or file at fault.
import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { ConfigFileError, InvalidSettingError, UnknownSettingError } from './config-errors.ts';
import { crossChecks, FIXED, SETTINGS, type ServiceConfig, type Setting, type SettingPath } from './config-schema.ts';

export interface SettingValue {
  readonly value: unknown;
  /** `--port`, `LTM_PORT`, `relay.json`: shown in errors (with the value unless it is secret). */
  readonly from: string;
}
export type SettingLayer = ReadonlyMap<SettingPath, SettingValue>;

const byPath = new Map<string, Setting>(SETTINGS.map((s) => [s.path, s]));

/** A nested object shaped like ServiceConfig (a config file, or overrides in code). */
export function layerFromObject(input: unknown, from: string): SettingLayer {
  const layer = new Map<SettingPath, SettingValue>();
  const walk = (value: unknown, prefix: string): void => {
    for (const [key, child] of Object.entries(value as object)) {
      const path = prefix + key;
      if (child === undefined) continue;
      const known = byPath.get(path);
      if (known) layer.set(known.path, { value: child, from });
      else if (isPlainObject(child) && SETTINGS.some((s) => s.path.startsWith(`${path}.`))) walk(child, `${path}.`);
      else throw new UnknownSettingError(path, from, FIXED[path] === undefined ? undefined : `is not settable: ${FIXED[path]}`);
    }
  };
  if (!isPlainObject(input)) throw new ConfigFileError(from, 'must hold a JSON object');
  walk(input, '');
  return layer;
}

export function layerFromFile(file: string): SettingLayer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigFileError(file, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(file, `not JSON (${(error as Error).message})`);
  }
  return layerFromObject(parsed, file);
}

export function layerFromEnv(env: Readonly<Record<string, string | undefined>>): SettingLayer {
  return textLayer(SETTINGS.map((s) => [s, s.env, env[s.env]]));
}

const isSwitch = (s: Setting) => (s.type._zod.def as { type: string }).type === 'boolean';

/** parseArgs options for every setting that has a flag; each takes a value, and a list may be
 *  given as one comma-separated value or by repeating the flag. */
export function flagOptions(): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(SETTINGS.flatMap((s) => (s.flag === null ? [] : [[s.flag, { type: 'string' as const, multiple: true }]])));
}

/** A boolean flag given alone (`--allow-insecure-oidc`, last or before another flag) means true. */
export function expandSwitches(argv: readonly string[]): string[] {
  const switches = new Set(SETTINGS.filter((s) => s.flag !== null && isSwitch(s)).map((s) => `--${s.flag}`));
  return argv.flatMap((arg, i) => (switches.has(arg) && (i + 1 === argv.length || argv[i + 1]!.startsWith('--')) ? [arg, 'true'] : [arg]));
}

export function layerFromFlags(values: Readonly<Record<string, unknown>>): SettingLayer {
  return textLayer(
    SETTINGS.map((s) => {
      const value = s.flag === null ? undefined : values[s.flag];
      const text = Array.isArray(value) ? (isArray(s) ? value.join(',') : value.at(-1)) : value === undefined ? undefined : String(value);
      return [s, `--${s.flag}`, text as string | undefined];
    }),
  );
}

const isArray = (s: Setting) => (s.type._zod.def as { type: string }).type === 'array';

function textLayer(entries: readonly (readonly [Setting, string, string | undefined])[]): SettingLayer {
  const layer = new Map<SettingPath, SettingValue>();
  for (const [setting, name, text] of entries) {
    // Unset and empty mean the same: the next layer down (compose files often pass VAR= ).
    if (text === undefined || text === '') continue;
    const shown = setting.redact ? name : `${name}=${JSON.stringify(text)}`;
    layer.set(setting.path, { value: fromText(setting.type, text), from: shown });
  }
  return layer;
}

/** Text to the setting's type; text that does not convert is passed on for zod to refuse. */
function fromText(type: z.ZodType, text: string): unknown {
  const def = type._zod.def as { type: string; innerType?: z.ZodType; entries?: Record<string, string> };
  if (def.type === 'nullable' && def.innerType) return fromText(def.innerType, text);
  switch (def.type) {
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[text.toLowerCase()] ?? text;
    case 'array':
      return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    case 'enum':
      return Object.values(def.entries ?? {}).find((entry) => entry.toLowerCase() === text.toLowerCase()) ?? text;
    default:
      return text;
  }
}

let schema: z.ZodType | null = null;

function serviceSchema(): z.ZodType {
  const tree: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const keys = s.path.split('.');
    let node = tree;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = s.type;
  }
  // Loose objects: the fixed fields of the defaults pass through untouched.
  const toZod = (node: Record<string, unknown>): z.ZodType =>
    z.looseObject(Object.fromEntries(Object.entries(node).map(([k, v]) => [k, v instanceof z.ZodType ? v : toZod(v as Record<string, unknown>)])));
  return toZod(tree).superRefine((config, ctx) => crossChecks(config as ServiceConfig, ctx));
}

/** Defaults overlaid by each layer in turn, validated as a whole. */
export function resolveSettings(defaults: ServiceConfig, layers: readonly SettingLayer[]): ServiceConfig {
  const merged = structuredClone(defaults) as unknown as Record<string, unknown>;
  const sources = new Map<string, string>();
  for (const layer of layers) {
    for (const [path, { value, from }] of layer) {
      const keys = path.split('.');
      let node = merged;
      for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[keys.at(-1)!] = value;
      sources.set(path, from);
    }
  }
  schema ??= serviceSchema();
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // An element of a list setting (trustedProxies.1) is reported as the setting itself.
    const keys = issue.path.map(String);
    const path = keys.map((_, i) => keys.slice(0, keys.length - i).join('.')).find((p) => byPath.has(p)) ?? keys.join('.');
    // A rule between settings names the other one too, with where its value came from.
    const problem = issue.message.replace(/\b(?:relay|access|website)\.[A-Za-z.]+/g, (other) => (sources.has(other) ? `${other} (${sources.get(other)})` : other));
    throw new InvalidSettingError(path, sources.get(path) ?? 'default', problem);
  }
  const config = result.data as ServiceConfig;
  const publicUrl = config.relay.publicUrl;
  return { ...config, access: { ...config.access, publicUrl }, website: { ...config.website, publicUrl } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
