// Fills in UI text from _locales: data-i18n sets textContent, data-i18n-<attr>
// sets that attribute. Never innerHTML: translations are text, not markup.
//
// chrome.i18n always speaks the browser's language; when the owner picks
// another in the options, its messages.json is read once (our own file, not
// the network) and used instead.
import { getSettings } from './settings.js';

let table = null;
let chosen = null;

/**
 * Loads the language chosen in the options. `read(lang)` returns that
 * language's messages.json as an object; content scripts pass one that asks
 * the background, which may read extension files.
 */
export async function loadLanguage(read = readOwn) {
  const { language } = await getSettings(['language']);
  table = null;
  chosen = null;
  if (language === 'auto') return;
  try {
    table = await read(language);
    chosen = language.replace('_', '-');
  } catch {
    table = null; // The browser's language is a fine fallback.
  }
}

export async function readOwn(lang) {
  return (await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`))).json();
}

/** The UI language in BCP 47 form (zh-TW, en). */
export function uiLanguage() {
  return chosen ?? chrome.i18n.getUILanguage();
}

/** The message for `key`, or the key itself so a missing one is visible. */
export function t(key, ...subs) {
  const own = table && Object.hasOwn(table, key) ? table[key]?.message : null;
  if (typeof own === 'string') return own.replace(/\$(\d)/g, (_, n) => String(subs[n - 1] ?? '')).replace(/\$\$/g, '$');
  return chrome.i18n.getMessage(key, subs.map(String)) || key;
}

export function localize(root = document) {
  document.documentElement.lang = uiLanguage();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    const key = `i18n${attr.replace(/(^|-)(\w)/g, (_, _d, c) => c.toUpperCase())}`;
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.dataset[key]));
  }
}
