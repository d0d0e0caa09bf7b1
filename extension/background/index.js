// Service worker: keeps each tab's mention counts (badge and popup), matches
// text for content scripts on pages whose CSP blocks their wasm, and captures
// evidence from the hover card, the context menu, the popup and the shortcut.
// No top-level await: a module service worker that awaits at load dies.
import { lastingEngine, loadCore } from '../shared/core.js';
import { capture } from './capture.js';
import { onNotificationClick, remember } from './history.js';
import { LEANING_NEGATIVE, getSettings, onSettingsChanged } from '../shared/settings.js';
import { loadLanguage, t } from '../shared/i18n.js';
import {
  CS_BG_CAPTURE, CS_BG_EXPLAIN, CS_BG_FIND, CS_BG_IMPERSONATION, CS_BG_MENTIONS, CS_BG_SCORE, CS_BG_SEEN, CS_BG_VERDICTS, TAB_PREFIX, UI_BG_CAPTURE,
} from '../shared/messages.js';

const ready = loadCore();
// Build the scorer as soon as the worker starts: a tab's navigation wakes
// it long before that tab's content script asks for verdicts, which would
// otherwise wait for the model to load (a few hundred ms in wasm).
ready.then((core) => core.scoreBatch('', new Float32Array(0))).catch(() => {});
let engine = null;

async function getEngine() {
  const glue = await ready;
  if (!engine) {
    const { watchlist } = await getSettings(['watchlist']);
    engine = lastingEngine(glue, JSON.stringify(watchlist ?? { version: 1, brands: [] }));
  }
  return engine;
}

onSettingsChanged(['watchlist'], () => {
  engine?.free();
  engine = null;
});

/** A content script's unit summary, with only the fields and types we expect. */
function unitsOf(u) {
  if (!u || typeof u !== 'object') return null;
  const n = (x) => Number(x) || 0;
  const top = Array.isArray(u.top) ? u.top.slice(0, 5).map((t) => ({
    id: n(t.id), text: String(t.text ?? '').slice(0, 140), score: n(t.score), risk: String(t.risk ?? 'low'),
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
  await showCount(tabId, tab);
}

/** Tabs whose badge shows a capture's outcome for a moment, until when. */
const flashing = new Map();
const FLASH_MS = 4000;

async function showCount(tabId, tab) {
  if (flashing.get(tabId) > Date.now()) return;
  const total = Object.values(tab.frames).reduce((n, f) => n + f.total, 0);
  await chrome.action.setBadgeText({ tabId, text: total ? String(total > 999 ? '999+' : total) : '' });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: '#d93025' });
}

async function refreshBadge(tabId) {
  const key = TAB_PREFIX + tabId;
  const { [key]: tab = { frames: {} } } = await chrome.storage.session.get(key);
  await chrome.action.setTitle({ tabId, title: t('extName') });
  await showCount(tabId, tab);
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
      timing: {
        ...Object.fromEntries(['scriptStart', 'scanStart', 'scanEnd', 'unitsEnd', 'findMs', 'busyMs'].map((k) => [k, Number(msg.timing?.[k]) || 0])),
        // [start, end] of the scan's slices (the content script keeps 512), for benchmarks and tests.
        slices: Array.isArray(msg.timing?.slices) ? msg.timing.slices.slice(0, 1024).map((x) => Number(x) || 0) : [],
      },
      since: Number(msg.since) || 0,
      units: unitsOf(msg.units),
    };
    writes = writes.then(() => recordMentions(sender.tab.id, sender.frameId ?? 0, summary)).catch(() => {});
    writes.then(() => respond(true));
    return true;
  }
  if (msg?.type === CS_BG_SCORE && Array.isArray(msg.texts)) {
    ready.then((core) => respond(Array.from(core.scoreBatch(msg.texts.map(String).join('\u001f'), Float32Array.from(msg.signals ?? []))))).catch(() => respond([]));
    return true;
  }
  if (msg?.type === CS_BG_VERDICTS && Array.isArray(msg.texts)) {
    const texts = msg.texts.map(String);
    Promise.all([ready, getEngine()]).then(([core, e]) => respond(verdicts(core, e, texts, Float32Array.from(msg.signals ?? [])))).catch(() => respond(null));
    return true;
  }
  if (msg?.type === CS_BG_EXPLAIN && Array.isArray(msg.texts)) {
    const texts = msg.texts.map(String);
    const signals = Float32Array.from(msg.signals ?? []);
    Promise.all([ready, getEngine()]).then(([core, e]) => respond(withTargets(e, texts, core.explainBatch(texts.join('\u001f'), signals), signals))).catch(() => respond([]));
    return true;
  }
  if (msg?.type === CS_BG_EXPLAIN && typeof msg.text === 'string') {
    const s = msg.signals ?? {};
    const signals = Float32Array.of(Number(s.rating) || NaN, s.push === '推' ? 1 : s.push === '噓' ? -1 : 0, 0, 0);
    Promise.all([ready, getEngine()]).then(([core, e]) => {
      const a = core.scoreText(msg.text, s.rating, s.push, Number(s.likes) || 0, Number(s.replies) || 0);
      respond(withTargets(e, [msg.text], [a], signals)[0]);
    }).catch(() => respond(null));
    return true;
  }
  if (msg?.type === CS_BG_SEEN && sender.tab) {
    writes = writes.then(async () => remember(msg, await ready, await getEngine())).catch((err) => console.warn('Brand Radar: history', err));
    writes.then(() => respond(true));
    return true;
  }
  if (msg?.type === CS_BG_CAPTURE && sender.tab) {
    const req = msg.target === 'page' ? { source: String(msg.source), target: 'page' } : { source: String(msg.source), target: 'unit', unitId: Number(msg.unitId) };
    capture(sender.tab.id, sender.frameId ?? 0, req).then(respond);
    return true;
  }
  if (msg?.type === CS_BG_IMPERSONATION && sender.tab) {
    getEngine().then((e) => respond(e.impersonation(String(msg.url), String(msg.names).slice(0, 2000), String(msg.text).slice(0, 50_000))), () => respond(null));
    return true;
  }
  // From our own pages only (popup, side panel), never from a content script.
  if (msg?.type === UI_BG_CAPTURE && sender.url?.startsWith(chrome.runtime.getURL(''))) {
    const { tabId, frameId = 0, ...req } = msg.request ?? {};
    capture(Number(tabId), Number(frameId), req).then(respond);
    return true;
  }
  if (msg?.type === CS_BG_FIND && typeof msg.text === 'string') {
    // Node starts from a page are numbers or nothing: anything else is dropped.
    const nodes = Uint32Array.from(Array.isArray(msg.nodes) ? msg.nodes.filter(Number.isInteger) : []);
    getEngine().then((e) => respond(Array.from(e.findAll(msg.text, nodes))), () => respond([]));
    return true;
  }
  return false;
});

