// extension/shared/wire.js against the real wasm core: the one JavaScript
// owner of the wire format must speak the format src/wasm.rs reads and writes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import {
  MENTION_STRIDE, SEP, VERDICT_STRIDE, encodeSignals, joinTexts, pickSignals, pushCode, setVerdict, signalsAt, verdictAt, verdictCount,
} from '../../extension/shared/wire.js';

const PKG = new URL('../../pkg/', import.meta.url);
let core;

before(async () => {
  core = await import(new URL('brand_radar.js', PKG));
  await core.default({ module_or_path: readFileSync(new URL('brand_radar_bg.wasm', PKG)) });
});

test('a batch scored through the wire gives each unit the verdict it gets alone', () => {
  const units = [
    { text: '店長態度很差，還說不爽就不要來', push: '噓 ' },
    { text: 'The baristas are super friendly, love it', rating: 5 },
    { text: '請問這間有停車位嗎？' },
    { text: 'Average food.', rating: 3, likes: 12, replies: 2 },
  ];
  const signals = encodeSignals(units);
  const v = core.scoreBatch(joinTexts(units.map((u) => u.text)), signals);
  assert.equal(verdictCount(v), units.length);
  assert.equal(v.length, units.length * VERDICT_STRIDE);
  units.forEach((u, i) => {
    const alone = core.scoreText(u.text, u.rating, u.push?.trim(), u.likes ?? 0, u.replies ?? 0);
    const got = verdictAt(v, i);
    assert.equal(got.label, alone.label, u.text);
    assert.ok(Math.abs(got.score - alone.score) < 1e-5, `${u.text}: ${got.score} vs ${alone.score}`);
  });
  assert.deepEqual(['neg', 'pos'], [verdictAt(v, 0).label, verdictAt(v, 1).label]);
});

test('signals survive a round trip and a pick', () => {
  const s = encodeSignals([{ rating: 4 }, { push: '推', likes: 12, replies: 3 }, { push: '→' }, {}]);
  assert.deepEqual(signalsAt(s, 0), { rating: 4, push: undefined, likes: 0, replies: 0 });
  assert.deepEqual(signalsAt(s, 1), { rating: undefined, push: '推', likes: 12, replies: 3 });
  assert.deepEqual([pushCode('噓 '), pushCode('→'), pushCode(undefined)], [-1, 0, 0]);
  const picked = pickSignals(s, [1, 0]);
  assert.deepEqual([signalsAt(picked, 0).push, signalsAt(picked, 1).rating], ['推', 4]);
});

test('a verdict written into a flat array reads back the same', () => {
  const v = new Float32Array(2 * VERDICT_STRIDE);
  setVerdict(v, 1, { score: -0.5, label: 'neg', confidence: 0.75 });
  assert.deepEqual(verdictAt(v, 1), { score: -0.5, label: 'neg', confidence: 0.75 });
  assert.deepEqual(verdictAt(v, 0), { score: 0, label: 'neu', confidence: 0 });
});

test('the separator splits units and mentions come in strides', () => {
  assert.equal(SEP, '\u001f');
  const e = new core.Engine(JSON.stringify({ version: 1, brands: [{ name: '雲朵咖啡', aliases: ['雲朵'] }] }));
  const f = e.findAll('雲朵很好喝，雲朵咖啡也是', new Uint32Array(0));
  assert.equal(f.length % MENTION_STRIDE, 0);
  assert.equal(f.length / MENTION_STRIDE, 2);
  e.free();
});
