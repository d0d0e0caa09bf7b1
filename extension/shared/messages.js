// Every message the extension's parts exchange, named by direction:
// cs = content script, bg = background, ui = popup / options page.

/** Content script -> background: this frame's mention summary. */
export const CS_BG_MENTIONS = 'cs-bg-mentions';
/** Content script -> background: match text with the background's wasm (page CSP blocked ours). */
export const CS_BG_FIND = 'cs-bg-find';
/** Content script -> background: label units with the background's wasm. */
export const CS_BG_SCORE = 'cs-bg-score';
/** Content script -> background: scores plus full verdicts of the negative-leaning units, in one trip. */
export const CS_BG_VERDICTS = 'cs-bg-verdicts';
/** Content script -> background: check a page for impersonation (pages that block wasm here). */
export const CS_BG_IMPERSONATION = 'cs-bg-impersonation';
/** Content script -> background: scored units that mention a watched brand (history, alerts). */
export const CS_BG_SEEN = 'cs-bg-seen';
/** Content script -> background: explain one unit with the background's wasm. */
export const CS_BG_EXPLAIN = 'cs-bg-explain';
/** Content script -> background: save this unit as evidence (hover card). */
export const CS_BG_CAPTURE = 'cs-bg-capture';
/** Popup / side panel -> background: save a unit, the selection or the page as evidence. */
export const UI_BG_CAPTURE = 'ui-bg-capture';
/** Background -> content script: get a capture ready (outline, text, snapshot). */
export const BG_CS_PREPARE = 'bg-cs-prepare';
/** Background -> content script: the screenshot is taken, remove the outline. */
export const BG_CS_DONE = 'bg-cs-done';
/** Background -> extension pages: a capture was saved (the locker refreshes). */
export const BG_UI_SAVED = 'bg-ui-saved';
/** Side panel -> content script: this frame's scored units. */
export const UI_CS_UNITS = 'ui-cs-units';
/** Side panel -> content script: scroll a unit into view. */
export const UI_CS_SHOW = 'ui-cs-show';
/** Popup -> content script: scroll the next mention of a brand into view. */
export const UI_CS_REVEAL = 'ui-cs-reveal';
/** Popup -> content script: this frame's mentions, for the popup list. */
export const UI_CS_SUMMARY = 'ui-cs-summary';

/** chrome.storage.local keys. */
/** Crashes of the core (panics), counted with the last one's message. */
export const KEY_HEALTH = 'health';
/** chrome.storage.session key prefix for a tab's per-frame summaries. */
export const TAB_PREFIX = 'tab:';
