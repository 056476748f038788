// The relay as `npm run build` compiled it (dist/server/, the package's bin), for scenarios that
// start the CLI dozens of times: node alone starts it in about half the time tsx needs, whose
// loader hooks resolve and load each of the relay's modules on every start. A build older than
// any relay source fails loudly, so a scenario never runs yesterday's relay.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..', '..');
/** The compiled CLI, relative to the repository (scripts/build-relay.ts writes it). */
export const COMPILED_CLI = join('dist', 'server', 'sync-server', 'main.js');
// Every folder the relay's compile reads (tsconfig.build.json follows main.ts's imports into these).
const SOURCES = ['sync-server', 'wire', 'crdt'];

export class StaleRelayBuildError extends Error {
  override readonly name = 'StaleRelayBuildError';
}

function newestSource(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  for (const dir of SOURCES) {
    for (const entry of readdirSync(join(REPO, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      const { mtimeMs } = statSync(file);
      if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
    }
  }
  return newest;
}

/** The compiled CLI's path, once it is known to be built from the current sources. */
export function compiledCli(): string {
  const entry = join(REPO, COMPILED_CLI);
  if (!existsSync(entry)) throw new StaleRelayBuildError(`no compiled relay at ${COMPILED_CLI}; run \`npm run build\` first.`);
  const source = newestSource();
  if (source.mtimeMs > statSync(entry).mtimeMs) throw new StaleRelayBuildError(`${source.file} is newer than ${COMPILED_CLI}; run \`npm run build\` first.`);
  return COMPILED_CLI;
}
