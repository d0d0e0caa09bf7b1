// The real wasm core through its real JS glue, in Node: offsets must index
// JS strings directly, on any text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

const PKG = new URL('../../pkg/', import.meta.url);
let core;

before(async () => {
  core = await import(new URL('brand_radar.js', PKG));
  await core.default({ module_or_path: readFileSync(new URL('brand_radar_bg.wasm', PKG)) });
});

const LIST = JSON.stringify({ version: 1, brands: [
  { name: '雲朵咖啡', aliases: ['雲朵', 'Cloud Cafe'], exclusions: ['雲朵棉花糖'] },
  { name: 'Starbucks', competitor: true },
] });

function mentions(engine, text) {
  const f = engine.findAll(text, new Uint32Array(0));
  assert.ok(f instanceof Uint32Array, 'one typed array crosses the boundary');
  const out = [];
  for (let i = 0; i < f.length; i += 4) out.push([f[i], text.slice(f[i + 1], f[i + 2])]);
  return out;
}

test('offsets slice JS strings exactly, around astral characters', () => {
  const e = new core.Engine(LIST);
  const text = '👍🏻雲朵👍🏻 𝐂𝐥𝐨𝐮𝐝 𝐂𝐚𝐟𝐞，ＳＴＡＲＢＵＣＫＳ！雲朵棉花糖';
  assert.deepEqual(mentions(e, text), [[0, '雲朵'], [0, '𝐂𝐥𝐨𝐮𝐝 𝐂𝐚𝐟𝐞'], [1, 'ＳＴＡＲＢＵＣＫＳ']]);
  e.free();
});

test('lone surrogates do not shift later offsets', () => {
  const e = new core.Engine(LIST);
  const text = '\uD800x\uDC00 雲朵';
  assert.deepEqual(mentions(e, text), [[0, '雲朵']]);
  e.free();
});

test('a 20 MB text in one call', () => {
  const e = new core.Engine(LIST);
  const text = `${'a b c 字 '.repeat(2_500_000)}Starbucks`;
  assert.deepEqual(mentions(e, text), [[1, 'Starbucks']]);
  e.free();
});

test('a broken watchlist throws its reason', () => {
  assert.throws(() => new core.Engine('{"version":1,"brands":[{"name":""}]}'), /brands\[0\]\.name/);
  assert.throws(() => core.parseWatchlist('{"version":1,'), /line 1, column/);
});

test('a panic is reported, the core restarts, and engines and calls work after it', async () => {
  const { CoreCrash, guard, lastingEngine, lives } = await import('../../extension/shared/core.js');
  const g = guard(core);
  const engine = lastingEngine(g, LIST);
  assert.deepEqual(mentions(engine, '雲朵好喝'), [[0, '雲朵']]);
  const before = lives.count;
  assert.throws(() => g.panicForTests(), (e) => e instanceof CoreCrash && /panic for tests/.test(e.message));
  assert.equal(lives.count, before + 1, 're-instantiated once');
  // The engine was made in the dead instance; it is rebuilt, not reused.
  assert.deepEqual(mentions(engine, '今天的 Cloud Cafe 不錯'), [[0, 'Cloud Cafe']]);
  assert.equal(g.scoreText('這家爛透了，踩雷', undefined, undefined, 0, 0).label, 'neg');
  assert.equal(g.sha256Hex(new Uint8Array()), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(g.takePanic(), '', 'the message was taken once');
  // A second panic is survived the same way.
  assert.throws(() => g.panicForTests(), CoreCrash);
  assert.deepEqual(mentions(engine, '雲朵'), [[0, '雲朵']]);
  engine.free();
});

test('the verdict toward each brand a comment names', () => {
  const e = new core.Engine(JSON.stringify({ version: 1, brands: [
    { name: '雲朵咖啡', aliases: ['雲朵'] }, { name: '路易莎', competitor: true },
  ] }));
  const text = '改喝路易莎啦 雲朵母湯';
  const t = e.targets(text, undefined, undefined);
  const of = (b) => t.find((x) => x.brand === b);
  assert.deepEqual([of('雲朵咖啡').label, of('雲朵咖啡').competitor], ['neg', false]);
  assert.deepEqual([of('路易莎').label, of('路易莎').competitor, of('路易莎').basis], ['pos', true, 'comparison']);
  const cue = of('路易莎').reasons.find((r) => r.kind === 'comparison');
  assert.equal(text.slice(cue.start, cue.end), '改喝', 'reason spans index the JS string');
  assert.deepEqual(e.targets('今天天氣很好', undefined, undefined), []);
  // Each brand's own risk grade, with the comment's reach.
  assert.equal(of('路易莎').risk.likelihood, 1, 'praise is no risk to the praised');
  const viral = e.targets(text, undefined, undefined, 300, 0).find((x) => x.brand === '雲朵咖啡');
  assert.ok(viral.risk.impact > of('雲朵咖啡').risk.impact, JSON.stringify([viral.risk, of('雲朵咖啡').risk]));
  e.free();
});