/**
 * `analyses[i]` with `targets`, the verdict toward each brand, where text `i`
 * names two or more (with one, the unit's verdict is the brand's).
 * `signals` as scoreBatch's.
 */
function withTargets(engine, texts, analyses, signals) {
  analyses.forEach((a, i) => {
    if (!a) return;
    const rating = signals[i * 4];
    const push = signals[i * 4 + 1] > 0 ? '推' : signals[i * 4 + 1] < 0 ? '噓' : undefined;
    const targets = engine.targets(texts[i], Number.isNaN(rating) ? undefined : rating, push);
    if (targets.length > 1) a.targets = targets;
  });
  return analyses;
}

/** Scores, and full verdicts for the units a sensitivity setting could show as negative. */
function verdicts(core, engine, texts, signals) {
  const v = core.scoreBatch(texts.join('\u001f'), signals);
  const pick = texts.map((_, i) => i).filter((i) => v[i * 3 + 1] === -1 || v[i * 3] <= LEANING_NEGATIVE);
  const sig = new Float32Array(pick.length * 4);
  pick.forEach((i, k) => sig.set(signals.subarray(i * 4, i * 4 + 4), k * 4));
  const explained = pick.length
    ? withTargets(engine, pick.map((i) => texts[i]), core.explainBatch(pick.map((i) => texts[i]).join('\u001f'), sig), sig) : [];
  const analyses = texts.map(() => null);
  pick.forEach((i, k) => { analyses[i] = explained[k]; });
  return { verdicts: Array.from(v), analyses };
}

chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(TAB_PREFIX + tabId));

// Capture entry points the browser gives us: the context menu and a shortcut.
const MENUS = [
  { id: 'save-selection', contexts: ['selection'], title: 'menuSaveSelection', target: 'selection' },
  { id: 'save-link', contexts: ['link'], title: 'menuSaveLink', target: 'link' },
  { id: 'save-page', contexts: ['page', 'image', 'video'], title: 'menuSavePage', target: 'page' },
  { id: 'quick-check', contexts: ['selection'], title: 'menuQuickCheck' },
];

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    for (const m of MENUS) chrome.contextMenus.create({ id: m.id, contexts: m.contexts, title: t(m.title) });
  });
});

// The menus speak the language chosen in the options.
loadLanguage();
onSettingsChanged(['language'], () => loadLanguage().then(() => {
  for (const m of MENUS) chrome.contextMenus.update(m.id, { title: t(m.title) }, () => void chrome.runtime.lastError);
}));

function onMenuClick(info, tab) {
  if (!tab?.id) return undefined;
  if (info.menuItemId === 'quick-check') {
    const url = chrome.runtime.getURL(`popup/popup.html?check=${encodeURIComponent(info.selectionText ?? '')}`);
    return chrome.windows.create({ url, type: 'popup', width: 420, height: 640 });
  }
  const m = MENUS.find((x) => x.id === info.menuItemId);
  if (!m) return undefined;
  return capture(tab.id, info.frameId ?? 0, { source: 'menu', target: m.target, selectionText: info.selectionText, linkUrl: info.linkUrl })
    .then((r) => notifyCapture(tab.id, r));
}

function onCommand(command, tab) {
  if (command !== 'save-evidence' || !tab?.id) return undefined;
  return capture(tab.id, 0, { source: 'shortcut', target: 'unit' }).then((r) => notifyCapture(tab.id, r));
}

chrome.contextMenus.onClicked.addListener(onMenuClick);
chrome.commands.onCommand.addListener(onCommand);
chrome.notifications.onClicked.addListener(onNotificationClick);
// Menus and shortcuts have no UI in headless Chromium: the end-to-end tests
// call these listeners as the browser would.
globalThis.entryPoints = { onMenuClick, onCommand, onNotificationClick, core: () => ready };

/** A capture without a window of ours to answer in: say how it went on the badge. */
async function notifyCapture(tabId, result) {
  flashing.set(tabId, Date.now() + FLASH_MS);
  await chrome.action.setBadgeText({ tabId, text: result.ok ? '✓' : '!' });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: result.ok ? '#188038' : '#d93025' });
  await chrome.action.setTitle({ tabId, title: result.ok
    ? t('savedEvidence')
    : `${t(result.quota ? 'quotaFull' : 'captureFailed')} ${result.quota ? '' : result.message}` });
  setTimeout(() => refreshBadge(tabId).catch(() => {}), FLASH_MS + 50);
  return result;
}
