// Where the installed package lives, for files the relay serves or reads beside its code (the
// built viewer and extension zip under dist/, the website's assets, package.json). The relay runs
// both from source (tsx) and compiled (dist/server/), so paths are found from the package root,
// never counted in `..` steps from a module's own folder.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'leavethemeeting';

export class InstallRootError extends Error {
  override readonly name = 'InstallRootError';
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new InstallRootError(`no package.json named ${PACKAGE_NAME} above ${start}`);
  }
}

export const INSTALL_ROOT = findRoot(import.meta.dirname);

export function installPath(...segments: string[]): string {
  return join(INSTALL_ROOT, ...segments);
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(installPath('package.json'), 'utf8')) as { version: string }).version;
}
