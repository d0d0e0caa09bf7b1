// Every key the extension keeps in chrome.storage, in one place. (Settings
// live under their own names in chrome.storage.sync, declared with their
// defaults and checks in shared/settings.js; history and evidence live in
// IndexedDB, in history/store.js and evidence/store.js.)

/**
 * @typedef {{ crashes: number, last?: { at: string, why: string } }} Health
 */
/** chrome.storage.local: crashes of the core (panics), counted, with the last one's message. */
export const KEY_HEALTH = 'health';
/** chrome.storage.local: when the last alert went out, alerts held back since, the day of the last spike alert. */
export const KEY_ALERTS = 'alerts';
/**
 * A tab's per-frame summaries (background/index.js writes them).
 * @typedef {{ frames: Record<string, any>, spread?: { reasons: string[], rates: any, why: string } | null }} TabInfo
 */
/** chrome.storage.session: key prefix of a tab's per-frame mention summaries. */
export const TAB_PREFIX = 'tab:';

/**
 * The value under `key` in a storage area, or `fallback` where there is none.
 * @template T
 * @param {chrome.storage.StorageArea} area
 * @param {string} key
 * @param {T} fallback
 * @returns {Promise<T>}
 */
export async function readKey(area, key, fallback) {
  const { [key]: value } = await area.get(key);
  return value === undefined ? fallback : /** @type {T} */ (value);
}
