// The wasm wire format, the one JavaScript owner of it (src/wasm.rs owns the
// Rust side). Batches cross the boundary as one string and flat typed arrays,
// not one call or one object per unit: the strides and codes below are that
// format, and nothing else in the extension indexes those arrays by hand.

/** Separates the texts of a batch (U+001F, the unit separator): no page text holds it. */
export const SEP = '\u001f';

/** Numbers per unit in the signals a batch carries: rating, push, likes, replies. */
export const SIGNAL_STRIDE = 4;

/** Numbers per unit in `scoreBatch`'s answer: score, label, confidence. */
export const VERDICT_STRIDE = 3;

/** Numbers per mention in `findAll`'s answer: brand, start, end, flags. */
export const MENTION_STRIDE = 4;

/** Labels by their wire code (−1, 0, 1). */
const LABELS = ['neg', 'neu', 'pos'];

/**
 * Site signals of one unit.
 * @typedef {{ rating?: number | null, push?: string | null, likes?: number, replies?: number }} Signals
 */

/**
 * One verdict.
 * @typedef {{ score: number, label: 'neg' | 'neu' | 'pos', confidence: number }} Verdict
 */

/**
 * The texts of a batch as one string.
 * @param {Iterable<unknown>} texts
 * @returns {string}
 */
export const joinTexts = (texts) => Array.from(texts, String).join(SEP);

/**
 * A PTT push tag's code: 1 for 推, −1 for 噓, 0 otherwise (→ or none).
 * @param {unknown} tag
 * @returns {number}
 */
export function pushCode(tag) {
  const t = typeof tag === 'string' ? tag.trim() : '';
  return t.startsWith('推') ? 1 : t.startsWith('噓') ? -1 : 0;
}

/**
 * The push tag a code stands for.
 * @param {number} code
 * @returns {'推' | '噓' | undefined}
 */
export const pushTag = (code) => (code > 0 ? '推' : code < 0 ? '噓' : undefined);

/**
 * The flat signals of a batch of units (a missing rating is NaN).
 * @param {Signals[]} units
 * @returns {Float32Array}
 */
export function encodeSignals(units) {
  const out = new Float32Array(units.length * SIGNAL_STRIDE);
  units.forEach((u, i) => {
    out.set([u.rating ?? NaN, pushCode(u.push), Number(u.likes) || 0, Number(u.replies) || 0], i * SIGNAL_STRIDE);
  });
  return out;
}

/**
 * Unit `i`'s signals, read back from flat signals.
 * @param {Float32Array} signals
 * @param {number} i
 * @returns {{ rating: number | undefined, push: '推' | '噓' | undefined, likes: number, replies: number }}
 */
export function signalsAt(signals, i) {
  const at = i * SIGNAL_STRIDE;
  const rating = signals[at];
  return { rating: Number.isNaN(rating) ? undefined : rating, push: pushTag(signals[at + 1]),
    likes: Math.max(0, Math.round(signals[at + 2]) || 0), replies: Math.max(0, Math.round(signals[at + 3]) || 0) };
}

/**
 * The flat signals of units `indices` of a batch, in that order.
 * @param {Float32Array} signals
 * @param {number[]} indices
 * @returns {Float32Array}
 */
export function pickSignals(signals, indices) {
  const out = new Float32Array(indices.length * SIGNAL_STRIDE);
  indices.forEach((i, k) => out.set(signals.subarray(i * SIGNAL_STRIDE, (i + 1) * SIGNAL_STRIDE), k * SIGNAL_STRIDE));
  return out;
}

/**
 * Unit `i`'s verdict in `scoreBatch`'s answer.
 * @param {ArrayLike<number>} verdicts
 * @param {number} i
 * @returns {Verdict}
 */
export function verdictAt(verdicts, i) {
  const at = i * VERDICT_STRIDE;
  const label = /** @type {Verdict['label']} */ (LABELS[verdicts[at + 1] + 1] ?? 'neu');
  return { score: verdicts[at], label, confidence: verdicts[at + 2] };
}

/**
 * Writes unit `i`'s verdict into a flat verdict array.
 * @param {Float32Array} verdicts
 * @param {number} i
 * @param {Verdict} v
 */
export function setVerdict(verdicts, i, v) {
  verdicts.set([v.score, LABELS.indexOf(v.label) - 1, v.confidence], i * VERDICT_STRIDE);
}

/**
 * How many units a flat verdict array holds.
 * @param {ArrayLike<number>} verdicts
 */
export const verdictCount = (verdicts) => Math.floor(verdicts.length / VERDICT_STRIDE);
