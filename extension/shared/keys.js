// Every key the extension keeps in chrome.storage, in one place. (Settings
// live under their own names in chrome.storage.sync, declared with their
// defaults and checks in shared/settings.js; history and evidence live in
// IndexedDB, in history/store.js and evidence/store.js.)

/** chrome.storage.local: crashes of the core (panics), counted, with the last one's message. */
export const KEY_HEALTH = 'health';
/** chrome.storage.local: when the last alert went out, alerts held back since, the day of the last spike alert. */
export const KEY_ALERTS = 'alerts';
/** chrome.storage.session: key prefix of a tab's per-frame mention summaries. */
export const TAB_PREFIX = 'tab:';
