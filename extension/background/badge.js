// The toolbar badge: each tab's mention count from its frames' summaries,
// and for a moment a capture's outcome.
import { t } from '../shared/i18n.js';
import { TAB_PREFIX, readKey } from '../shared/keys.js';
import { BG_CS_SPREADING } from '../shared/messages.js';
/** @typedef {import('../shared/keys.js').TabInfo} TabInfo */

/** Stores one frame's summary and refreshes the tab's badge. */
export async function recordMentions(tabId, frameId, summary) {
  const key = TAB_PREFIX + tabId;
  const tab = await readKey(chrome.storage.session, key, /** @type {TabInfo} */ ({ frames: {} }));
  // Frames older than the top document belong to the page before it (an SPA
  // route change keeps the document, so it keeps its frames). Subframes of
  // the new page may report before their top frame does.
  const top = frameId === 0 ? summary.since : tab.frames[0]?.since ?? 0;
  if (summary.since < top) return;
  for (const id of Object.keys(tab.frames)) if (tab.frames[id].since < top) delete tab.frames[id];
  tab.frames[frameId] = summary;
  await chrome.storage.session.set({ [key]: tab });
  await showCount(tabId, tab);
}

/**
 * Keeps whether the tab's page is spreading (擴散中) for the popup, colours
 * the badge, and tells the page's top frame when that changes (its chip).
 * `flag` is watchSpread's; `why` its words.
 */
export async function showSpread(tabId, flag, why) {
  const key = TAB_PREFIX + tabId;
  const tab = await readKey(chrome.storage.session, key, /** @type {TabInfo} */ ({ frames: {} }));
  const was = JSON.stringify(tab.spread ?? null);
  tab.spread = flag ? { ...flag, why } : null;
  if (JSON.stringify(tab.spread) === was) return;
  await chrome.storage.session.set({ [key]: tab });
  await showCount(tabId, tab);
  chrome.tabs.sendMessage(tabId, { type: BG_CS_SPREADING, spreading: Boolean(flag), why: why ?? '' }, { frameId: 0 })
    .catch(() => {});
}

/** Tabs whose badge shows a capture's outcome for a moment, until when. */
const flashing = new Map();
const FLASH_MS = 4000;

async function showCount(tabId, tab) {
  if (flashing.get(tabId) > Date.now()) return;
  const total = Object.values(tab.frames).reduce((n, f) => n + f.total, 0);
  await chrome.action.setBadgeText({ tabId, text: total ? String(total > 999 ? '999+' : total) : '' });
  // Orange while the page is spreading, with why in the tooltip.
  await chrome.action.setBadgeBackgroundColor({ tabId, color: tab.spread ? '#e8710a' : '#d93025' });
  await chrome.action.setTitle({ tabId, title: tab.spread ? `${t('extName')} — ${t('spreading')}: ${tab.spread.why}`
    : t('extName') });
}

async function refreshBadge(tabId) {
  const key = TAB_PREFIX + tabId;
  const tab = await readKey(chrome.storage.session, key, /** @type {TabInfo} */ ({ frames: {} }));
  await showCount(tabId, tab);
}

/** A capture without a window of ours to answer in: say how it went on the badge. */
export async function notifyCapture(tabId, result) {
  flashing.set(tabId, Date.now() + FLASH_MS);
  await chrome.action.setBadgeText({ tabId, text: result.ok ? '✓' : '!' });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: result.ok ? '#188038' : '#d93025' });
  await chrome.action.setTitle({ tabId, title: result.ok
    ? t('savedEvidence')
    : `${t(result.quota ? 'quotaFull' : 'captureFailed')} ${result.quota ? '' : result.message}` });
  setTimeout(() => refreshBadge(tabId).catch(() => {}), FLASH_MS + 50);
  return result;
}

chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(TAB_PREFIX + tabId));
