// Side panel: this page's negative comments and brand mentions, riskiest
// first; click one to scroll to it, or save it as evidence.
import { el } from '../shared/dom.js';
import { shownTab } from '../shared/tabs.js';
import { loadLanguage, localize, t } from '../shared/i18n.js';
import { riskier } from '../shared/risk.js';
import { TAB_PREFIX, readKey } from '../shared/keys.js';
import { UI_BG_CAPTURE, UI_CS_SHOW, UI_CS_UNITS } from '../shared/messages.js';
import { getItem, itemKey } from '../history/store.js';
import { reachRate } from '../history/velocity.js';
import { loadCore } from '../shared/core.js';

await loadLanguage();
localize();
/** @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);

/** Every frame's units, each tagged with its frame. */
async function unitsOf(tabId) {
  const info = await readKey(chrome.storage.session, TAB_PREFIX + tabId,
    /** @type {import('../shared/keys.js').TabInfo | null} */ (null));
  const frames = Object.keys(info?.frames ?? { 0: null }).map(Number);
  const lists = await Promise.all(frames.map((frameId) => chrome.tabs.sendMessage(tabId, { type: UI_CS_UNITS },
    { frameId })
    .then((list) => (list ?? []).map((u) => ({ ...u, frameId })), () => [])));
  return { units: lists.flat(), frames: info?.frames ?? {} };
}

let rendering = null;
/** Saves from this panel by "tab:frame:unit": 'saving', 'saved' or why it failed; kept across redraws. */
const outcome = new Map();

function showSave(button, state) {
  button.disabled = state === 'saving';
  button.textContent = !state ? t('saveUnit') : state === 'saving' ? '…' : state === 'saved' ? '✓' : '!';
  button.title = !state || state === 'saving' ? '' : state === 'saved' ? t('savedEvidence') : state;
}
async function render() {
  const tab = await shownTab();
  if (!tab) return;
  const { units, frames } = await unitsOf(tab.id);
  const sum = (k) => Object.values(frames).reduce((n, f) => n + (f.units?.[k] ?? 0), 0);
  $('counts').textContent = sum('total') ? t('panelCounts', sum('total'), sum('neg'), sum('neu'), sum('pos')) : '';
  units.sort(riskier);
  if (!units.length) {
    $('units').replaceChildren(el('li', {}, t('panelEmpty')));
    return;
  }
  const core = await loadCore();
  // A comment's reach over time, where the history has seen it more than once.
  const reaches = await Promise.all(units.map((u) => (u.mentions.length && frames[u.frameId]?.url
    ? getItem(itemKey(core.sha256Hex, frames[u.frameId].url, u.text)).then((i) => i?.reaches ?? [], () => [])
    : [])));
  $('units').replaceChildren(...units.map((u, k) => {
    const open = el('button', { type: 'button', className: 'text' }, u.text);
    open.onclick = () => chrome.tabs.sendMessage(tab.id, { type: UI_CS_SHOW, id: u.id }, { frameId: u.frameId });
    const key = `${tab.id}:${u.frameId}:${u.id}`;
    const save = el('button', { type: 'button', className: 'save' });
    save.dataset.key = key;
    showSave(save, outcome.get(key));
    save.onclick = async () => {
      outcome.set(key, 'saving');
      showSave(save, 'saving');
      const r = await chrome.runtime.sendMessage({ type: UI_BG_CAPTURE, request: { tabId: tab.id, frameId: u.frameId,
        unitId: u.id, target: 'unit', source: 'panel' } });
      outcome.set(key, r?.ok ? 'saved' : `${t(r?.quota ? 'quotaFull' : 'captureFailed')} ${r?.quota ? '' : r?.message ?? ''}`);
      // The list may have been redrawn meanwhile: update the button shown now.
      for (const b of $('units').querySelectorAll('button.save')) if (b.dataset.key === key) showSave(b,
        outcome.get(key));
    };
    const li = el('li', { className: u.label },
      open,
      el('div', { className: 'meta' },
        el('span', { className: `chip ${u.risk}` }, `${t('riskGrade')} ${t(`risk_${u.risk}`)}`),
        el('span', {}, `${t(`label_${u.label}`)} ${u.score.toFixed(2)}`),
        ...u.crises.map((c) => el('span', { className: 'chip crisis' }, t(`crisis_${c}`))),
        u.answered ? el('span', { className: 'chip answered' }, t('answeredTag')) : null,
        ...u.mentions.map((m) => el('span', { className: 'chip brand' }, m)),
        u.author && el('span', {}, u.author),
        save),
      reaches[k].length > 1 ? el('div', { className: 'reach' }, t('panelReach',
        reaches[k].map(([, n]) => n).join(' → '), Math.round(reachRate(reaches[k])))) : null);
    li.dataset.unit = String(u.id);
    return li;
  }));
}

function refresh() {
  rendering ??= render().finally(() => { rendering = null; });
}

chrome.storage.session.onChanged.addListener(refresh);
chrome.tabs.onActivated.addListener(refresh);
refresh();
