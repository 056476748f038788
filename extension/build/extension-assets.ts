// Vite plugin that emits what Chrome needs besides the bundles: manifest.json (version from
// package.json), the merged _locales, and the generated PNG icons.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { mergeAllLocales } from './merge-locales.ts';
import { ICON_SIZES, iconPng } from './png-icon.ts';

export function extensionAssets(extensionDir: string, packageJsonPath: string): Plugin {
  return {
    name: 'ltm-extension-assets',
    apply: 'build',
    generateBundle() {
      const { version } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string };
      const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify({ ...manifest, version }, null, 2) });
      for (const [locale, messages] of mergeAllLocales(join(extensionDir, '_locales'))) {
        this.emitFile({ type: 'asset', fileName: `_locales/${locale}/messages.json`, source: JSON.stringify(messages, null, 2) });
      }
      for (const size of ICON_SIZES) this.emitFile({ type: 'asset', fileName: `icons/${size}.png`, source: iconPng(size) });
    },
  };
}
