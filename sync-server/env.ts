// The only module that reads process.env and argv: the config file (--config or LTM_CONFIG), the
// LTM_* variables and the --flags become layers over the defaults. Precedence, lowest first:
// defaults, config file, environment, flags.
import { parseArgs } from 'node:util';
import { CONFIG_ENV, CONFIG_FLAG } from './config-help.ts';
import { layerFromEnv, layerFromFile, layerFromFlags, flagOptions } from './config-layers.ts';
import { resolveServiceConfig, UnknownSettingError, type RelayConfig, type ServiceConfig } from './config.ts';

export function loadServiceConfig(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { [CONFIG_FLAG]: { type: 'string' }, ...flagOptions() }, strict: true }));
  } catch (error) {
    throw new UnknownSettingError(argv.join(' '), 'command line', `is refused: ${(error as Error).message}`);
  }
  const file = (values[CONFIG_FLAG] as string | undefined) ?? env[CONFIG_ENV];
  const fileLayer = file === undefined || file === '' ? [] : [layerFromFile(file)];
  return resolveServiceConfig([...fileLayer, layerFromEnv(env), layerFromFlags(values)]);
}

/** The relay's part of the configuration. */
export function configFromEnvironment(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): RelayConfig {
  return loadServiceConfig(argv, env).relay;
}

/** The data directory the data tools use when no --data flag is given. */
export function environmentDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LTM_DATA || undefined;
}
