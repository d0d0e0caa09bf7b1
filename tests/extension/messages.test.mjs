// extension/shared/messages.js: every message the background receives is
// declared with its senders and a sanitizer, and the sanitizers keep only
// what the background expects from a hostile page's content script.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as messages from '../../extension/shared/messages.js';

const { TO_BACKGROUND, allowed } = messages;
const EXT = 'chrome-extension://abc/';

test('every message to the background is declared, and the router handles each', () => {
  const toBackground = Object.entries(messages).filter(([k]) => /^(CS|UI)_BG_/.test(k)).map(([, v]) => v);
  assert.deepEqual(Object.keys(TO_BACKGROUND).sort(), toBackground.sort());
  const router = readFileSync(new URL('../../extension/background/router.js', import.meta.url), 'utf8');
  for (const [name, type] of Object.entries(messages)) {
    if (!/^(CS|UI)_BG_/.test(name)) continue;
    assert.match(router, new RegExp(`\\[${name}\\]:`), `${type} has a handler`);
  }
});

test('senders: extension pages only where a message is privileged', () => {
  const content = { id: 'x', tab: { id: 3 }, url: 'https://shop.example/' };
  const page = { id: 'x', url: `${EXT}popup/popup.html` };
  const worker = { id: 'x' };
  assert.equal(allowed(TO_BACKGROUND['ui-bg-capture'].from, content, EXT), false);
  assert.equal(allowed(TO_BACKGROUND['ui-bg-capture'].from, page, EXT), true);
  assert.equal(allowed(TO_BACKGROUND['cs-bg-capture'].from, worker, EXT), false);
  assert.equal(allowed(TO_BACKGROUND['cs-bg-capture'].from, content, EXT), true);
  assert.equal(allowed(TO_BACKGROUND['cs-bg-score'].from, page, EXT), true);
});

test('payloads are cut to their declared shape', () => {
  const s = (type, msg) => TO_BACKGROUND[type].sanitize(msg);
  assert.equal(s('cs-bg-find', { text: 42 }), null, 'no text, no answer');
  const find = s('cs-bg-find', { text: 'a', nodes: [1, 'x', 2.5, 3, { evil: 1 }] });
  assert.deepEqual([...find.nodes], [1, 3]);
  assert.equal(s('cs-bg-score', { texts: 'not a list' }), null);
  const batch = s('cs-bg-score', { texts: [1, 'b'], signals: ['5', 'x'] });
  assert.deepEqual(batch.texts, ['1', 'b']);
  assert.ok(batch.signals instanceof Float32Array);
  assert.equal(batch.signals[0], 5);
  assert.equal(s('cs-bg-owners', { authors: ['a'], links: 'x', texts: ['t'] }), null, 'three lists or nothing');
  assert.deepEqual(s('cs-bg-owners', { authors: [1], links: [''], texts: ['t'], extra: 1 }),
    { authors: ['1'], links: [''], texts: ['t'] });
  assert.deepEqual(s('cs-bg-reply', { text: 'r', comment: 7, extra: 1 }), { text: 'r', comment: '7' });
  assert.equal(s('cs-bg-reply', { comment: 'c' }), null, 'no reply, no check');
  const cap = s('cs-bg-capture', { target: 'unit', unitId: '7', source: 'hover', extra: 'dropped' });
  assert.deepEqual(cap, { source: 'hover', target: 'unit', unitId: 7 });
  const mentions = s('cs-bg-mentions', { url: 'u', total: 'lots', units: { total: 2, top: [{ text: 'x'.repeat(500), crises: ['safety', 3] }] } });
  assert.equal(mentions.total, 0);
  assert.equal(mentions.units.top[0].text.length, 140);
  assert.deepEqual(mentions.units.top[0].crises, ['safety', '3']);
  assert.equal(mentions.units.top[0].answered, false, 'answered only when it says so');
  const explain = s('cs-bg-explain', { text: 't', signals: { rating: 'bad', push: '推推推推推推' } });
  assert.deepEqual([explain.signals.rating, explain.signals.push], [undefined, '推推推推']);
});
