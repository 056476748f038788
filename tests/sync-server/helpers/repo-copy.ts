// A copy of the repository as a fresh clone would have it (the files git tracks), with
// node_modules hard-linked from this checkout (no registry needed; npm prune only unlinks, so the
// original stays whole). Install and run commands are tested in it without touching this tree.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir } from './relay-harness.ts';

export const REPO = join(import.meta.dirname, '..', '..', '..');

export function copyRepository(): string {
  const dir = join(makeTempDir(), 'repo');
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter((f) => f !== '');
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO, file), join(dir, file));
  }
  execFileSync('cp', ['-al', join(REPO, 'node_modules'), join(dir, 'node_modules')]);
  return dir;
}
