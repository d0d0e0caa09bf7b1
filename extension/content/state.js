// The content script's state: one object, every field declared here, that
// the other modules of this folder read and write; and the clock that keeps
// each stretch of our work short enough for the page.

/** Longest stretch of work before handing the thread back to the page. */
const SLICE_MS = 20;

/** This frame's scan state. */
export const state = {
  engine: null,
  brands: [],
  records: [],      // { brand, range, node }
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
  mine: [], // the user's site adapters (settings.adapters), tried first on their hosts
  slow: null, // one of them whose unit selector made a long task on this page: not used again here
  useGeneric: false, // the user chose the generic detection for this site (settings.genericSites)
  found: 0, // units the adapter found on the page, scored or not
  health: null, // { site, found, generic } when the site's adapter finds far fewer units than the generic one
  seenUnits: new WeakSet(),
  generic: { count: 0 }, // units the generic adapter found, for its cap
  brandsAt: new Map(), // text node -> brand indexes mentioned there, kept with the records
  lastPass: 0, // when the last pass over mutations ended
  // { id, el, label, score, risk, likelihood, impact, crises, text, fullText, signals, analysis, owner, answered,
  //   brands, ... }
  units: [],
  unitByEl: new WeakMap(),
  nextUnit: 1,
  onlyMentions: false,
  sensitivity: 'normal',
  card: null,
  hovered: null, // the unit under the pointer, for the keyboard shortcut
  marks: null, // the page's marks (marks.js), made on the first one
  stealth: true, // marks painted in our overlay, not the page's highlight registry (settings.highlightSites)
  backoffMs: 0, // the page kept removing our marks: how long we wait before putting them back
  edited: false, // text was edited or removed since the last pass (not a pure append)
  banner: null, // removes the impersonation warning, while one is shown
  history: false, // the user keeps a history (settings)
};
export const scriptStart = performance.now();

/** Slices remembered per scan, for the timing report. */
const SLICES_KEPT = 512;

export const clock = {
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
  /** Whether `ms` more of work fits in this slice. */
  fits(ms) { return performance.now() + ms <= this.deadline; },
  reset() { this.busy = 0; this.slices = []; },
};

export function yieldToPage() {
  return scheduler?.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0));
}

/**
 * Hands the thread back to the page when this slice is spent (or, with
 * `next`, when that many ms of work would overrun it); false if a reset
 * made the work stale.
 */
export async function pause(generation, next = 0) {
  if (clock.due() || (next && !clock.fits(next))) {
    clock.stop();
    await yieldToPage();
    clock.start();
  }
  return generation === state.generation;
}
