// The page's script is TypeScript under client/, type-checked with the rest of the repo (tsc has
// the DOM lib). The relay bundles it into one ES module with esbuild on first request and keeps
// the text in memory: no build step, no generated file to go stale, and no change to the
// extension's vite config. esbuild is already installed with vite and tsx (which runs the relay).
import { build } from 'esbuild';
import { join } from 'node:path';

const ENTRY = join(import.meta.dirname, 'client', 'main.ts');

export class ClientBundleError extends Error {
  override readonly name = 'ClientBundleError';
}

let cached: Promise<string> | null = null;

export function accountScript(): Promise<string> {
  cached ??= bundle().catch((error: unknown) => {
    cached = null;
    throw new ClientBundleError('bundling the account page script failed', { cause: error });
  });
  return cached;
}

async function bundle(): Promise<string> {
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
