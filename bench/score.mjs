// Scoring throughput: our wasm core (in Node's V8, the engine Chromium
// runs) beside npm vader-sentiment 1.1.3 and npm sentiment 5.0.2, on the
// same English texts in the same run; plus our speed on Chinese text.
// Texts: ../shared/corpora when present, else a generated set. Timings on
// a shared machine wander: each scorer is timed ROUNDS times, the rounds of
// all scorers interleaved, and its best round counts.
// Usage: node bench/score.mjs [rounds=5]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../tests/e2e/harness.mjs';

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment');
const Sentiment = require('sentiment');
const core = await import(join(ROOT, 'pkg/brand_radar.js'));
await core.default({ module_or_path: readFileSync(join(ROOT, 'pkg/brand_radar_bg.wasm')) });

function corpus(name, fallback) {
  const file = join(ROOT, '../shared/corpora', name, 'eval.tsv');
  if (!existsSync(file)) return fallback;
  return readFileSync(file, 'utf8').split('\n').map((l) => l.split('\t')[1]).filter(Boolean);
}
const gen = (words, n) => Array.from({ length: n }, (_, i) => Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(' '));
const english = corpus('vader-tweets', gen(['good', 'bad', 'service', 'was', 'not', 'great', 'slow', 'coffee', 'love', 'awful'], 4000))
  .concat(corpus('vader-amazon', []), corpus('vader-movie', []));
const chinese = corpus('chnsenticorp-hotel', gen(['服務', '很好', '不推', '房間', '乾淨', '太貴', '早餐'], 4000));
const mb = (texts) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;

const ROUNDS = Number(process.argv[2] ?? 5);

/** Best time in seconds of each function over ROUNDS interleaved rounds. */
function timeAll(fns) {
  const best = fns.map(() => Infinity);
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((fn, i) => {
      const t = performance.now();
      fn();
      best[i] = Math.min(best[i], performance.now() - t);
    });
  }
  return best.map((ms) => ms / 1000);
}

let t0 = performance.now();
core.scoreBatch('warm up', new Float32Array());
const initMs = performance.now() - t0;

const joinedEn = english.join('\u001f');
const joinedZh = chinese.join('\u001f');
const none = new Float32Array();
const s = new Sentiment();
const [ours, oursZh, v, se, explain] = timeAll([
  () => core.scoreBatch(joinedEn, none),
  () => core.scoreBatch(joinedZh, none),
  () => { for (const t of english) vader.SentimentIntensityAnalyzer.polarity_scores(t); },
  () => { for (const t of english) s.analyze(t); },
  () => { for (const t of english.slice(0, 2000)) core.scoreText(t); },
]);

const row = (name, secs, texts) => `| ${name} | ${(texts.length / secs).toFixed(0)} | ${(mb(texts) / secs).toFixed(2)} |`;
console.log(`lexicon build (first call): ${initMs.toFixed(0)} ms`);
console.log(`English: ${english.length} texts, ${mb(english).toFixed(2)} MB; Chinese: ${chinese.length} texts, ${mb(chinese).toFixed(2)} MB\n`);
console.log('| scorer | texts/s | MB/s |\n|---|---|---|');
console.log(row('Brand Radar wasm, scoreBatch (English)', ours, english));
console.log(row('Brand Radar wasm, scoreBatch (Chinese)', oursZh, chinese));
console.log(row('Brand Radar wasm, scoreText with reasons (English)', explain, english.slice(0, 2000)));
console.log(row('npm vader-sentiment 1.1.3', v, english));
console.log(row('npm sentiment 5.0.2', se, english));
console.log(`\nBrand Radar / vader-sentiment: ${(v / ours).toFixed(1)}x`);
