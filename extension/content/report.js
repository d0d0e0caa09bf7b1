// What this frame tells others: the summary the background keeps for the
// badge and popup, and the answers to the popup's and side panel's asks.
import { mentionsIn } from './mentions.js';
import { clock, scriptStart, state } from './state.js';
import { riskier } from '../shared/risk.js';
import { CS_BG_MENTIONS } from '../shared/messages.js';

let reportTimer = 0;
/**
 * Sends this frame's summary soon; passes in between ride on the one already due, so a page that never stops
 * changing still reports.
 */
export function report() {
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
    title: document.title,
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
    // How the marks are shown here, and whether the page keeps removing them (marks.js).
    marks: { stealth: state.stealth, backoffMs: state.backoffMs },
  };
}

/**
 * Units by label and the riskiest negative ones, for the popup; PTT's 推 and
 * 噓, and the reach (likes and replies) of the negative ones, for how fast
 * the page grows (history/velocity.js).
 */
function unitSummary() {
  // The own brand's replies are its voice, counted apart (content/verdicts.js).
  const theirs = state.units.filter((u) => !u.owner);
  const count = (l) => theirs.filter((u) => u.label === l).length;
  const negatives = theirs.filter((u) => u.label === 'neg');
  const top = byRisk([...negatives])
    .slice(0, 5)
    .map(({ id, text, score, risk, crises, author, answered }) => ({
      id, text, score, risk, crises, author, answered }));
  const tag = (t) => state.units.filter((u) => u.signals.push === t).length;
  const negReach = negatives.reduce((n, u) => n + (Number(u.signals.likes) || 0) + (Number(u.signals.replies) || 0), 0);
  return { site: state.adapter?.name ?? null, slowAdapter: state.slow?.name ?? null, health: state.health,
    useGeneric: state.useGeneric, total: state.units.length,
    neg: count('neg'), neu: count('neu'), pos: count('pos'), own: state.units.length - theirs.length,
    answered: negatives.filter((u) => u.answered).length,
    up: tag('推'), down: tag('噓'), negReach, top };
}

const byRisk = (units) => units.sort(riskier);

/** Negative units and units that mention a brand (not the brand's own replies), riskiest first, for the side panel. */
export function unitList() {
  const list = state.units.filter((u) => u.el.isConnected && !u.owner)
    .map((u) => ({ ...u, mentions: mentionsIn(u.el) }))
    .filter((u) => u.label === 'neg' || u.mentions.length);
  return byRisk(list).map(({ id, label, score, risk, likelihood, impact, crises, text, author, time, mentions,
    answered }) => ({ id, label, score, risk, likelihood, impact, crises, text, author, time, mentions, answered }));
}

export function showUnit(id) {
  const entry = state.units.find((u) => u.id === id && u.el.isConnected);
  if (!entry) return false;
  entry.el.scrollIntoView({ block: 'center', behavior: 'instant' });
  if (!state.marks) return true;
  state.marks.focus(null);
  // From its first text to its last, static like our other ranges.
  const walker = document.createTreeWalker(entry.el, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode();
  let last = first;
  for (let n = first; n; n = walker.nextNode()) last = n;
  if (first) {
    const end = /** @type {Text} */ (last).length;
    const range = new StaticRange({ startContainer: first, startOffset: 0, endContainer: last, endOffset: end });
    state.marks.focus(range, entry.el);
  }
  return true;
}

export function reveal(brand) {
  const list = state.records.filter((r) => r.brand === brand && r.node.isConnected);
  if (!list.length) return { shown: 0, total: 0 };
  const i = (state.reveal.get(brand) ?? 0) % list.length;
  state.reveal.set(brand, i + 1);
  const { range } = list[i];
  state.marks?.focus(range);
  const el = range.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: 'instant' });
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return { shown: i + 1, total: list.length, text: live.toString() };
}
