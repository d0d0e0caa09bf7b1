// Keeping up with the page: mutations gathered and rescanned in passes, a
// whole rescan on navigation, and open shadow roots watched as they appear.
import { blockOf, shadowRoots } from './collect.js';
import { clearMarks, prune, scan } from './mentions.js';
import { checkHealth, scanUnits } from './verdicts.js';
import { checkImpersonation } from './impersonation.js';
import { report } from './report.js';
import { clock, state, yieldToPage } from './state.js';
import { isOurs } from './host.js';
import { adoptHighlightStyle } from './marks.js';
import { adapterFor } from '../shared/adapters.js';

/** How long mutations gather before a pass: a feed's append is decorated well inside 50 ms. */
const COALESCE_MS = 16;

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
  // Page styles stop at the shadow boundary: highlights need ours inside.
  // Stealth marks need none (and the page would see a sheet it did not add).
  if (!state.stealth) adoptHighlightStyle(shadow);
  observe(shadow);
  state.pending.add(shadow);
  schedule();
}

/** Our own overlay, hover card, capture outline and banner coming and going: nothing to scan. */
const ours = (m) => [...m.addedNodes, ...m.removedNodes].every(isOurs);

export function observe(target) {
  const mo = new MutationObserver((list) => {
    let theirs = false;
    for (const m of list) {
      if (m.type === 'characterData') {
        state.pending.add(m.target);
        state.edited = true;
      } else if (ours(m)) continue;
      else for (const n of m.addedNodes) state.pending.add(n);
      theirs = true;
      if (m.removedNodes?.length) {
        state.pending.add(m.target);
        state.edited = true;
      }
    }
    // Ours alone (the overlay put on the page): nothing to do.
    if (!theirs) return;
    // Something the page added may now cover a mark (a dialog, a menu).
    state.marks?.changed();
    schedule();
  });
  mo.observe(target, { childList: true, subtree: true, characterData: true });
  state.observers.push(mo);
}

export function schedule() {
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
  const generation = state.generation;
  if (await scan(outer)) await findShadows(outer, generation);
  await scanUnits(outer);
  state.unitsEnd = performance.now();
  state.scanMs = performance.now() - started;
  report();
}

export async function rescanAll() {
  // Start in a task of our own: building the engine may have just used this one.
  await yieldToPage();
  const started = performance.now();
  state.scanStart = started;
  state.findMs = 0;
  clock.reset();
  state.generation++;
  clearMarks();
  if (document.body) await scan([document.body]);
  state.scanEnd = performance.now();
  state.adapter = adapterFor(location.hostname, document, state.mine.filter((a) => a !== state.slow), state.useGeneric);
  if (document.body) await scanUnits([document.body]);
  state.unitsEnd = performance.now();
  state.scanMs = state.scanEnd - started;
  report();
  if (await checkHealth(state.generation)) report();
  await checkImpersonation();
  if (document.body) await findShadows([document.body], state.generation);
}
