// Comment units: found by the site's adapter, scored in batches by the
// background's core, tinted, and the negative ones explained and marked.
import { eachUnit, unitRange } from './units.js';
import { GENERIC, adapterFor } from '../shared/adapters.js';
import { ensureMarks } from './mentions.js';
import { clock, pause, state } from './state.js';
import { shownLabel } from '../shared/settings.js';
import { encodeSignals, pickSignals, verdictAt } from '../shared/wire.js';
import { CS_BG_SEEN } from '../shared/messages.js';

/** Reasons that count as a negative phrase to highlight. */
const PHRASE_KINDS = new Set(['term', 'learned', 'negation', 'past', 'expected']);
/** A learned n-gram must weigh this much, and be this long, to be shown as a phrase. */
const PHRASE_MIN = 0.5;
const PHRASE_CHARS = 2;

/** A unit's text as people read it: white space folded, the adapter's prefixes (PTT's ": ") gone. */
export function cleanText(text) {
  let t = text.replace(/\s+/g, ' ').trim();
  for (const p of state.adapter?.strip ?? []) if (t.startsWith(p)) t = t.slice(p.length).trim();
  return t;
}

/**
 * The unit with the adapter's prefixes (PTT's ": ") left out of the text it
 * is judged by, as the CLI leaves them out (`Adapter::clean_text`); its
 * spans still land on the page's text nodes (`starts` shift with it).
 */
function unprefixed(u) {
  const { text } = u;
  let k = text.length - text.trimStart().length;
  for (const p of state.adapter?.strip ?? []) {
    if (text.startsWith(p, k)) k = text.length - text.slice(k + p.length).trimStart().length;
  }
  return k ? { ...u, text: text.slice(k), starts: Array.from(u.starts, (s) => s - k) } : u;
}

/** Units per scoring call: one crossing into wasm each way per batch. */
const UNIT_BATCH = 500;
/** Negative units per full explanation: see decorate(). */
const EXPLAIN_BATCH = 64;
/** Units few enough to score and explain in one round trip. */
const ONE_TRIP = 128;
/** How many units back a reply of the brand's own looks for what it answers (REPLY_REACH in the CLI's units.rs). */
const REPLY_REACH = 200;

/** Finds, scores and marks the comment units that are new under `roots`, in time slices. */
export async function scanUnits(roots) {
  if (!state.adapter) return;
  const generation = state.generation;
  const mentioned = state.onlyMentions ? new Set(state.records.map((r) => r.node)) : null;
  state.generic.guard = state.mine.includes(state.adapter);
  clock.start();
  let batch = [];
  const units = (function* all() {
    for (const root of roots) yield* eachUnit(root, state.adapter, state.seenUnits, state.generic);
  }());
  for (const u of units) {
    if (u) state.found += 1;
    if (u && (!mentioned || u.nodes.some((n) => mentioned.has(n)))) batch.push(unprefixed(u));
    if (batch.length >= UNIT_BATCH) {
      if (!(await decorate(batch, generation))) { clock.stop(); return; }
      batch = [];
    }
    if (!(await pause(generation))) { clock.stop(); return; }
  }
  if (batch.length) await decorate(batch, generation);
  clock.stop();
  // A user's adapter whose selector made a long task: ours serve this page instead.
  if (state.generic.slow) {
    state.slow = state.adapter;
    state.adapter = adapterFor(location.hostname, document);
    state.generic = { count: 0 };
    await scanUnits(roots);
  }
}

/**
 * A site adapter finding at most HEALTH_FEW units is checked against the
 * generic detection, which must find at least HEALTH_MIN and HEALTH_RATIO
 * times as many (plus one) for the popup to speak up.
 */
const HEALTH_FEW = 20;
const HEALTH_MIN = 5;
const HEALTH_RATIO = 3;

