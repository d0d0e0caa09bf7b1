// The worker's core: loaded once, warmed at start, and the watchlist's
// engine rebuilt when the watchlist changes; full verdicts with the verdict
// toward each brand a comment names.
import { lastingEngine, loadCore } from '../shared/core.js';
import { LEANING_NEGATIVE, getSettings, onSettingsChanged } from '../shared/settings.js';
import { joinTexts, pickSignals, setVerdict, signalsAt, verdictAt } from '../shared/wire.js';

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
 * Makes the verdict toward the user's own brand the analysis' headline
 * (label, score, confidence, reasons, risk), the comment's own kept as
 * `overall`: the tint, the card, the risk grade, alerts and the history all
 * read the headline, and 「改喝路易莎啦 雲朵母湯」 is bad news for 雲朵
 * whatever it says of 路易莎. With several own brands, the worst verdict
 * toward any of them. A comment naming only competitors keeps its own.
 */
function towardOwn(a) {
  const own = a.targets.filter((t) => !t.competitor).sort((x, y) => x.score - y.score)[0];
  if (!own) return;
  a.overall = { label: a.label, score: a.score, confidence: a.confidence, reasons: a.reasons, risk: a.risk };
  Object.assign(a, { label: own.label, score: own.score, confidence: 0.5 + Math.abs(own.score) / 2,
    reasons: own.reasons, risk: own.risk, toward: own.brand });
}

/**
 * `analyses[i]` with `targets`, the verdict toward each brand, where text `i`
 * names two or more, or one judged apart from the unit (a landmark, or
 * compared: 「這家比雲朵好喝多了」; otherwise with one the unit's verdict
 * is the brand's), and the headline toward the own brand (see towardOwn).
 * `signals` as scoreBatch's.
 */
export function withTargets(engine, texts, analyses, signals) {
  analyses.forEach((a, i) => {
    if (!a) return;
    const { rating, push, likes, replies } = signalsAt(signals, i);
    const targets = engine.targets(texts[i], rating, push, likes, replies);
    if (targets.length > 1 || (targets.length === 1 && targets[0].basis !== 'unit')) {
      a.targets = targets;
      towardOwn(a);
    }
  });
  return analyses;
}

/**
 * Scores `texts`, with full verdicts for the units named in `several` (they
 * name two or more watched brands: their verdict is the one toward the own
 * brand, which the scores array then carries too), for those that judge
 * the one own brand they name apart (the core finds them, in one crossing) and,
 * when `explain`, for the units a sensitivity setting could show as negative.
 * @returns {{ verdicts: Float32Array, analyses: (object | null)[] }}
 */
export function verdicts(engine, texts, signals, several = [], explain = true) {
  const joined = joinTexts(texts);
  // Through the engine: the sentiment words inside watched names (好吃屋) are blanked before scoring.
  const v = engine.scoreBatch(joined, signals);
  const multi = new Set(several.filter((i) => Number.isInteger(i) && i >= 0 && i < texts.length));
  engine.apartBatch(joined).forEach((c, i) => { if (c) multi.add(i); });
  const pick = texts.map((_, i) => i).filter((i) => {
    if (multi.has(i)) return true;
    const { label, score } = verdictAt(v, i);
    return explain && (label === 'neg' || score <= LEANING_NEGATIVE);
  });
  const sig = pickSignals(signals, pick);
  const picked = pick.map((i) => texts[i]);
  const explained = pick.length ? withTargets(engine, picked, engine.explainBatch(joinTexts(picked), sig), sig) : [];
  const analyses = texts.map(() => null);
  pick.forEach((i, k) => {
    const a = explained[k];
    analyses[i] = a;
    if (a?.toward) setVerdict(v, i, a);
  });
  return { verdicts: v, analyses };
}
