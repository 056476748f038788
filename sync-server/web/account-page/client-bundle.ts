// The page's script is TypeScript under client/, type-checked with the rest of the repo (tsc has
// the DOM lib), and bundled into one ES module with esbuild. esbuild is a devDependency, so only
// a relay run from source bundles (on first request, kept in memory, never stale while editing);
// the compiled relay serves the file `npm run build` wrote (scripts/build-relay.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installPath } from '../../install-root.ts';

const ENTRY = join(import.meta.dirname, 'client', 'main.ts');
export const BUILT_ACCOUNT_SCRIPT = installPath('dist', 'account', 'account.js');
const RUNNING_FROM_SOURCE = import.meta.filename.endsWith('.ts');

export class ClientBundleError extends Error {
  override readonly name = 'ClientBundleError';
}

let cached: Promise<string> | null = null;

export function accountScript(): Promise<string> {
  cached ??= (RUNNING_FROM_SOURCE ? bundleAccountScript() : readFile(BUILT_ACCOUNT_SCRIPT, 'utf8')).catch((error: unknown) => {
    cached = null;
    const what = RUNNING_FROM_SOURCE ? 'bundling the account page script failed' : `reading ${BUILT_ACCOUNT_SCRIPT} failed (run npm run build)`;
    throw new ClientBundleError(what, { cause: error });
  });
  return cached;
}

export async function bundleAccountScript(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new ClientBundleError('esbuild produced no output');
  return output.text;
}
