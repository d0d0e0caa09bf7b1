// Content script: finds watched brands in this frame's visible text and
// marks them in an overlay the page cannot read (or, where the user chose,
// with the CSS Custom Highlight API), so the page's DOM is never touched.
// Keeps up with infinite scroll and SPA navigation. This file only starts,
// stops and routes; the work is in the modules beside it:
// state.js (every field of the frame's state, and the clock), mentions.js
// (finding brands), marks.js (showing them), verdicts.js (comment units, scored and
// marked), impersonation.js, report.js (what the popup, panel and badge are
// told) and scheduler.js (mutations, passes, shadow roots).
import { startPicker } from './picker.js';
import { createEngine } from './engine.js';
import { hoverCards } from './card.js';
import { annotate, contextElement, finish, prepare } from './capture.js';
import { clearMarks, mentionsIn, showMarks } from './mentions.js';
import { checkOwnReply, cleanText, explainUnit, unitAt } from './verdicts.js';
import { report, reveal, showUnit, unitList } from './report.js';
import { observe, rescanAll, schedule } from './scheduler.js';
import { state, yieldToPage } from './state.js';
import { tryAdapter } from './units.js';
import { showSpread } from './spread.js';
import {
  BG_CS_ANNOTATE, BG_CS_DONE, BG_CS_DRAFT, BG_CS_PREPARE, BG_CS_SPREADING, CS_BG_CAPTURE, UI_CS_PICK, UI_CS_REVEAL,
  UI_CS_SHOW, UI_CS_TRY, UI_CS_UNITS,
} from '../shared/messages.js';
import { getSettings, onSettingsChanged } from '../shared/settings.js';
import { loadLanguage } from '../shared/i18n.js';

/** The settings this script follows. */
const WATCHED = ['watchlist', 'adapters', 'genericSites', 'highlightSites', 'pausedSites',
  'onlyMentions', 'sensitivity', 'language', 'history'];

/** Asks the background to capture; it calls back with BG_CS_PREPARE. */
function saveUnit(entry) {
  return chrome.runtime.sendMessage({ type: CS_BG_CAPTURE, unitId: entry.id, source: 'hover' });
}

/** Gets a capture ready for the background: see capture.js. */
async function prepareCapture(req) {
  let unit = req.unitId ? state.units.find((u) => u.id === req.unitId) ?? null : null;
  if (!unit && req.target === 'unit') unit = state.hovered?.el.isConnected ? state.hovered : null;
  if (!unit && (req.target === 'page' || req.target === 'link') && req.source === 'menu') {
    unit = unitAt(contextElement());
  }
  if (req.unitId && !unit) throw new Error('that comment is no longer on the page');
  const verdict = async (text, u) => {
    const a = u ? await explainUnit(u) : await state.engine?.explain(text, {});
    return a && { score: a.score, label: a.label, confidence: a.confidence, crises: a.crises.map((c) => c.type),
      risk: a.risk,
      reasons: a.reasons.map(({ kind, text: t, contribution }) => ({ kind, text: t, contribution })) };
  };
  let { target } = req;
  // The shortcut saves the comment under the pointer, else the selection, else the page.
  if (unit) target = 'unit';
  else if (target === 'unit') target = getSelection()?.isCollapsed === false ? 'selection' : 'page';
  return prepare({ ...req, target }, { unit, mentionsIn, verdict, adapter: state.adapter, clean: cleanText,
    showMarks });
}

async function stop() {
  state.generation++;
  for (const mo of state.observers) mo.disconnect();
  state.observers = [];
  state.watchedShadows = new WeakSet();
  clearMarks();
  state.card?.stop();
  state.card = null;
  state.banner?.();
  state.banner = null;
  state.engine?.free();
  state.engine = null;
}

async function start() {
  await stop();
  const [s] = await Promise.all([getSettings(WATCHED), loadLanguage()]);
  state.onlyMentions = s.onlyMentions;
  state.sensitivity = s.sensitivity;
  state.history = s.history;
  state.mine = s.adapters;
  state.slow = null;
  state.useGeneric = s.genericSites.includes(location.hostname);
  state.stealth = !s.highlightSites.includes(location.hostname);
  state.backoffMs = 0;
  const list = s.watchlist;
  if (s.pausedSites.includes(location.hostname) || !Array.isArray(list?.brands) || !list.brands.length) {
    report();
    return;
  }
  try {
    state.engine = await createEngine(JSON.stringify(list));
  } catch (err) {
    console.warn('Brand Radar: watchlist not usable:', err);
    report();
    return;
  }
  state.brands = list.brands;
  state.card = hoverCards({ unitAt: (n) => (state.hovered = unitAt(n)), explain: explainUnit,
    checkReply: checkOwnReply, save: saveUnit });
  observe(document);
  await rescanAll();
}

onSettingsChanged(WATCHED, start);

/** The text of the editable field in focus (a textarea, an input or a contenteditable), for the reply check. */
function draftText() {
  let node = document.activeElement;
  // Comment boxes often sit in open shadow roots.
  while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
  if (node instanceof HTMLTextAreaElement || node instanceof HTMLInputElement) return node.value.slice(0, 5000);
  return node instanceof HTMLElement && node.isContentEditable ? node.innerText.slice(0, 5000) : '';
}

chrome.runtime.onMessage.addListener((msg, _sender, respond) => {
  if (msg?.type === UI_CS_REVEAL) respond(reveal(msg.brand));
  else if (msg?.type === UI_CS_PICK) {
    startPicker();
    respond(true);
  }
  else if (msg?.type === UI_CS_UNITS) respond(unitList());
  else if (msg?.type === UI_CS_TRY) {
    tryAdapter(msg.adapter, yieldToPage).then(respond, (err) => respond({ error: String(err?.message ?? err) }));
    return true;
  }
  else if (msg?.type === UI_CS_SHOW) respond(showUnit(msg.id));
  else if (msg?.type === BG_CS_DONE) finish();
  else if (msg?.type === BG_CS_DRAFT) respond(draftText());
  else if (msg?.type === BG_CS_SPREADING) showSpread(msg.spreading ? String(msg.why ?? '') : null);
  else if (msg?.type === BG_CS_ANNOTATE) {
    annotate().then(respond, () => respond(false));
    return true;
  }
  else if (msg?.type === BG_CS_PREPARE) {
    prepareCapture(msg).then(respond, (err) => respond({ error: String(err?.message ?? err) }));
    return true;
  }
  return false;
});

window.addEventListener('popstate', () => schedule());
start();
