// One manifest source, two generated manifests; a strict CSP with no remote code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { manifestFor } from '../../scripts/build.mjs';

test('chrome manifest is the source, with a strict extension CSP', () => {
  const m = manifestFor('chrome');
  assert.equal(m.manifest_version, 3);
  assert.equal(m.background.service_worker, 'background.js');
  const csp = m.content_security_policy.extension_pages;
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /https?:|'unsafe-inline'|'unsafe-eval'|\*/);
  // Each one is justified in README.md; a new one must be too.
  assert.deepEqual(m.permissions, ['storage', 'contextMenus', 'pageCapture', 'sidePanel', 'notifications']);
  assert.deepEqual(m.host_permissions, ['<all_urls>']);
  assert.equal(m.side_panel.default_path, 'sidepanel/panel.html');
  assert.ok(m.commands['save-evidence'].suggested_key.default);
  assert.deepEqual(m.web_accessible_resources[0].resources, ['brand_radar_bg.wasm']);
});

test('firefox manifest is generated: event page, gecko id, no Chromium-only APIs', () => {
  const m = manifestFor('firefox');
  assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
  assert.match(m.browser_specific_settings.gecko.id, /@/);
  assert.deepEqual(m.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  assert.ok(!m.permissions.includes('pageCapture'));
  assert.ok(!m.permissions.includes('sidePanel'));
  // Firefox's sidebar shows the same page as Chromium's side panel.
  assert.equal(m.sidebar_action.default_panel, 'sidepanel/panel.html');
  const chrome = manifestFor('chrome');
  delete m.background; delete chrome.background; delete m.browser_specific_settings;
  delete m.sidebar_action; delete chrome.side_panel;
  m.permissions = chrome.permissions = [];
  assert.deepEqual(m, chrome, 'nothing else differs');
});

test('README explains every permission the manifest asks for', async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Privacy and permissions'), readme.indexOf('## Layout'));
  const m = manifestFor('chrome');
  for (const p of [...m.permissions, ...m.host_permissions]) {
    assert.match(table, new RegExp(`\\| [^|\\n]*\`${p.replace(/[<>]/g, '\\$&')}\``), `README explains ${p}`);
  }
});