/**
 * After a whole scan: does the site's adapter find far fewer units than the
 * generic detection would? Then the site's markup has likely changed since
 * the adapter was written; the popup says so and offers the generic one.
 * Counted in time slices, and only as far as the answer needs. Returns
 * whether the popup should hear of it.
 */
export async function checkHealth(generation) {
  state.health = null;
  const site = state.adapter;
  if (!site || site.repeated || state.found > HEALTH_FEW || !document.body) return false;
  const enough = Math.max(HEALTH_MIN, HEALTH_RATIO * (state.found + 1));
  let generic = 0;
  clock.start();
  for (const u of eachUnit(document.body, GENERIC, new WeakSet(), { count: 0 })) {
    if (u && ++generic >= enough) break;
    if (!(await pause(generation))) { clock.stop(); return false; }
  }
  clock.stop();
  if (generic < enough) return false;
  state.health = { site: site.name, found: state.found, generic };
  return true;
}

/** Scores a batch of units, tints them, and explains and marks the negative ones. */
async function decorate(found, generation) {
  const signals = encodeSignals(found);
  const brandsOf = found.map((u) => {
    const brands = new Set();
    for (const n of u.nodes) for (const b of state.brandsAt.get(n) ?? []) brands.add(b);
    return [...brands];
  });
  // A unit naming two or more brands, one of them ours, is judged toward ours.
  const several = brandsOf.flatMap((b, i) => (b.length > 1 && b.some((x) => !state.brands[x]?.competitor) ? [i] : []));
  // A few units (a feed's append) get their full verdicts in the same round
  // trip: each trip waits behind the page's next frame.
  const texts = found.map((u) => u.text);
  const [answer, owners] = await Promise.all([
    found.length <= ONE_TRIP ? state.engine.verdicts(texts, signals, several) : null,
    ownersOf(found, texts),
  ]);
  const verdicts = answer ? Float32Array.from(answer.verdicts) : await state.engine.score(texts, signals, several);
  if (generation !== state.generation) return false;
  ensureMarks();
  const negatives = [];
  const seen = [];
  const entries = [];
  for (let i = 0; i < found.length; i++) {
    const u = found[i];
    const v = verdictAt(verdicts, i);
    const label = shownLabel(v.label, v.score, v.confidence, state.sensitivity);
    const entry = {
      id: state.nextUnit++, el: u.el, label, score: v.score, text: cleanText(u.text).slice(0, 140), fullText: u.text,
      author: u.author ?? null, time: u.time ?? null, permalink: u.permalink ?? null,
      rating: u.rating ?? null, push: u.push ?? null,
      signals: { rating: u.rating, push: u.push?.trim()[0], likes: u.likes, replies: u.replies },
      risk: 'low', likelihood: 0, impact: 0, crises: [], analysis: null,
      // The own brand's reply (src/voice.rs): its voice, not a verdict on it.
      owner: owners[i] ? String(state.brands[owners[i] - 1]?.name ?? '') : null,
      // The site shows the business's response in it, or a reply of the
      // brand's own follows it (markAnswered).
      answered: u.answered === true,
      // The watched brands it names (indices into state.brands), for the
      // history; none for a reply of the brand's own, never remembered.
      brands: owners[i] ? [] : brandsOf[i],
    };
    state.units.push(entry);
    state.unitByEl.set(u.el, entry);
    entries.push(entry);
    // So a reply is never tinted, explained or counted (report.js).
    const tone = entry.owner ? null : label;
    const { brands } = entry;
    if (brands.length) seen.push(entry);
    // Negative comments are tinted; positive ones only where they speak of a
    // watched brand: every tinted comment costs the page's rendering time
    // whenever the page changes, and a feed has thousands.
    const whole = tone === 'neg' || (tone === 'pos' && brands.length) ? unitRange(u, 0, u.text.length) : null;
    if (whole) state.marks.add(tone === 'neg' ? 'unitNeg' : 'unitPos', whole, u.el);
    if (tone === 'neg') negatives.push([entry, u, i]);
    if (i % 100 === 99 && !(await pause(generation))) return false;
  }
  // Negatives explained EXPLAIN_BATCH at a time: the answer is parsed on the
  // page's thread in one piece, so one piece must stay small.
  if (answer) applyAnalyses(negatives, negatives.map(([, , i]) => answer.analyses[i]));
  else {
    for (let from = 0; from < negatives.length; from += EXPLAIN_BATCH) {
      if (!(await markNegatives(negatives.slice(from, from + EXPLAIN_BATCH), signals, generation))) return false;
    }
  }
  // Answered before remembered: the history and its alerts know which
  // complaints the brand has answered (an earlier batch's are told again).
  const earlier = entries.some((e) => e.owner) ? markAnswered(entries) : [];
  seen.push(...earlier.filter((e) => e.brands.length));
  if (state.history && seen.length) remember(seen);
  return true;
}

