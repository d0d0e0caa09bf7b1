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
  assert.deepEqual(m.permissions, ['storage', 'contextMenus', 'pageCapture', 'sidePanel', 'notifications',
    'unlimitedStorage']);
  assert.deepEqual(m.host_permissions, ['<all_urls>']);
  assert.equal(m.side_panel.default_path, 'sidepanel/panel.html');
  assert.ok(m.commands['save-evidence'].suggested_key.default);
  // Only the content script's matcher-only core is exposed to pages' frames.
  assert.deepEqual(m.web_accessible_resources[0].resources, ['brand_radar_match_bg.wasm']);
  // Pages cannot fetch it by the extension's ID (a probe): only by the session's dynamic URL.
  assert.ok(m.web_accessible_resources.every((w) => w.use_dynamic_url === true));
  // No style sheet injected into pages: its rules (`::highlight(brand-radar-…)`) could be read
  // back with getComputedStyle, telling any page that Brand Radar is installed (content/marks.js).
  assert.ok(m.content_scripts.every((c) => !c.css), 'content scripts inject no CSS');
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
  // Firefox's origin is random per install: no dynamic URL needed (nor known to it).
  assert.ok(m.web_accessible_resources.every((w) => !('use_dynamic_url' in w)));
  for (const w of chrome.web_accessible_resources) delete w.use_dynamic_url;
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

test('a tab loads a small core; the worker\'s core with the model stays within its budget', async () => {
  const { readFileSync, existsSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  const pkg = new URL('../../pkg/', import.meta.url);
  const gz = (f) => gzipSync(readFileSync(new URL(f, pkg)), { level: 9 }).length;
  assert.ok(existsSync(new URL('brand_radar_match_bg.wasm', pkg)), 'node scripts/build.mjs builds both cores');
  const tab = gz('brand_radar_match_bg.wasm');
  const worker = gz('brand_radar_bg.wasm');
  assert.ok(tab <= 300 * 1024, `content-script core ${tab} B gzipped, budget 300 KB`);
  assert.ok(worker <= 2.5 * 1024 * 1024, `service-worker core ${worker} B gzipped, budget 2.5 MB`);
  // The matcher-only core has no scorer: its exports stop at matching.
  const glue = readFileSync(new URL('brand_radar_match.js', pkg), 'utf8');
  assert.doesNotMatch(glue, /scoreBatch|explainBatch|sealRecord/);
  assert.match(glue, /findAll/);
});

test('the shipped build holds no test hooks; the test build does', async () => {
  const { readFileSync, existsSync } = await import('node:fs');
  const dist = new URL('../../dist/', import.meta.url);
  const worker = (dir) => readFileSync(new URL(`${dir}/background.js`, dist), 'utf8');
  assert.ok(existsSync(new URL('chrome-test/background.js', dist)), 'node scripts/build.mjs builds the test build too');
  for (const shipped of ['chrome', 'firefox']) assert.doesNotMatch(worker(shipped), /entryPoints/, shipped);
  for (const test of ['chrome-test', 'firefox-test']) assert.match(worker(test), /entryPoints/, test);
});

test('site rules and risk grades come from the files the core reads too', async () => {
  const { readFileSync } = await import('node:fs');
  const { ADAPTERS } = await import('../../extension/shared/adapters.js');
  const { GRADES, gradeOf } = await import('../../extension/shared/risk.js');
  const index = JSON.parse(readFileSync(new URL('../../adapters/index.json', import.meta.url), 'utf8'));
  assert.deepEqual(ADAPTERS.map((a) => a.site), index.order.filter((s) => s !== 'generic'));
  assert.deepEqual(GRADES, ['low', 'medium', 'high', 'critical']);
  // The same products as src/risk.rs's test grades.
  assert.deepEqual([[1, 4], [1, 5], [3, 3], [2, 5], [3, 5], [4, 4], [5, 5]].map(([l, i]) => gradeOf(l, i)),
    ['low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
});

test('the store limits: name, short name and description fit in every language', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const dir = new URL('../../extension/_locales/', import.meta.url);
  for (const lang of readdirSync(dir)) {
    const m = JSON.parse(readFileSync(new URL(`${lang}/messages.json`, dir), 'utf8'));
    assert.ok(m.extName.message.length <= 75, `${lang} name`);
    assert.ok(m.extShortName.message.length <= 12, `${lang} short name`);
    // The Chrome Web Store refuses a manifest description over 132 characters.
    assert.ok(m.extDescription.message.length <= 132, `${lang} description: ${m.extDescription.message.length}`);
  }
});
