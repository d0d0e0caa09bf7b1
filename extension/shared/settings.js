// The user's settings. They live in chrome.storage.sync, so they follow the
// owner to their other browsers, except a value sync refuses (over its 8 KB
// per-item quota, typically a long watchlist), which is kept in
// chrome.storage.local instead: a value is in one area only, and local wins
// on reading.
//
// Every read is checked against the shapes below: storage written by an
// older version or edited by hand becomes a safe value, never an exception
// in a content script on somebody's page.

import { EMPTY_PLAN, checkPlan } from './plan.js';

const text = (v) => typeof v === 'string';
const oneOf = (...allowed) => (v, d) => (allowed.includes(v) ? v : d);
const int = (lo, hi) => (v, d) => (Number.isInteger(v) && v >= lo && v <= hi ? v : d);

const adapterShape = (a) => a && typeof a === 'object' && [a.site, a.name, a.unit, a.text].every(text)
  && Array.isArray(a.hosts) && a.hosts.every(text) && a.repeated === undefined;

/** Each setting's default and the check that makes a stored value safe. */
export const SETTINGS = {
  /** Validated by the core where it is used; here only "an object or nothing". */
  watchlist: { value: null, check: (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : null) },
  /**
   * Site adapters the user imported (a pack, docs/adapters.md), tried before
   * the built-in ones on their hosts. Checked in full by the core on import;
   * here only their shape, so a hand-edited value cannot break a page.
   */
  adapters: { value: [], check: (v) => (Array.isArray(v) ? v.filter(adapterShape).slice(0, 200) : []) },
  /**
   * Hostnames where the generic detection finds the comments instead of the
   * site's adapter (the popup's offer when that adapter finds too few).
   */
  genericSites: { value: [], check: (v) => (Array.isArray(v) ? v.filter(text).slice(0, 10_000) : []) },
  /**
   * Hostnames where marks are CSS highlights (the page's scripts can read
   * them) instead of the stealth overlay (content/marks.js).
   */
  highlightSites: { value: [], check: (v) => (Array.isArray(v) ? v.filter(text).slice(0, 10_000) : []) },
  /** Hostnames where Brand Radar is switched off. */
  pausedSites: { value: [], check: (v) => (Array.isArray(v) ? v.filter(text).slice(0, 10_000) : []) },
  /** Mark only units that mention a watched brand. */
  onlyMentions: { value: false, check: (v) => v === true },
  /** How sure the core must be before a comment is marked negative. */
  sensitivity: { value: 'normal', check: oneOf('high', 'normal', 'low') },
  /** UI language: the browser's, or one of ours. */
  language: { value: 'auto', check: oneOf('auto', 'zh_TW', 'en') },
  /** Keep a history of negative mentions seen while browsing. */
  history: { value: true, check: (v) => v !== false },
  /** Days of history kept. */
  retentionDays: { value: 90, check: int(1, 3650) },
  /** Lowest risk grade that raises a desktop alert, or off. */
  alertGrade: { value: 'high', check: oneOf('off', 'medium', 'high', 'critical') },
  /** Remind to back up the locker after this many captures not backed up… */
  backupCaptures: { value: 20, check: int(1, 10_000) },
  /** …or this many days since the last backup (or the first capture). */
  backupDays: { value: 14, check: int(1, 365) },
  /** A page about our brand is spreading (擴散中) at this many PTT 噓 an hour… */
  spreadBoos: { value: 30, check: int(1, 100_000) },
  /** …or this many new negative comments an hour… */
  spreadNegatives: { value: 10, check: int(1, 100_000) },
  /** …or this much new reach (likes and replies) on negative comments an hour. */
  spreadReach: { value: 200, check: int(1, 10_000_000) },
  /** The response plan: the crisis team, who is told from which grade, the first steps (shared/plan.js). */
  plan: { value: EMPTY_PLAN, check: checkPlan },
};

export const SETTING_KEYS = Object.keys(SETTINGS);

/** A neutral unit scoring at or below this leans negative. */
export const LEANING_NEGATIVE = -0.1;

/**
 * The label a unit is shown with: the core's at normal sensitivity; at high,
 * neutral units leaning negative count as negative; at low, only negatives
 * the core is sure of.
 */
export function shownLabel(label, score, confidence, sensitivity) {
  if (sensitivity === 'high' && label === 'neu' && score <= LEANING_NEGATIVE) return 'neg';
  if (sensitivity === 'low' && label === 'neg' && confidence < 0.75) return 'neu';
  return label;
}

function safe(key, stored) {
  const { value, check } = SETTINGS[key];
  return stored === undefined ? structuredClone(value) : check(stored, value);
}

/** The settings named by `keys` (all by default), checked, with defaults filled in. */
export async function getSettings(keys = SETTING_KEYS) {
  const [sync, local] = await Promise.all([
    chrome.storage.sync?.get(keys).catch(() => ({})) ?? {},
    chrome.storage.local.get(keys),
  ]);
  return Object.fromEntries(keys.map((k) => [k, safe(k, local[k] ?? sync[k])]));
}

/**
 * Saves settings: each to sync if it fits, else to local. Throws with the
 * browser's message if neither takes it (a full disk); nothing changes then.
 */
export async function setSettings(values) {
  for (const [key, raw] of Object.entries(values)) {
    if (!(key in SETTINGS)) throw new Error(`unknown setting ${key}`);
    const value = SETTINGS[key].check(raw, SETTINGS[key].value);
    try {
      if (!chrome.storage.sync) throw new Error('no sync storage');
      await chrome.storage.sync.set({ [key]: value });
      await chrome.storage.local.remove(key);
    } catch {
      await chrome.storage.local.set({ [key]: value });
      await chrome.storage.sync?.remove(key).catch(() => {});
    }
  }
}

/** Calls `fn` when any of `keys` changes, in either area. */
export function onSettingsChanged(keys, fn) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' || area === 'sync') && keys.some((k) => k in changes)) fn();
  });
}
