// Every message the extension's parts exchange, named by direction:
// cs = content script, bg = background, ui = popup / options page.

/** Content script -> background: this frame's mention summary. */
export const CS_BG_MENTIONS = 'cs-bg-mentions';
/** Content script -> background: match text with the background's wasm (page CSP blocked ours). */
export const CS_BG_FIND = 'cs-bg-find';
/** Content script -> background: label units with the background's wasm. */
export const CS_BG_SCORE = 'cs-bg-score';
/** Content script -> background: explain one unit with the background's wasm. */
export const CS_BG_EXPLAIN = 'cs-bg-explain';
/** Popup -> content script: scroll the next mention of a brand into view. */
export const UI_CS_REVEAL = 'ui-cs-reveal';
/** Popup -> content script: this frame's mentions, for the popup list. */
export const UI_CS_SUMMARY = 'ui-cs-summary';

/** chrome.storage.local keys. */
export const KEY_WATCHLIST = 'watchlist';
export const KEY_PAUSED = 'pausedSites';
/** chrome.storage.session key prefix for a tab's per-frame summaries. */
export const TAB_PREFIX = 'tab:';
