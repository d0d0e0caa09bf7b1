// Service worker: keeps each tab's mention counts (badge and popup), matches
// text for content scripts on pages whose CSP blocks their wasm, and captures
// evidence from the hover card, the context menu, the popup and the shortcut.
// No top-level await: a module service worker that awaits at load dies.
import { lastingEngine, loadCore } from '../shared/core.js';
import { capture } from './capture.js';
import { onNotificationClick, remember } from './history.js';
import { LEANING_NEGATIVE, getSettings, onSettingsChanged } from '../shared/settings.js';
import { loadLanguage, t } from '../shared/i18n.js';
import { encodeSignals, joinTexts, pickSignals, signalsAt, verdictAt } from '../shared/wire.js';
import { TAB_PREFIX, readKey } from '../shared/keys.js';
/** @typedef {import('../shared/keys.js').TabInfo} TabInfo */
import {
  CS_BG_CAPTURE, CS_BG_EXPLAIN, CS_BG_EXPLAIN_ALL, CS_BG_FIND, CS_BG_IMPERSONATION, CS_BG_MENTIONS, CS_BG_SCORE,
  CS_BG_SEEN, CS_BG_VERDICTS, TO_BACKGROUND, UI_BG_CAPTURE, allowed,
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

/** Stores one frame's summary and refreshes the tab's badge. */
async function recordMentions(tabId, frameId, summary) {
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
  const tab = await readKey(chrome.storage.session, key, /** @type {TabInfo} */ ({ frames: {} }));
  await chrome.action.setTitle({ tabId, title: t('extName') });
  await showCount(tabId, tab);
}

// Frames report concurrently; one chain keeps the read-modify-write whole.
/** @type {Promise<unknown>} */
let writes = Promise.resolve();

/**
 * What the background does with each message it accepts: `handle(payload,
 * sender)` returns the answer (or a promise of it). Who may send each and
 * what its payload holds: TO_BACKGROUND in shared/messages.js.
 */
const HANDLERS = {
  [CS_BG_MENTIONS]: (summary, sender) => {
    writes = writes.then(() => recordMentions(sender.tab.id, sender.frameId ?? 0, summary)).catch(() => {});
    return writes.then(() => true);
  },
  [CS_BG_SCORE]: ({ texts, signals }) =>
    ready.then((core) => Array.from(core.scoreBatch(joinTexts(texts), signals))).catch(() => []),
  [CS_BG_VERDICTS]: ({ texts, signals }) =>
    Promise.all([ready, getEngine()]).then(([core, e]) => verdicts(core, e, texts, signals)).catch(() => null),
  [CS_BG_EXPLAIN_ALL]: ({ texts, signals }) => Promise.all([ready, getEngine()])
    .then(([core, e]) => withTargets(e, texts, core.explainBatch(joinTexts(texts), signals), signals)).catch(() => []),
  [CS_BG_EXPLAIN]: ({ text, signals: s }) => Promise.all([ready, getEngine()]).then(([core, e]) => {
    const a = core.scoreText(text, s.rating, s.push, s.likes, s.replies);
    return withTargets(e, [text], [a], encodeSignals([s]))[0];
  }).catch(() => null),
  [CS_BG_SEEN]: (msg) => {
    writes = writes.then(async () => remember(msg, await ready, await getEngine()))
      .catch((err) => console.warn('Brand Radar: history', err));
    return writes.then(() => true);
  },
  [CS_BG_CAPTURE]: (req, sender) => capture(sender.tab.id, sender.frameId ?? 0, req),
  [CS_BG_IMPERSONATION]: ({ url, names, text }) => getEngine().then((e) => e.impersonation(url, names, text),
    () => null),
  [UI_BG_CAPTURE]: ({ tabId, frameId, request }) => capture(tabId, frameId, request),
  [CS_BG_FIND]: ({ text, nodes }) => getEngine().then((e) => Array.from(e.findAll(text, nodes)), () => []),
};

chrome.runtime.onMessage.addListener((msg, sender, respond) => {
  // Only our own content scripts and pages talk to us, each as its message allows.
  const route = TO_BACKGROUND[msg?.type];
  const handle = HANDLERS[msg?.type];
  if (sender.id !== chrome.runtime.id || !route || !handle) return false;
  if (!allowed(route.from, sender, chrome.runtime.getURL(''))) return false;
  const payload = route.sanitize(msg);
  if (!payload) return false;
  new Promise((answer) => answer(handle(payload, sender))).then(respond, () => respond(null));
  return true;
});

/**
 * `analyses[i]` with `targets`, the verdict toward each brand, where text `i`
 * names two or more (with one, the unit's verdict is the brand's).
 * `signals` as scoreBatch's.
 */
function withTargets(engine, texts, analyses, signals) {
  analyses.forEach((a, i) => {
    if (!a) return;
    const { rating, push } = signalsAt(signals, i);
    const targets = engine.targets(texts[i], rating, push);
    if (targets.length > 1) a.targets = targets;
  });
  return analyses;
}

/** Scores, and full verdicts for the units a sensitivity setting could show as negative. */
function verdicts(core, engine, texts, signals) {
  const v = core.scoreBatch(joinTexts(texts), signals);
  const pick = texts.map((_, i) => i).filter((i) => {
    const { label, score } = verdictAt(v, i);
    return label === 'neg' || score <= LEANING_NEGATIVE;
  });
  const sig = pickSignals(signals, pick);
  const picked = pick.map((i) => texts[i]);
  const explained = pick.length ? withTargets(engine, picked, core.explainBatch(joinTexts(picked), sig), sig) : [];
  const analyses = texts.map(() => null);
  pick.forEach((i, k) => { analyses[i] = explained[k]; });
  return { verdicts: Array.from(v), analyses };
}

chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(TAB_PREFIX + tabId));

// Capture entry points the browser gives us: the context menu and a shortcut.
/** @type {{ id: string, contexts: chrome.contextMenus.CreateProperties['contexts'],
  title: string, target?: string }[]} */
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
  return capture(tab.id, info.frameId ?? 0, { source: 'menu', target: m.target, selectionText: info.selectionText,
    linkUrl: info.linkUrl })
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
// call these listeners as the browser would. Only their build holds them.
if (__TEST__) globalThis.entryPoints = { onMenuClick, onCommand, onNotificationClick, core: () => ready };

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