/**
 * Marks the comments the brand answered. A reply of its own answers the
 * nearest unit before it, not its own, that it is nested under (a reply
 * thread sits deeper below what the two share than the comment it answers)
 * or whose author it names (a flat list's reply says whom it answers:
 * 「@mia 抱歉」); in a flat list, also the unit right before it where it
 * speaks to one person (「您好，已私訊您」). A comment of its own in the
 * list, a post's update or a giveaway, answers nothing. The CLI marks the
 * same (`mark_answered` in src/bin/brand-radar/units.rs), looking back at
 * most REPLY_REACH units. A reply may answer a unit of an earlier batch:
 * returns the units of earlier batches it marked.
 */
function markAnswered(batch) {
  const earlier = [];
  const order = state.units.filter((u) => u.el.isConnected)
    .sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const at = new Map(order.map((u, i) => [u, i]));
  for (const reply of batch) {
    const i = at.get(reply);
    if (!reply.owner || i === undefined) continue;
    let answered = null;
    for (let j = i - 1; j >= Math.max(0, i - REPLY_REACH) && !answered; j--) {
      const u = order[j];
      if (u.owner) continue;
      const [r, c] = depths(reply.el, u.el);
      const next = j === i - 1 && r === c && addresses(reply.fullText);
      if (r > c || next || names(reply.fullText, u.author)) answered = u;
    }
    if (!answered) continue;
    if (!answered.answered && !batch.includes(answered)) earlier.push(answered);
    answered.answered = true;
    reply.answers = answered;
  }
  return earlier;
}

/** How deep `reply` and `comment` each sit below the nearest ancestor they share (none: neither deeper nor level). */
function depths(reply, comment) {
  const above = [];
  for (let n = comment.parentNode; n; n = n.parentNode) above.push(n);
  let depth = 0;
  for (let n = reply.parentNode; n; n = n.parentNode, depth++) {
    const at = above.indexOf(n);
    if (at >= 0) return [depth, at];
  }
  return [0, Infinity];
}

/**
 * Whether a reply's text names `author` (「@mia 抱歉」, 「王大明您好」): two
 * characters or more, not inside a longer Latin word. Mirrors
 * `voice::names` (src/voice.rs), which the CLI asks.
 */
function names(text, author) {
  const name = String(author ?? '').trim().replace(/^@+/, '').toLowerCase();
  if ([...name].length < 2) return false;
  const lower = text.toLowerCase();
  const word = (c) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
    if (!word(lower[at - 1]) && !word(lower[at + name.length])) return true;
  }
  return false;
}

/** Openings of a reply that speaks to one person; mirrors `voice::addresses` (src/voice.rs). */
const ADDRESSING = ['@', 'hi ', 'hi,', 'hello', 'dear ', 'sorry', 'we\'re sorry', 'we are sorry', 'we apologize',
  'thank you for'];

/** Whether a reply speaks to one person: the polite 您, a tag, or a greeting or an apology that opens it. */
function addresses(text) {
  const t = text.trimStart().toLowerCase();
  return t.includes('您') || ADDRESSING.some((w) => t.startsWith(w));
}

