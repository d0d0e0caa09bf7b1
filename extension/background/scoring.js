// The worker's core: loaded once, warmed at start, and the watchlist's
// engine rebuilt when the watchlist changes; full verdicts with the verdict
// toward each brand a comment names.
import { lastingEngine, loadCore } from '../shared/core.js';
import { LEANING_NEGATIVE, getSettings, onSettingsChanged } from '../shared/settings.js';
import { joinTexts, pickSignals, signalsAt, verdictAt } from '../shared/wire.js';

export const ready = loadCore();
// Build the scorer as soon as the worker starts: a tab's navigation wakes
// it long before that tab's content script asks for verdicts, which would
// otherwise wait for the model to load (a few hundred ms in wasm).
ready.then((core) => core.scoreBatch('', new Float32Array(0))).catch(() => {});
let engine = null;

export async function getEngine() {
  const glue = await ready;
  if (!engine) {
    const { watchlist } = await getSettings(['watchlist']);
    engine = lastingEngine(glue, JSON.stringify(watchlist ?? { version: 1, brands: [] }));
  }
  return engine;
}

onSettingsChanged(['watchlist'], () => {
  engine?.free();
  engine = null;
});

/**
 * `analyses[i]` with `targets`, the verdict toward each brand, where text `i`
 * names two or more (with one, the unit's verdict is the brand's).
 * `signals` as scoreBatch's.
 */
export function withTargets(engine, texts, analyses, signals) {
  analyses.forEach((a, i) => {
    if (!a) return;
    const { rating, push } = signalsAt(signals, i);
    const targets = engine.targets(texts[i], rating, push);
    if (targets.length > 1) a.targets = targets;
  });
  return analyses;
}

/** Scores, and full verdicts for the units a sensitivity setting could show as negative. */
export function verdicts(core, engine, texts, signals) {
  const v = core.scoreBatch(joinTexts(texts), signals);
  const pick = texts.map((_, i) => i).filter((i) => {
    const { label, score } = verdictAt(v, i);
    return label === 'neg' || score <= LEANING_NEGATIVE;
  });
  const sig = pickSignals(signals, pick);
  const picked = pick.map((i) => texts[i]);
  const explained = pick.length ? withTargets(engine, picked, core.explainBatch(joinTexts(picked), sig), sig) : [];
  const analyses = texts.map(() => null);
  pick.forEach((i, k) => { analyses[i] = explained[k]; });
  return { verdicts: Array.from(v), analyses };
}
