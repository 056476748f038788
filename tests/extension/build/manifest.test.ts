// The manifest asks for the minimum: the six API permissions the features need (identity only
// for chrome.identity.launchWebAuthFlow, the OpenID sign-in), page access
// only to the meeting sites (through the overlay's matches), no host permission for the relay
// (its API answers CORS; websockets need none).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('extension manifest');

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'extension', 'manifest.json'), 'utf8'));

test('permissions are exactly the six the features use', () => {
  assert.equal([...manifest.permissions].sort(), ['alarms', 'identity', 'notifications', 'offscreen', 'sidePanel', 'storage']);
  assert.is(manifest.host_permissions, undefined);
  assert.is(manifest.optional_host_permissions, undefined);
});

test('the overlay runs only on Meet, the Zoom web client and Teams', () => {
  assert.is(manifest.content_scripts.length, 1);
  assert.equal(manifest.content_scripts[0].matches, [
    'https://meet.google.com/*',
    'https://*.zoom.us/wc/*',
    'https://teams.microsoft.com/*',
    'https://teams.live.com/*',
  ]);
});

test('MV3 module service worker, side panel, popup and options pages', () => {
  assert.is(manifest.manifest_version, 3);
  assert.equal(manifest.background, { service_worker: 'background.js', type: 'module' });
  assert.is(manifest.side_panel.default_path, 'side-panel/index.html');
  assert.is(manifest.action.default_popup, 'popup/index.html');
  assert.is(manifest.options_ui.page, 'options/index.html');
});

test.run();
