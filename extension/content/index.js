// Content script: finds watched brands in this frame's visible text and
// highlights them with the CSS Custom Highlight API, so the page's DOM is
// never touched. Keeps up with infinite scroll and SPA navigation.
import { batchesOf, blockOf, shadowRoots, toRanges } from './collect.js';
import { createEngine } from './engine.js';
import { eachUnit, unitRange } from './units.js';
import { createMarks } from './marks.js';
import { GRADES as RISK } from '../shared/risk.js';
import { CARD_TAG, hoverCards } from './card.js';
import { BANNER_TAG, showBanner } from './banner.js';
import { OUTLINE_TAG, contextElement, prepare, removeOutline } from './capture.js';
import { adapterFor } from '../shared/adapters.js';
// The same sheet the manifest injects into documents, for shadow roots.
import HIGHLIGHT_CSS from './highlight.css';
import {
  BG_CS_DONE, BG_CS_PREPARE, CS_BG_CAPTURE, CS_BG_MENTIONS, CS_BG_SEEN,
  UI_CS_REVEAL, UI_CS_SHOW, UI_CS_UNITS,
} from '../shared/messages.js';
import { getSettings, onSettingsChanged, shownLabel } from '../shared/settings.js';
import { encodeSignals, pickSignals, verdictAt } from '../shared/wire.js';
import { loadLanguage } from '../shared/i18n.js';

/** The settings this script follows. */
const WATCHED = ['watchlist', 'pausedSites', 'onlyMentions', 'sensitivity', 'language', 'history'];

/** Longest stretch of work before handing the thread back to the page. */
const SLICE_MS = 20;
/** How long mutations gather before a pass: a feed's append is decorated well inside 50 ms. */
const COALESCE_MS = 16;
const NAMES = {
  own: 'brand-radar-mention', competitor: 'brand-radar-competitor', focus: 'brand-radar-focus',
  negative: 'brand-radar-negative', unitNeg: 'brand-radar-unit-neg', unitPos: 'brand-radar-unit-pos',
};
/** Reasons that count as a negative phrase to highlight. */
const PHRASE_KINDS = new Set(['term', 'learned', 'negation']);
/** A learned n-gram must weigh this much, and be this long, to be shown as a phrase. */
const PHRASE_MIN = 0.5;
const PHRASE_CHARS = 2;

const state = {
  engine: null,
  brands: [],
  records: [],      // { brand, range, node }
  highlights: null, // { own, competitor, focus }
  observers: [],
  watchedShadows: new WeakSet(),
  pending: new Set(),
  flushing: null,
  href: location.href,
  reveal: new Map(), // brand -> next index to reveal
  generation: 0,
  scanMs: 0,
  scanStart: 0, // performance.now() of the last full scan, for benchmarks
  scanEnd: 0,
  unitsEnd: 0, // when the last pass finished scoring and marking units, for benchmarks
  findMs: 0, // time inside the matcher, for benchmarks
  adapter: null,
  seenUnits: new WeakSet(),
  generic: { count: 0 }, // units the generic adapter found, for its cap
  brandsAt: new Map(), // text node -> brand indexes mentioned there, kept with the records
  lastPass: 0, // when the last pass over mutations ended
  units: [], // { id, el, label, score, risk, crises, text, fullText, signals, analysis, ... }
  unitByEl: new WeakMap(),
  nextUnit: 1,
  onlyMentions: false,
  sensitivity: 'normal',
  card: null,
  hovered: null, // the unit under the pointer, for the keyboard shortcut
};
const scriptStart = performance.now();

/** Slices remembered per scan, for the timing report. */
const SLICES_KEPT = 512;

const clock = {
  deadline: 0,
  began: 0,
  busy: 0, // main-thread time spent in our slices since the last reset
  // [start, end] of each slice since the last reset (the first SLICES_KEPT):
  // a long task the browser reports is ours only if it holds one of them.
  slices: [],
  start() { this.began = performance.now(); this.deadline = this.began + SLICE_MS; },
  stop() {
    const now = performance.now();
    this.busy += now - this.began;
    // Rounded inwards to 0.1 ms: a task that only touches a slice's edge is not ours.
    if (this.slices.length < SLICES_KEPT * 2) this.slices.push(Math.ceil(this.began * 10) / 10,
      Math.floor(now * 10) / 10);
  },
  due() { return performance.now() > this.deadline; },
  reset() { this.busy = 0; this.slices = []; },
};

function yieldToPage() {
  return scheduler?.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0));
}

