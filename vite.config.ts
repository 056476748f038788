// One build in four passes. Into dist/extension/: `vite build` bundles the pages (side panel,
// popup, options, offscreen), sharing chunks; `vite build --mode background` bundles the module
// service worker as one file of its own, so tree-shaking keeps only what the worker uses (a chunk
// shared with the pages carries every export any page needs); `vite build --mode overlay` bundles
// the content script as one self-contained IIFE (content scripts cannot import modules), with its
// Svelte styles injected into its shadow root. Into dist/viewer/: `vite build --mode viewer`
// builds the live viewer (extension/viewer/, the same components) as a plain web page, which the
// relay serves at /m/<meetingId>.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { extensionAssets } from './extension/build/extension-assets.ts';

const root = join(import.meta.dirname, 'extension');
const outDir = join(import.meta.dirname, 'dist', 'extension');

const PAGES = ['side-panel', 'popup', 'options', 'offscreen'] as const;
// The Svelte options live here, not in a svelte.config.js the plugin would look for (and say so on
// every pass); rolldown's plugin-timings hint measures the shared machine, not the build.
const svelteOptions = { configFile: false } as const;
const QUIET_CHECKS = { bundlerTimings: false } as const;

class MissingEntryError extends Error {
  override name = 'MissingEntryError';
}

function entry(path: string): string {
  const full = join(root, path);
  if (!existsSync(full)) throw new MissingEntryError(`extension entry missing: extension/${path}`);
  return full;
}

function pagesBuild(): UserConfig {
  const input: Record<string, string> = {};
  for (const page of PAGES) input[page] = entry(`${page}/index.html`);
  return {
    root,
    base: '/',
    plugins: [svelte(svelteOptions), extensionAssets(root, join(import.meta.dirname, 'package.json'))],
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome116',
      modulePreload: false,
      sourcemap: false,
      rolldownOptions: {
        checks: QUIET_CHECKS,
        input,
        output: { entryFileNames: 'assets/[name]-[hash].js' },
      },
    },
  };
}

/** A pass that bundles one entry into one self-contained file beside the pages. */
function singleFileBuild(name: string, path: string, format: 'es' | 'iife', plugins: UserConfig['plugins'] = []): UserConfig {
  return {
    root,
    plugins,
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'chrome116',
      sourcemap: false,
      rolldownOptions: {
        checks: QUIET_CHECKS,
        input: { [name]: entry(path) },
        output: { format, entryFileNames: `${name}.js`, codeSplitting: false },
      },
    },
  };
}

const backgroundBuild = () => singleFileBuild('background', 'background/index.ts', 'es');
const overlayBuild = () => singleFileBuild('overlay', 'overlay/index.ts', 'iife', [svelte({ ...svelteOptions, compilerOptions: { css: 'injected' } })]);

// V8's explicit compile hint, which must open the file: the viewer's entry chunk is compiled
// eagerly while it streams in, since nearly all of it runs before the first paint.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

const viewerCompileHint: Plugin = {
  name: 'ltm-viewer-compile-hint',
  enforce: 'post',
  generateBundle: {
    // After Vite's own post-processing, which prepends its preload map to the entry.
    order: 'post',
    handler(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry) chunk.code = `${COMPILE_HINT}\n${chunk.code}`;
      }
    },
  },
};

// The viewer's early script (extension/viewer/early-start.ts), inlined into the shell as a classic
// script: the parser runs it as soon as it reaches it, so its socket opens while the bundle still
// downloads and compiles. A module script, even async, ran no sooner than the bundle on a cold
// visit. It is bundled on its own, in memory, and the relay allows it by its hash.
class EarlyScriptError extends Error {
  override name = 'EarlyScriptError';
}

async function bundleEarlyScript(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      rolldownOptions: {
        checks: QUIET_CHECKS,
        input: entry('viewer/early-start.ts'),
        output: { format: 'iife', codeSplitting: false },
      },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunks = outputs.flatMap((o) => ('output' in o ? o.output : [])).filter((c) => c.type === 'chunk');
  const [chunk] = chunks;
  if (chunks.length !== 1 || !chunk) throw new EarlyScriptError(`the early script bundled into ${chunks.length} chunks, expected one`);
  const code = chunk.code.trim();
  // What would end the script early or change how the parser reads it, and what the parser would
  // normalise (so the relay's hash of the served text would no longer be what the browser hashes).
  const unsafe = ['</script', '<script', '<!--', '\r'].find((text) => code.toLowerCase().includes(text));
  if (unsafe !== undefined) throw new EarlyScriptError(`the early script contains ${JSON.stringify(unsafe)} and cannot be inlined`);
  return code;
}

// Where the shell (extension/viewer/index.html) takes the script: before the stylesheet, since a
// classic script after a stylesheet waits for it.
const EARLY_SCRIPT_MARKER = '<!-- early-start.ts -->';

const viewerEarlyScript: Plugin = {
  name: 'ltm-viewer-early-script',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    async handler(html) {
      if (!html.includes(EARLY_SCRIPT_MARKER)) throw new EarlyScriptError(`the viewer shell has no ${EARLY_SCRIPT_MARKER} marker`);
      const script = `<script>${await bundleEarlyScript()}</script>`;
      // A function, so no "$&" in the minified code is read as a replacement pattern.
      return html.replace(EARLY_SCRIPT_MARKER, () => script);
    },
  },
};

function translationChunk(moduleId: string): string | null {
  const locale = /_locales[\\/]([^\\/]+)[\\/]/.exec(moduleId)?.[1];
  return locale === undefined || locale === 'en' ? null : `messages-${locale}`;
}

function viewerBuild(): UserConfig {
  return {
    root: join(root, 'viewer'),
    base: '/viewer/',
    plugins: [svelte(svelteOptions), viewerCompileHint, viewerEarlyScript],
    publicDir: false,
    build: {
      outDir: join(import.meta.dirname, 'dist', 'viewer'),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      sourcemap: false,
      rolldownOptions: {
        checks: QUIET_CHECKS,
        input: { viewer: entry('viewer/index.html') },
        // One chunk per translated language, loaded only by readers of that language.
        output: { codeSplitting: { groups: [{ name: translationChunk, test: /_locales/ }] } },
      },
    },
  };
}

const BUILDS: Record<string, () => UserConfig> = { background: backgroundBuild, overlay: overlayBuild, viewer: viewerBuild };

export default defineConfig(({ mode }) => (BUILDS[mode] ?? pagesBuild)());
