// Every UI string goes through _locales: both languages carry the same keys,
// the same placeholders, and every key the code or HTML asks for exists.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const EXT = new URL('../../extension/', import.meta.url).pathname;
const load = (lang) => JSON.parse(readFileSync(join(EXT, '_locales', lang, 'messages.json'), 'utf8'));
const zh = load('zh_TW');
const en = load('en');

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== '_locales') files(p, out); } else out.push(p);
  }
  return out;
}

test('zh_TW and en have the same keys, each with a description', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
  for (const [k, v] of Object.entries(zh)) {
    assert.ok(v.message.trim(), `zh_TW ${k} is empty`);
    assert.ok(v.description, `${k} has no description for translators`);
  }
});

test('placeholders match between languages', () => {
  const holes = (m) => [...m.matchAll(/\$(\d)/g)].map((x) => x[1]).sort().join();
  for (const k of Object.keys(zh)) assert.equal(holes(zh[k].message), holes(en[k].message), k);
});

test('every key used in code, HTML and the manifest exists', () => {
  const used = new Set();
  for (const f of files(EXT)) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.html')) for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) used.add(m[1]);
    if (f.endsWith('.js')) for (const m of text.matchAll(/\bt\('([A-Za-z]+)'/g)) used.add(m[1]);
    // Keys kept in tables (response steps) rather than passed to t() directly.
    if (f.endsWith('.js')) for (const m of text.matchAll(/'(step[A-Z][A-Za-z]+)'/g)) used.add(m[1]);
    if (f.endsWith('.js')) for (const m of text.matchAll(/t\(\w+ \? '([A-Za-z]+)' : '([A-Za-z]+)'\)/g)) { used.add(m[1]); used.add(m[2]); }
    if (f.endsWith('manifest.json')) for (const m of text.matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
  }
  assert.ok(used.size > 20, `found only ${used.size} keys: the scan is broken`);
  for (const k of used) assert.ok(k in zh, `missing locale key ${k}`);
});

test('zh_TW is the default locale', () => {
  const manifest = JSON.parse(readFileSync(join(EXT, 'manifest.json'), 'utf8'));
  assert.equal(manifest.default_locale, 'zh_TW');
});

test('t() falls back to the bundled messages of the browser language when chrome.i18n has none', async () => {
  let ui = 'zh-TW';
  let own = '';
  globalThis.chrome = { i18n: { getMessage: () => own, getUILanguage: () => ui } };
  try {
    const { t } = await import('../../extension/shared/i18n.js');
    assert.equal(t('mentionsOnPage', 10), zh.mentionsOnPage.message.replace('$1', '10'));
    ui = 'en-US';
    assert.equal(t('mentionsOnPage', 10), en.mentionsOnPage.message.replace('$1', '10'));
    ui = 'fr';
    assert.equal(t('mentionsOnPage', 3), zh.mentionsOnPage.message.replace('$1', '3'), 'the default locale');
    own = 'from chrome';
    assert.equal(t('mentionsOnPage', 3), 'from chrome', 'chrome.i18n wins when it answers');
    own = '';
    assert.equal(t('noSuchKey'), 'noSuchKey', 'a missing key stays visible');
  } finally {
    delete globalThis.chrome;
  }
});

// The core's enums reach the UI as values the code turns into keys
// (t(`reason_${kind}`)): every variant needs its message, or the user reads
// the key. Read from the Rust source, with each enum's serde naming.
const SRC = new URL('../../src/', import.meta.url).pathname;
function variants(file, name, rename) {
  const text = readFileSync(join(SRC, file), 'utf8');
  const body = text.match(new RegExp(`pub enum ${name} \\{([^}]*)\\}`))?.[1];
  assert.ok(body, `no enum ${name} in src/${file}`);
  const words = (v) => v.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
  const case_ = { lowercase: (v) => v.toLowerCase(), snake: (v) => words(v).join('_'), kebab: (v) => words(v).join('-') };
  return [...body.matchAll(/^\s{4}([A-Z][A-Za-z]*)\s*[,({]/gm)].map((m) => case_[rename](m[1]));
}

test('every value of the core that the UI names has a message in both languages', () => {
  const keyed = [
    ['reason_', variants('sentiment.rs', 'ReasonKind', 'kebab').map((k) => k.replace('-', '_'))],
    ['label_', variants('sentiment.rs', 'Label', 'lowercase')],
    ['crisis_', variants('crisis.rs', 'Crisis', 'lowercase')],
    ['risk_', variants('risk.rs', 'Grade', 'lowercase')],
    ['reply_', variants('reply.rs', 'Problem', 'snake')],
    ['replyAdvice_', variants('reply.rs', 'Problem', 'snake')],
    ['replyGood_', variants('reply.rs', 'Strength', 'snake')],
    ['replyVerdict_', variants('reply.rs', 'Verdict', 'lowercase')],
  ];
  const kinds = readFileSync(join(SRC, 'impersonation.rs'), 'utf8').match(/pub const KINDS: \[&str; \d+\] = \[([^\]]*)\]/)?.[1];
  assert.ok(kinds, 'no scam signal KINDS in src/impersonation.rs');
  keyed.push(['signal_', [...kinds.matchAll(/"([a-z]+)"/g)].map((m) => m[1])]);
  for (const [prefix, values] of keyed) {
    assert.ok(values.length >= 2, `${prefix}: read ${values.length} values, the parse is broken`);
    for (const v of values) {
      assert.ok(`${prefix}${v}` in zh, `missing zh_TW ${prefix}${v}`);
      assert.ok(`${prefix}${v}` in en, `missing en ${prefix}${v}`);
    }
  }
});
