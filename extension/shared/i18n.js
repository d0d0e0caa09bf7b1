// Fills in UI text from _locales: data-i18n sets textContent, data-i18n-<attr>
// sets that attribute. Never innerHTML: translations are text, not markup.
//
// chrome.i18n always speaks the browser's language; when the owner picks
// another in the options, that language's messages (bundled with the code
// from the same _locales files) are used instead.
import { getSettings } from './settings.js';
import en from '../_locales/en/messages.json' with { type: 'json' };
import zhTW from '../_locales/zh_TW/messages.json' with { type: 'json' };

const TABLES = { en, zh_TW: zhTW };

let table = null;
let chosen = null;

/** Follows the language chosen in the options (the browser's by default). */
export async function loadLanguage() {
  const { language } = await getSettings(['language']);
  table = TABLES[language] ?? null;
  chosen = table ? language.replace('_', '-') : null;
}

/** The UI language in BCP 47 form (zh-TW, en). */
export function uiLanguage() {
  return chosen ?? chrome.i18n.getUILanguage();
}

/** `message` with its $1…$9 filled in from `subs`. */
const fill = (message, subs) => message.replace(/\$(\d)/g, (_, n) => String(subs[n - 1] ?? '')).replace(/\$\$/g, '$');

/** `table`'s message for `key` filled in, or null when it has none. */
const lookup = (from, key, subs) => {
  const m = from && Object.hasOwn(from, key) ? from[key]?.message : null;
  return typeof m === 'string' ? fill(m, subs) : null;
};

/**
 * The bundled table chrome.i18n would pick: English for an English browser,
 * else the default locale (zh_TW), as the manifest's default_locale does.
 */
const browserTable = () => {
  const lang = globalThis.chrome?.i18n?.getUILanguage?.() || globalThis.navigator?.language || '';
  return /^en\b/i.test(lang) ? TABLES.en : TABLES.zh_TW;
};

/**
 * The message for `key`, or the key itself so a missing one is visible.
 * chrome.i18n's own lookup has come back empty for every key in a whole
 * browser run (its messages not loaded), so the bundled copy of the same
 * files answers then, rather than a page of keys.
 */
export function t(key, ...subs) {
  return lookup(table, key, subs)
    ?? (globalThis.chrome?.i18n?.getMessage?.(key, subs.map(String)) || null)
    ?? lookup(browserTable(), key, subs)
    ?? key;
}

/**
 * A lookup like `t` in `language` (`zh_TW` or `en`), whatever the UI's: a
 * report for a platform is written in the platform's language.
 * @param {string} language
 * @returns {(key: string, ...subs: unknown[]) => string}
 */
export function messagesIn(language) {
  const chosenTable = TABLES[language] ?? TABLES.zh_TW;
  return (key, ...subs) => lookup(chosenTable, key, subs) ?? key;
}

export function localize(root = document) {
  document.documentElement.lang = uiLanguage();
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n);
  }
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    const key = `i18n${attr.replace(/(^|-)(\w)/g, (_, _d, c) => c.toUpperCase())}`;
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(/** @type {HTMLElement} */ (el).dataset[key]));
    }
  }
}
