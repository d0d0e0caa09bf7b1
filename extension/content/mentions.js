// Finding the watched brands in a frame's text (one wasm call per batch)
// and highlighting them, with the records that remember where they are.
import { batchesOf, blockOf, rangeCursor, toRanges } from './collect.js';
import { createMarks } from './marks.js';
import { clock, pause, state } from './state.js';
import { report } from './report.js';

/** The page's marks (marks.js), made on the first one. */
export function ensureMarks() {
  if (state.marks) return;
  state.marks = createMarks({ stealth: state.stealth, onBackoff: (ms) => {
    state.backoffMs = ms;
    report();
  } });
}

/** Hides our marks, or shows them again (a capture's primary screenshot). */
export function showMarks(on) {
  state.marks?.show(on);
}

export function clearMarks() {
  state.marks?.stop();
  state.marks = null;
  state.records = [];
  state.brandsAt = new Map();
  state.units = [];
  state.seenUnits = new WeakSet();
  state.generic = { count: 0 };
  state.found = 0;
  state.health = null;
  state.unitByEl = new WeakMap();
  state.reveal.clear();
  state.card?.hide();
}

function addRecords(records) {
  ensureMarks();
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
export function prune(within) {
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
    } else keep.push(r);
  }
  state.records = keep;
  state.units = state.units.filter((u) => u.el.isConnected);
}

/** Brand names mentioned inside `el` (or on the whole page without one). */
export function mentionsIn(el) {
  const names = new Set();
  for (const r of state.records) if (!el || el.contains(r.node)) names.add(state.brands[r.brand]?.name ?? '?');
  return [...names];
}

/** Records highlighted between two looks at the clock. */
const RECORDS_SLICE = 500;

/**
 * What matching has cost lately, in ms per code unit: the slowest of the
 * last calls counts most, since overrunning a slice costs the page more
 * than yielding early costs us.
 */
let msPerUnit = 0;
function learnRate(units, ms) {
  if (units < 1000) return; // a short call is mostly the crossing's fixed cost
  const rate = ms / units;
  msPerUnit = rate > msPerUnit ? rate : msPerUnit * 0.9 + rate * 0.1;
}

/**
 * Scans subtrees in time slices; one wasm call per batch. False if a reset
 * made the work stale before it finished.
 */
export async function scan(roots) {
  const generation = state.generation;
  // Highlighted at the end: each range added makes every frame the page
  // renders between our slices paint again.
  const found = [];
  clock.start();
  for (const batch of batchesOf(roots, { clock })) {
    // A call that would overrun this slice starts the next one instead: on a
    // busy machine one call can take several times what it takes at rest.
    if (!(await pause(generation, batch.text.length * msPerUnit))) { clock.stop(); return false; }
    const t = performance.now();
    const quads = await state.engine.find(batch.text, batch.starts);
    if (generation !== state.generation) return false; // reset while we worked
    learnRate(batch.text.length, performance.now() - t);
    state.findMs += performance.now() - t;
    // The page's nodes checked in slices: a feed names a brand thousands of times.
    const cursor = rangeCursor();
    for (;;) {
      const { records, again, done } = toRanges(batch, quads, cursor, clock);
      for (const piece of again) {
        const more = await state.engine.find(piece.text, piece.starts);
        if (generation !== state.generation) return false;
        records.push(...toRanges(piece, more).records);
      }
      for (const r of records) found.push(r);
      if (!(await pause(generation))) { clock.stop(); return false; }
      if (done) break;
    }
  }
  for (let i = 0; i < found.length; i += RECORDS_SLICE) {
    addRecords(found.slice(i, i + RECORDS_SLICE));
    if (!(await pause(generation))) { clock.stop(); return false; }
  }
  clock.stop();
  return true;
}
