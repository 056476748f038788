// `npm run build` step: compiles the relay to JavaScript in dist/server/ (tsconfig.build.json,
// relative .ts imports rewritten to .js) and bundles the account page's script into
// dist/account/account.js, so a production install (`npm prune --omit=dev`) runs the relay with
// node alone: no tsx, no esbuild, no TypeScript. The compiled entry is the package's bin.
// The compile only emits (--noCheck): `npm run typecheck` and svelte-check type the whole repo, and
// with isolatedModules the emitted JavaScript never depends on types, so checking again here
// doubled the build's longest step for nothing.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILT_ACCOUNT_SCRIPT, bundleAccountScript } from '../sync-server/web/account-page/client-bundle.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT_DIR = join(ROOT, 'dist', 'server');
export const RELAY_ENTRY = join(OUT_DIR, 'sync-server', 'main.js');

rmSync(OUT_DIR, { recursive: true, force: true });
execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit' });
chmodSync(RELAY_ENTRY, 0o755);
mkdirSync(dirname(BUILT_ACCOUNT_SCRIPT), { recursive: true });
writeFileSync(BUILT_ACCOUNT_SCRIPT, await bundleAccountScript());
console.log(`compiled the relay into ${OUT_DIR} and the account script into ${BUILT_ACCOUNT_SCRIPT}`);