function ensureHighlights() {
  if (state.highlights) return;
  state.highlights = Object.fromEntries(Object.keys(NAMES).map((k) => [k, new Highlight()]));
  // Unit tints lie under everything; the popup's focus over everything.
  state.highlights.unitNeg.priority = -1;
  state.highlights.unitPos.priority = -1;
  state.highlights.focus.priority = 2;
  state.highlights.negative.priority = 1;
  for (const [key, name] of Object.entries(NAMES)) CSS.highlights.set(name, state.highlights[key]);
  state.marks = createMarks(state.highlights);
}

function clearHighlights() {
  if (!state.highlights) return;
  for (const name of Object.values(NAMES)) CSS.highlights.delete(name);
  state.marks?.stop();
  state.marks = null;
  state.highlights = null;
  state.records = [];
  state.brandsAt = new Map();
  state.units = [];
  state.seenUnits = new WeakSet();
  state.generic = { count: 0 };
  state.unitByEl = new WeakMap();
  state.reveal.clear();
  state.card?.hide();
}

function addRecords(records) {
  ensureHighlights();
  for (const r of records) {
    r.kind = state.brands[r.brand]?.competitor ? 'competitor' : 'own';
    // Its block, not its inline parent: fewer elements for the viewport to track.
    const block = blockOf(r.node);
    r.el = block?.nodeType === Node.ELEMENT_NODE ? block : block?.host ?? document.documentElement;
    state.marks.add(r.kind, r.range, r.el);
    state.brandsAt.set(r.node, (state.brandsAt.get(r.node) ?? new Set()).add(r.brand));
    state.records.push(r);
  }
}

/** Drops records whose text left the page or was rewritten. */
function prune(within) {
  const rescanned = new Set(within);
  // Up the ancestors through a set: records × depth, not records × roots.
  const inside = (node) => {
    for (let n = node; n; n = n.parentNode ?? n.host) if (rescanned.has(n)) return true;
    return false;
  };
  const keep = [];
  for (const r of state.records) {
    // Static ranges do not follow edits: a record is stale once its nodes left or were rescanned.
    const stale = !r.node.isConnected || !r.range.endContainer.isConnected || (rescanned.size && inside(r.node));
    if (stale) {
      state.marks.remove(r.kind, r.range, r.el);
      state.brandsAt.delete(r.node);
      state.highlights.focus.delete(r.range);
    } else keep.push(r);
  }
  state.records = keep;
  state.units = state.units.filter((u) => u.el.isConnected);
}

/** A unit's text as people read it: white space folded, the adapter's prefixes (PTT's ": ") gone. */
function cleanText(text) {
  let t = text.replace(/\s+/g, ' ').trim();
  for (const p of state.adapter?.strip ?? []) if (t.startsWith(p)) t = t.slice(p.length).trim();
  return t;
}

/** Units per scoring call: one crossing into wasm each way per batch. */
const UNIT_BATCH = 500;
/** Negative units per full explanation: see decorate(). */
const EXPLAIN_BATCH = 64;
/** Units few enough to score and explain in one round trip. */
const ONE_TRIP = 128;

/** Hands the thread back to the page when this slice is spent; false if a reset made the work stale. */
async function pause(generation) {
  if (clock.due()) {
    clock.stop();
    await yieldToPage();
    clock.start();
  }
  return generation === state.generation;
}

/** Finds, scores and marks the comment units that are new under `roots`, in time slices. */
async function scanUnits(roots) {
  if (!state.adapter) return;
  const generation = state.generation;
  const mentioned = state.onlyMentions ? new Set(state.records.map((r) => r.node)) : null;
  clock.start();
  let batch = [];
  const units = (function* all() {
    for (const root of roots) yield* eachUnit(root, state.adapter, state.seenUnits, state.generic);
  }());
  for (const u of units) {
    if (u && (!mentioned || u.nodes.some((n) => mentioned.has(n)))) batch.push(u);
    if (batch.length >= UNIT_BATCH) {
      if (!(await decorate(batch, generation))) { clock.stop(); return; }
      batch = [];
    }
    if (!(await pause(generation))) { clock.stop(); return; }
  }
  if (batch.length) await decorate(batch, generation);
  clock.stop();
}

