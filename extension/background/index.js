// Service worker: keeps each tab's mention counts (badge and popup) and
// matches text for content scripts on pages whose CSP blocks their wasm.
// No top-level await: a module service worker that awaits at load dies.
import init, { Engine, scoreBatch, scoreText } from '../../pkg/brand_radar.js';
import {
  CS_BG_EXPLAIN, CS_BG_FIND, CS_BG_MENTIONS, CS_BG_SCORE, KEY_WATCHLIST, TAB_PREFIX,
} from '../shared/messages.js';

const ready = init({ module_or_path: chrome.runtime.getURL('brand_radar_bg.wasm') });
let engine = null;

async function getEngine() {
  await ready;
  if (!engine) {
    const { [KEY_WATCHLIST]: list } = await chrome.storage.local.get(KEY_WATCHLIST);
    engine = new Engine(JSON.stringify(list ?? { version: 1, brands: [] }));
  }
  return engine;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && KEY_WATCHLIST in changes) {
    engine?.free();
    engine = null;
  }
});

/** A content script's unit summary, with only the fields and types we expect. */
function unitsOf(u) {
  if (!u || typeof u !== 'object') return null;
  const n = (x) => Number(x) || 0;
  const top = Array.isArray(u.top) ? u.top.slice(0, 5).map((t) => ({
    text: String(t.text ?? '').slice(0, 140), score: n(t.score), risk: String(t.risk ?? 'low'),
    crises: Array.isArray(t.crises) ? t.crises.map(String) : [], author: t.author ? String(t.author) : null,
  })) : [];
  return { site: u.site ? String(u.site) : null, total: n(u.total), neg: n(u.neg), neu: n(u.neu), pos: n(u.pos), top };
}

/** Stores one frame's summary and refreshes the tab's badge. */
async function recordMentions(tabId, frameId, summary) {
  const key = TAB_PREFIX + tabId;
  const { [key]: tab = { frames: {} } } = await chrome.storage.session.get(key);
  // Frames older than the top document belong to the page before it (an SPA
  // route change keeps the document, so it keeps its frames). Subframes of
  // the new page may report before their top frame does.
  const top = frameId === 0 ? summary.since : tab.frames[0]?.since ?? 0;
  if (summary.since < top) return;
  for (const id of Object.keys(tab.frames)) if (tab.frames[id].since < top) delete tab.frames[id];
  tab.frames[frameId] = summary;
  await chrome.storage.session.set({ [key]: tab });
  const total = Object.values(tab.frames).reduce((n, f) => n + f.total, 0);
  await chrome.action.setBadgeText({ tabId, text: total ? String(total > 999 ? '999+' : total) : '' });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: '#d93025' });
}

// Frames report concurrently; one chain keeps the read-modify-write whole.
let writes = Promise.resolve();

chrome.runtime.onMessage.addListener((msg, sender, respond) => {
  // Only our own content scripts and pages talk to us.
  if (sender.id !== chrome.runtime.id) return false;
  if (msg?.type === CS_BG_MENTIONS && sender.tab) {
    const summary = {
      url: String(msg.url), total: Number(msg.total) || 0, brands: Array.isArray(msg.brands) ? msg.brands : [],
      scanMs: Number(msg.scanMs) || 0, mode: String(msg.mode),
      timing: Object.fromEntries(['scriptStart', 'scanStart', 'scanEnd', 'findMs', 'busyMs'].map((k) => [k, Number(msg.timing?.[k]) || 0])),
      since: Number(msg.since) || 0,
      units: unitsOf(msg.units),
    };
    writes = writes.then(() => recordMentions(sender.tab.id, sender.frameId ?? 0, summary)).catch(() => {});
    writes.then(() => respond(true));
    return true;
  }
  if (msg?.type === CS_BG_SCORE && Array.isArray(msg.texts)) {
    ready.then(() => respond(Array.from(scoreBatch(msg.texts.map(String).join('\u001f'), Float32Array.from(msg.signals ?? []))))).catch(() => respond([]));
    return true;
  }
  if (msg?.type === CS_BG_EXPLAIN && typeof msg.text === 'string') {
    const s = msg.signals ?? {};
    ready.then(() => respond(scoreText(msg.text, s.rating, s.push, Number(s.likes) || 0, Number(s.replies) || 0))).catch(() => respond(null));
    return true;
  }
  if (msg?.type === CS_BG_FIND && typeof msg.text === 'string') {
    getEngine().then((e) => respond(Array.from(e.findAll(msg.text))), () => respond([]));
    return true;
  }
  return false;
});

chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(TAB_PREFIX + tabId));
