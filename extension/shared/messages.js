// Every message the extension's parts exchange, named by direction
// (cs = content script, bg = background, ui = popup / side panel / other
// extension pages), with, for each message the background receives, who may
// send it and what its payload may hold. A page is hostile and a content
// script lives in it: the background trusts no field it has not passed
// through the message's `sanitize`.

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
/** Content script -> background: which units are the own brand's replies (pages that block wasm here). */
export const CS_BG_OWNERS = 'cs-bg-owners';
/** Content script -> background: scored units that mention a watched brand (history, alerts). */
export const CS_BG_SEEN = 'cs-bg-seen';
/** Content script or popup -> background: explain one unit (the hover card) or text (the quick check). */
export const CS_BG_EXPLAIN = 'cs-bg-explain';
/** Content script -> background: the reply check (回覆健檢) of the own brand's posted reply (hover card). */
export const CS_BG_REPLY = 'cs-bg-reply';
/** Content script -> background: explain many units at once (a page's negatives). */
export const CS_BG_EXPLAIN_ALL = 'cs-bg-explain-all';
/** Content script -> background: save this unit as evidence (hover card). */
export const CS_BG_CAPTURE = 'cs-bg-capture';
/** Popup / side panel -> background: save a unit, the selection or the page as evidence. */
export const UI_BG_CAPTURE = 'ui-bg-capture';
/** Background -> content script: get a capture ready (in view, text, snapshot, our marks hidden). */
export const BG_CS_PREPARE = 'bg-cs-prepare';
/** Background -> content script: the page's own screenshot is taken; marks back, outline drawn. */
export const BG_CS_ANNOTATE = 'bg-cs-annotate';
/** Background -> content script: the screenshots are taken, everything as it was. */
export const BG_CS_DONE = 'bg-cs-done';
/** Background -> extension pages: a capture was saved (the locker refreshes). */
export const BG_UI_SAVED = 'bg-ui-saved';
/** Side panel -> content script: this frame's scored units. */
export const UI_CS_UNITS = 'ui-cs-units';
/** Side panel -> content script: scroll a unit into view. */
export const UI_CS_SHOW = 'ui-cs-show';
/** Background -> content script: the text of the editable field in focus (the reply check's draft). */
export const BG_CS_DRAFT = 'bg-cs-draft';
/** Background -> content script: the page is spreading (擴散中), or no longer: `{ spreading, why }`. */
export const BG_CS_SPREADING = 'bg-cs-spreading';
/** Popup -> content script: scroll the next mention of a brand into view. */
export const UI_CS_REVEAL = 'ui-cs-reveal';
/** Popup -> content script: start "teach this site" (教我認留言), the comment picker. */
export const UI_CS_PICK = 'ui-cs-pick';
/** Options -> content script (top frame): what a site adapter finds on this page, nothing marked. */
export const UI_CS_TRY = 'ui-cs-try';
/** Content script -> background: keep the unit selector the user taught on this page as a site adapter. */
export const CS_BG_TEACH = 'cs-bg-teach';

/**
 * Who may send a message to the background (all of them ours: a sender of
 * another extension never gets this far).
 * - `own`: any part of the extension (content scripts, its pages);
 * - `tab`: a part in a tab, which the answer or the effect is about;
 * - `page`: an extension page only, never a content script (privileged).
 * @typedef {'own' | 'tab' | 'page'} From
 */

/**
 * @typedef {{ id?: string, tab?: { id?: number }, frameId?: number, url?: string }} Sender
 */

/**
 * Whether `sender` may send a message declared `from`.
 * @param {From} from
 * @param {Sender} sender
 * @param {string} extensionUrl the extension's origin, `chrome.runtime.getURL('')`
 */
export function allowed(from, sender, extensionUrl) {
  if (from === 'page') return typeof sender.url === 'string' && sender.url.startsWith(extensionUrl);
  if (from === 'tab') return Boolean(sender.tab);
  return true;
}

const num = (x) => Number(x) || 0;
const str = (x, max = 100_000) => String(x ?? '').slice(0, max);
/** A non-empty string cut to `max`, or null. */
const optional = (x, max) => (typeof x === 'string' && x ? str(x, max) : null);
const strings = (xs, max = 5000) => (Array.isArray(xs) ? xs.slice(0, max).map((x) => str(x)) : null);
/** A flat number array from a page, as the wire's typed array. */
const floats = (xs) => Float32Array.from(Array.isArray(xs) ? xs.slice(0, 4 * 5000).map(Number) : []);

/**
 * A batch to score: texts, the wire's flat signals, and which texts name
 * several watched brands (judged toward the own one).
 * @typedef {{ texts: string[], signals: Float32Array, several: number[] }} Batch
 */
/** @returns {Batch | null} */
const batch = (m) => {
  const texts = strings(m.texts);
  const several = Array.isArray(m.several) ? m.several.slice(0, 5000).filter(Number.isInteger) : [];
  return texts && { texts, signals: floats(m.signals), several };
};