/** Whose voice each unit is (`engine.owners`), asked only where the site names authors. */
async function ownersOf(found, texts) {
  if (!found.some((u) => u.author)) return new Uint32Array(found.length);
  return state.engine.owners(found.map((u) => u.author ?? ''), found.map((u) => u.authorLink ?? ''), texts);
}

/** The site as the history names it: the adapter's, or the host where only the generic one applies. */
export const siteName = () => (state.adapter && !state.adapter.repeated ? state.adapter.site : location.hostname);

/** Tells the background which scored units mention a watched brand, for the history and alerts. */
function remember(seen) {
  const items = seen.map((entry) => ({
    text: entry.text, label: entry.label, score: entry.score, crises: entry.crises, author: entry.author,
    // Its reach now (likes and replies), for how fast it spreads (history/velocity.js).
    reach: (Number(entry.signals.likes) || 0) + (Number(entry.signals.replies) || 0),
    risk: entry.analysis?.risk ?? null,
    answered: entry.answered,
    // A comment naming several brands: its whole text, for the verdict toward each.
    full: entry.brands.length > 1 ? entry.fullText.slice(0, 4000) : undefined,
    brands: entry.brands.map((b) => ({ name: String(state.brands[b]?.name ?? ''),
      competitor: state.brands[b]?.competitor === true })),
  }));
  chrome.runtime.sendMessage({
    type: CS_BG_SEEN, url: location.href, title: document.title, site: siteName(), items,
  }).catch(() => {});
}

/** Full verdicts on some negative units: risk, crisis types, and their negative phrases marked. */
async function markNegatives(negatives, signals, generation) {
  const negSignals = pickSignals(signals, negatives.map(([, , i]) => i));
  const analyses = await state.engine.explainAll(negatives.map(([entry]) => entry.fullText), negSignals) ?? [];
  if (generation !== state.generation) return false;
  for (let k = 0; k < negatives.length; k += 16) {
    applyAnalyses(negatives.slice(k, k + 16), analyses.slice(k, k + 16));
    if (!(await pause(generation))) return false;
  }
  return true;
}

/** Keeps each negative unit's full verdict and marks its negative phrases. */
function applyAnalyses(negatives, analyses) {
  negatives.forEach(([entry, u], k) => {
    const a = analyses[k];
    if (!a) return;
    entry.analysis = a;
    ({ grade: entry.risk, likelihood: entry.likelihood, impact: entry.impact } = a.risk);
    entry.crises = a.crises.map((c) => c.type);
    for (const r of a.reasons) {
      const weak = r.kind === 'learned' && (-r.contribution < PHRASE_MIN || [...r.text.trim()].length < PHRASE_CHARS);
      if (!PHRASE_KINDS.has(r.kind) || r.contribution >= 0 || weak) continue;
      const range = unitRange(u, r.start, r.end);
      if (range) state.marks.add('negative', range, u.el);
    }
    for (const c of a.crises) for (const e of c.evidence) {
      const range = unitRange(u, e.start, e.end);
      if (range) state.marks.add('negative', range, u.el);
    }
  });
}

/** The core's full verdict on a unit, asked once. */
export async function explainUnit(entry) {
  entry.analysis ??= await state.engine.explain(entry.fullText, entry.signals);
  return entry.analysis;
}

/** The reply check (回覆健檢) of the own brand's reply, against the comment it answers, asked once. */
export async function checkOwnReply(entry) {
  entry.replyCheck ??= await state.engine.checkReply(entry.fullText, entry.answers?.fullText ?? '');
  return entry.replyCheck;
}

/** The scored unit holding `node`, crossing shadow boundaries. */
export function unitAt(node) {
  for (let n = node; n; n = n.parentNode ?? n.host) {
    const entry = state.unitByEl.get(n);
    if (entry) return entry.el.isConnected ? entry : null;
  }
  return null;
}