/** Scores a batch of units, tints them, and explains and marks the negative ones. */
async function decorate(found, generation) {
  const signals = encodeSignals(found);
  // A few units (a feed's append) get their full verdicts in the same round
  // trip: each trip waits behind the page's next frame.
  const texts = found.map((u) => u.text);
  const answer = found.length <= ONE_TRIP ? await state.engine.verdicts(texts, signals) : null;
  const verdicts = answer ? Float32Array.from(answer.verdicts) : await state.engine.score(texts, signals);
  if (generation !== state.generation) return false;
  ensureHighlights();
  const negatives = [];
  const seen = [];
  for (let i = 0; i < found.length; i++) {
    const u = found[i];
    const v = verdictAt(verdicts, i);
    const label = shownLabel(v.label, v.score, v.confidence, state.sensitivity);
    const entry = {
      id: state.nextUnit++, el: u.el, label, score: v.score, text: cleanText(u.text).slice(0, 140), fullText: u.text,
      author: u.author ?? null, time: u.time ?? null, permalink: u.permalink ?? null,
      rating: u.rating ?? null, push: u.push ?? null,
      signals: { rating: u.rating, push: u.push?.trim()[0], likes: u.likes, replies: u.replies },
      risk: 'low', crises: [], analysis: null,
    };
    state.units.push(entry);
    state.unitByEl.set(u.el, entry);
    const brands = new Set();
    for (const n of u.nodes) for (const b of state.brandsAt.get(n) ?? []) brands.add(b);
    if (brands.size) seen.push([entry, [...brands]]);
    // Negative comments are tinted; positive ones only where they speak of a
    // watched brand: every tinted comment costs the page's rendering time
    // whenever the page changes, and a feed has thousands.
    const whole = label === 'neg' || (label === 'pos' && brands.size) ? unitRange(u, 0, u.text.length) : null;
    if (whole) state.marks.add(label === 'neg' ? 'unitNeg' : 'unitPos', whole, u.el);
    if (label === 'neg') negatives.push([entry, u, i]);
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
  if (state.history && seen.length) remember(seen);
  return true;
}

/** The site as the history names it: the adapter's, or the host where only the generic one applies. */
const siteName = () => (state.adapter && !state.adapter.repeated ? state.adapter.site : location.hostname);

/** Tells the background which scored units mention a watched brand, for the history and alerts. */
function remember(seen) {
  const items = seen.map(([entry, brands]) => ({
    text: entry.text, label: entry.label, score: entry.score, crises: entry.crises, author: entry.author,
    risk: entry.analysis?.risk ?? null,
    // A comment naming several brands: its whole text, for the verdict toward each.
    full: brands.length > 1 ? entry.fullText.slice(0, 4000) : undefined,
    brands: brands.map((b) => ({ name: String(state.brands[b]?.name ?? ''),
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
    entry.risk = a.risk.grade;
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
async function explainUnit(entry) {
  entry.analysis ??= await state.engine.explain(entry.fullText, entry.signals);
  return entry.analysis;
}

/** The scored unit holding `node`, crossing shadow boundaries. */
function unitAt(node) {
  for (let n = node; n; n = n.parentNode ?? n.host) {
    const entry = state.unitByEl.get(n);
    if (entry) return entry.el.isConnected ? entry : null;
  }
  return null;
}

/** Brand names mentioned inside `el` (or on the whole page without one). */
function mentionsIn(el) {
  const names = new Set();
  for (const r of state.records) if (!el || el.contains(r.node)) names.add(state.brands[r.brand]?.name ?? '?');
  return [...names];
}

/** Asks the background to capture; it calls back with BG_CS_PREPARE. */
function saveUnit(entry) {
  return chrome.runtime.sendMessage({ type: CS_BG_CAPTURE, unitId: entry.id, source: 'hover' });
}

/** Gets a capture ready for the background: see capture.js. */
async function prepareCapture(req) {
  let unit = req.unitId ? state.units.find((u) => u.id === req.unitId) ?? null : null;
  if (!unit && req.target === 'unit') unit = state.hovered?.el.isConnected ? state.hovered : null;
  if (!unit && (req.target === 'page' || req.target === 'link') && req.source === 'menu') {
    unit = unitAt(contextElement());
  }
  if (req.unitId && !unit) throw new Error('that comment is no longer on the page');
  const verdict = async (text, u) => {
    const a = u ? await explainUnit(u) : await state.engine?.explain(text, {});
    return a && { score: a.score, label: a.label, confidence: a.confidence, crises: a.crises.map((c) => c.type),
      risk: a.risk,
      reasons: a.reasons.map(({ kind, text: t, contribution }) => ({ kind, text: t, contribution })) };
  };
  let { target } = req;
  // The shortcut saves the comment under the pointer, else the selection, else the page.
  if (unit) target = 'unit';
  else if (target === 'unit') target = getSelection()?.isCollapsed === false ? 'selection' : 'page';
  return prepare({ ...req, target }, { unit, mentionsIn, verdict, adapter: state.adapter, clean: cleanText });
}

/** Scans subtrees in time slices; one wasm call per batch. With `shadows`, also the open shadow roots inside them. */
async function scan(roots, { shadows = true } = {}) {
  const generation = state.generation;
  // Highlighted at the end: each range added makes every frame the page
  // renders between our slices paint again.
  const found = [];
  clock.start();
  for (const batch of batchesOf(roots, { clock })) {
    const t = performance.now();
    const quads = await state.engine.find(batch.text, batch.starts);
    if (generation !== state.generation) return; // reset while we worked
    const { records, again } = toRanges(batch, quads);
    for (const piece of again) {
      const more = await state.engine.find(piece.text, piece.starts);
      if (generation !== state.generation) return;
      records.push(...toRanges(piece, more).records);
    }
    state.findMs += performance.now() - t;
    for (const r of records) found.push(r);
    if (!(await pause(generation))) { clock.stop(); return; }
  }
  for (let i = 0; i < found.length; i += RECORDS_SLICE) {
    addRecords(found.slice(i, i + RECORDS_SLICE));
    if (!(await pause(generation))) { clock.stop(); return; }
  }
  clock.stop();
  if (shadows) await findShadows(roots, generation);
}

/** Records highlighted between two looks at the clock. */
const RECORDS_SLICE = 500;

/**
 * Watches the open shadow roots under `roots`. A whole page's are looked for
 * after its text is highlighted, in idle time: the walk touches every
 * element, and most pages have none.
 */
async function findShadows(roots, generation) {
  if (generation !== state.generation) return;
  clock.start();
  for (const root of roots) {
    for (const shadow of shadowRoots(root, clock)) {
      if (shadow) watchShadow(shadow);
      else {
        clock.stop();
        await idle();
        if (generation !== state.generation) return;
        clock.start();
      }
    }
  }
  clock.stop();
}

function idle() {
  const idle = (r) => (globalThis.requestIdleCallback ? requestIdleCallback(r, { timeout: 200 }) : setTimeout(r, 0));
  return new Promise(idle);
}

function watchShadow(shadow) {
  if (state.watchedShadows.has(shadow)) return;
  state.watchedShadows.add(shadow);
  // Page styles stop at the shadow boundary; ours must be adopted inside.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } catch { /* a closed or odd root: its text is still found, just unstyled */ }
  observe(shadow);
  state.pending.add(shadow);
  schedule();
}

/** Our own hover card and capture outline coming and going: nothing to scan. */
const OWN_TAGS = new Set([CARD_TAG, OUTLINE_TAG, BANNER_TAG]);
const ours = (m) => [...m.addedNodes, ...m.removedNodes].every((n) => OWN_TAGS.has(n.localName));

function observe(target) {
  const mo = new MutationObserver((list) => {
    for (const m of list) {
      if (m.type === 'characterData') {
        state.pending.add(m.target);
        state.edited = true;
      } else if (ours(m)) continue;
      else for (const n of m.addedNodes) state.pending.add(n);
      if (m.removedNodes?.length) {
        state.pending.add(m.target);
        state.edited = true;
      }
    }
    schedule();
  });
  mo.observe(target, { childList: true, subtree: true, characterData: true });
  state.observers.push(mo);
}

function schedule() {
  if (state.flushing || !state.engine) return;
  state.flushing = (async () => {
    // A feed's append is handled at once, before the browser renders it (a
    // timer would wait behind that rendering, 30-50 ms on a long page); a
    // page that keeps mutating gets one pass per COALESCE_MS at most, and
    // the mutations that arrive during a pass wait for the next.
    const since = performance.now() - state.lastPass;
    if (since < COALESCE_MS) await new Promise((r) => setTimeout(r, COALESCE_MS - since));
    try { await flush(); } finally {
      state.flushing = null;
      state.lastPass = performance.now();
    }
    if (state.pending.size) schedule();
  })();
}

/** Rescans the blocks around everything that changed since the last pass. */
async function flush() {
  const started = performance.now();
  if (location.href !== state.href) {
    // SPA navigation: a new page as far as the user is concerned.
    state.href = location.href;
    state.pending.clear();
    await rescanAll();
    return;
  }
  const roots = new Set();
  for (const n of state.pending) {
    const root = n.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? n : blockOf(n);
    if (root && root.isConnected !== false) roots.add(root);
  }
  // Only new blocks added, nothing removed or edited (a feed's append): no
  // record can have gone stale, and the sweep over all of them is skipped.
  const appendOnly = !state.edited && [...roots].every((r) => state.pending.has(r));
  state.pending.clear();
  state.edited = false;
  // Keep only outermost roots: scanning a parent covers its children.
  const outer = [...roots].filter((r) => ![...roots].some((o) => o !== r && o.contains(r)));
  if (!appendOnly) prune(outer);
  await scan(outer);
  await scanUnits(outer);
  state.unitsEnd = performance.now();
  state.scanMs = performance.now() - started;
  report();
}

async function rescanAll() {
  // Start in a task of our own: building the engine may have just used this one.
  await yieldToPage();
  const started = performance.now();
  state.scanStart = started;
  state.findMs = 0;
  clock.reset();
  state.generation++;
  clearHighlights();
  if (document.body) await scan([document.body], { shadows: false });
  state.scanEnd = performance.now();
  state.adapter = adapterFor(location.hostname, document);
  if (document.body) await scanUnits([document.body]);
  state.unitsEnd = performance.now();
  state.scanMs = state.scanEnd - started;
  report();
  await checkImpersonation();
  if (document.body) await findShadows([document.body], state.generation);
}

/** Most page text the impersonation check reads: its signals sit near the top. */
const IMPERSONATION_TEXT = 50_000;
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

/** What a page calls itself: its title, site and account names, first heading. */
function pageNames() {
  const meta = (p) => document.querySelector(`meta[property="${p}"]`)?.getAttribute('content');
  return [document.title, meta('og:site_name'), meta('og:title'), document.querySelector('h1')?.textContent]
    .filter(Boolean).join('\n').slice(0, 2000);
}

function pageText() {
  let out = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,
    {
      acceptNode: (n) => (NOT_TEXT.has(n.parentElement?.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
  for (let n = walker.nextNode(); n && out.length < IMPERSONATION_TEXT; n = walker.nextNode()) out += `${/** @type {Text} */ (n).data.slice(0, IMPERSONATION_TEXT)} `;
  return out.slice(0, IMPERSONATION_TEXT);
}

/** Warns, in the top frame, when the page looks like an impersonation of one of our brands. */
async function checkImpersonation() {
  state.banner?.();
  state.banner = null;
  // Forums and review sites are where people talk about a brand: a thread named after it is no lookalike.
  if (window.top !== window || !document.body || !state.engine || !state.adapter?.accounts) return;
  const generation = state.generation;
  const finding = await state.engine.impersonation(location.href, pageNames(), pageText());
  if (!finding || generation !== state.generation) return;
  state.banner = showBanner(finding, { save: () => chrome.runtime.sendMessage({ type: CS_BG_CAPTURE, target: 'page',
    source: 'banner' }) });
  // Into the history (and so the alerts): a scam page in our name is as bad as it gets.
  if (state.history) {
    const item = {
      text: `${document.title} — ${finding.signals.map((s) => s.text).slice(0, 6).join('、')}`.slice(0, 280),
      label: 'neg', score: -1, crises: ['scam'], author: null,
      risk: { grade: 'critical', likelihood: Math.min(5, 2 + finding.kinds.length), impact: 5 },
      brands: [{ name: finding.name, competitor: false }],
    };
    chrome.runtime.sendMessage({ type: CS_BG_SEEN, url: location.href, title: document.title, site: siteName(),
      items: [item] }).catch(() => {});
  }
}

let reportTimer = 0;
/**
 * Sends this frame's summary soon; passes in between ride on the one already due, so a page that never stops
 * changing still reports.
 */
function report() {
  if (reportTimer) return;
  reportTimer = setTimeout(() => {
    reportTimer = 0;
    chrome.runtime.sendMessage({ type: CS_BG_MENTIONS, ...summary() }).catch(() => {});
  }, 30);
}

function summary() {
  const counts = new Map();
  for (const r of state.records) counts.set(r.brand, (counts.get(r.brand) ?? 0) + 1);
  return {
    url: location.href,
    since: performance.timeOrigin, // when this document started loading
    total: state.records.length,
    brands: [...counts].map(([i, count]) => ({
      index: i, name: state.brands[i]?.name ?? '?', competitor: !!state.brands[i]?.competitor, count,
    })),
    scanMs: Math.round(state.scanMs),
    units: unitSummary(),
    timing: { scriptStart, scanStart: state.scanStart, scanEnd: state.scanEnd, unitsEnd: state.unitsEnd,
      findMs: state.findMs, busyMs: clock.busy, slices: clock.slices },
    mode: state.engine?.mode ?? 'off',
  };
}

/** Units by label and the riskiest negative ones, for the popup. */
function unitSummary() {
  const count = (l) => state.units.filter((u) => u.label === l).length;
  const top = byRisk(state.units.filter((u) => u.label === 'neg'))
    .slice(0, 5)
    .map(({ id, text, score, risk, crises, author }) => ({ id, text, score, risk, crises, author }));
  return { site: state.adapter?.name ?? null, total: state.units.length, neg: count('neg'), neu: count('neu'),
    pos: count('pos'), top };
}

const byRisk = (units) => units.sort((a, b) => RISK.indexOf(b.risk) - RISK.indexOf(a.risk) || a.score - b.score);

/** Negative units and units that mention a brand, riskiest first, for the side panel. */
function unitList() {
  const list = state.units.filter((u) => u.el.isConnected).map((u) => ({ ...u, mentions: mentionsIn(u.el) }))
    .filter((u) => u.label === 'neg' || u.mentions.length);
  return byRisk(list).map(({ id, label, score, risk, crises, text, author, time, mentions }) => ({
    id, label, score, risk, crises, text, author, time, mentions,
  }));
}

function showUnit(id) {
  const entry = state.units.find((u) => u.id === id && u.el.isConnected);
  if (!entry) return false;
  entry.el.scrollIntoView({ block: 'center', behavior: 'instant' });
  state.highlights.focus.clear();
  // From its first text to its last, static like our other ranges.
  const walker = document.createTreeWalker(entry.el, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode();
  let last = first;
  for (let n = first; n; n = walker.nextNode()) last = n;
  if (first) {
    const end = /** @type {Text} */ (last).length;
    const range = new StaticRange({ startContainer: first, startOffset: 0, endContainer: last, endOffset: end });
    state.highlights.focus.add(range);
  }
  return true;
}

function reveal(brand) {
  const list = state.records.filter((r) => r.brand === brand && r.node.isConnected);
  if (!list.length) return { shown: 0, total: 0 };
  const i = (state.reveal.get(brand) ?? 0) % list.length;
  state.reveal.set(brand, i + 1);
  const { range } = list[i];
  state.highlights.focus.clear();
  state.highlights.focus.add(range);
  const el = range.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: 'instant' });
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return { shown: i + 1, total: list.length, text: live.toString() };
}

async function stop() {
  state.generation++;
  for (const mo of state.observers) mo.disconnect();
  state.observers = [];
  state.watchedShadows = new WeakSet();
  clearHighlights();
  state.card?.stop();
  state.card = null;
  state.banner?.();
  state.banner = null;
  state.engine?.free();
  state.engine = null;
}

async function start() {
  await stop();
  const [s] = await Promise.all([getSettings(WATCHED), loadLanguage()]);
  state.onlyMentions = s.onlyMentions;
  state.sensitivity = s.sensitivity;
  state.history = s.history;
  const list = s.watchlist;
  if (s.pausedSites.includes(location.hostname) || !Array.isArray(list?.brands) || !list.brands.length) {
    report();
    return;
  }
  try {
    state.engine = await createEngine(JSON.stringify(list));
  } catch (err) {
    console.warn('Brand Radar: watchlist not usable:', err);
    report();
    return;
  }
  state.brands = list.brands;
  state.card = hoverCards({ unitAt: (n) => (state.hovered = unitAt(n)), explain: explainUnit, save: saveUnit });
  observe(document);
  await rescanAll();
}

onSettingsChanged(WATCHED, start);

chrome.runtime.onMessage.addListener((msg, _sender, respond) => {
  if (msg?.type === UI_CS_REVEAL) respond(reveal(msg.brand));
  else if (msg?.type === UI_CS_UNITS) respond(unitList());
  else if (msg?.type === UI_CS_SHOW) respond(showUnit(msg.id));
  else if (msg?.type === BG_CS_DONE) removeOutline();
  else if (msg?.type === BG_CS_PREPARE) {
    prepareCapture(msg).then(respond, (err) => respond({ error: String(err?.message ?? err) }));
    return true;
  }
  return false;
});

window.addEventListener('popstate', () => schedule());
start();