/** A content script's unit summary, with only the fields and types we expect. */
function unitsOf(u) {
  if (!u || typeof u !== 'object') return null;
  const top = Array.isArray(u.top) ? u.top.slice(0, 5).map((t) => ({
    id: num(t.id), text: str(t.text, 140), score: num(t.score), risk: str(t.risk ?? 'low', 20),
    crises: Array.isArray(t.crises) ? t.crises.slice(0, 10).map((c) => str(c,
      20)) : [], author: t.author ? str(t.author, 200) : null, answered: t.answered === true,
  })) : [];
  const health = u.health && typeof u.health === 'object'
    ? { site: str(u.health.site, 80), found: num(u.health.found), generic: num(u.health.generic) } : null;
  return { site: u.site ? str(u.site, 80) : null, slowAdapter: u.slowAdapter ? str(u.slowAdapter, 80) : null,
    health, useGeneric: u.useGeneric === true, total: num(u.total), neg: num(u.neg), neu: num(u.neu),
    pos: num(u.pos), own: num(u.own), answered: num(u.answered), up: num(u.up), down: num(u.down),
    negReach: num(u.negReach), top };
}

const TIMING = ['scriptStart', 'scanStart', 'scanEnd', 'unitsEnd', 'findMs', 'busyMs'];

/**
 * What the background accepts: for each message, who may send it and the
 * payload it is reduced to (`null`: refused).
 * @type {Record<string, { from: From, sanitize: (msg: any) => object | null }>}
 */
export const TO_BACKGROUND = {
  [CS_BG_MENTIONS]: {
    from: 'tab',
    sanitize: (m) => ({
      url: str(m.url, 4000), title: str(m.title, 300), total: num(m.total),
      brands: Array.isArray(m.brands) ? m.brands.slice(0, 1000) : [],
      scanMs: num(m.scanMs), mode: str(m.mode, 20),
      timing: {
        ...Object.fromEntries(TIMING.map((k) => [k, num(m.timing?.[k])])),
        // [start, end] of the scan's slices (the content script keeps 512), for benchmarks and tests.
        slices: Array.isArray(m.timing?.slices) ? m.timing.slices.slice(0, 1024).map(num) : [],
      },
      since: num(m.since),
      units: unitsOf(m.units),
      marks: { stealth: m.marks?.stealth !== false, backoffMs: num(m.marks?.backoffMs) },
    }),
  },
  [CS_BG_FIND]: {
    from: 'own',
    // Node starts from a page are numbers or nothing: anything else is dropped.
    sanitize: (m) => (typeof m.text === 'string'
      ? { text: m.text,
        nodes: Uint32Array.from(Array.isArray(m.nodes) ? m.nodes.filter(Number.isInteger) : []) } : null),
  },
  [CS_BG_SCORE]: { from: 'own', sanitize: batch },
  [CS_BG_VERDICTS]: { from: 'own', sanitize: batch },
  [CS_BG_EXPLAIN_ALL]: { from: 'own', sanitize: batch },
  [CS_BG_EXPLAIN]: {
    from: 'own',
    sanitize: (m) => (typeof m.text === 'string' ? {
      text: m.text,
      signals: { rating: Number(m.signals?.rating) || undefined, push: m.signals?.push ? str(m.signals.push,
        4) : undefined,
        likes: num(m.signals?.likes), replies: num(m.signals?.replies) },
    } : null),
  },
  [CS_BG_REPLY]: {
    from: 'own',
    sanitize: (m) => (typeof m.text === 'string'
      ? { text: str(m.text, 10_000), comment: str(m.comment, 10_000) } : null),
  },
  [CS_BG_OWNERS]: {
    from: 'own',
    sanitize: (m) => {
      const [authors, links, texts] = [strings(m.authors), strings(m.links), strings(m.texts)];
      return authors && links && texts && { authors, links, texts };
    },
  },
  [CS_BG_IMPERSONATION]: {
    from: 'tab',
    sanitize: (m) => ({ url: str(m.url, 4000), names: str(m.names, 2000), text: str(m.text, 50_000) }),
  },
  // The history checks each item itself (background/history.js, itemOf).
  [CS_BG_SEEN]: {
    from: 'tab',
    sanitize: (m) => ({ url: m.url, title: m.title, site: m.site, items: Array.isArray(m.items) ? m.items : [] }),
  },
  [CS_BG_TEACH]: {
    from: 'tab',
    sanitize: (m) => (typeof m.unit === 'string' ? { unit: str(m.unit, 1000), text: str(m.text || '.', 1000),
      author: optional(m.author, 1000), time: optional(m.time, 1000) } : null),
  },
  [CS_BG_CAPTURE]: {
    from: 'tab',
    sanitize: (m) => (m.target === 'page' ? { source: str(m.source, 40), target: 'page' }
      : { source: str(m.source, 40), target: 'unit', unitId: num(m.unitId) }),
  },
  [UI_BG_CAPTURE]: {
    from: 'page',
    sanitize: (m) => {
      const { tabId, frameId = 0, ...request } = m.request ?? {};
      return { tabId: num(tabId), frameId: num(frameId), request };
    },
  },
};
