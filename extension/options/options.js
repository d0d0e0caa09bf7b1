// Options page: edit, import and export the watchlist. Every change is
// validated by the Rust core (the same rules as the CLI) before it is saved;
// a refused file leaves the current watchlist as it was.
import { loadCore } from '../shared/core.js';
import { loadLanguage, localize, t } from '../shared/i18n.js';
import { KEY_HEALTH, readKey } from '../shared/keys.js';
import { getSettings, setSettings } from '../shared/settings.js';
import { clearHistory } from '../history/store.js';
import { packOf, serves } from '../shared/adapters.js';
import { UI_CS_TRY } from '../shared/messages.js';
import { el } from '../shared/dom.js';
import { PLAN_TYPES, stepsFor } from '../shared/plan.js';

/** @type {(id: string) => any} form fields and the like, by id */
const $ = (id) => document.getElementById(id);
const lines = (s) => s.split('\n').map((x) => x.trim()).filter(Boolean);

await loadLanguage();
localize();

function show(kind, text) {
  const m = $('message');
  m.className = kind;
  m.textContent = text;
}

function addCard(brand = { name: '', aliases: [], exclusions: [], official: [], competitor: false }) {
  const card = $('brand-card').content.firstElementChild.cloneNode(true);
  localize(card);
  // Stored lists may be damaged: show what can be shown, as text.
  /** @type {(name: string) => HTMLInputElement} */
  const field = (name) => card.querySelector(`[name=${name}]`);
  field('name').value = typeof brand?.name === 'string' ? brand.name : '';
  field('competitor').checked = brand?.competitor === true;
  for (const key of ['aliases', 'exclusions', 'official']) {
    const items = Array.isArray(brand?.[key]) ? brand[key].filter((x) => typeof x === 'string') : [];
    card.querySelector(`[name=${key}]`).value = items.join('\n');
  }
  card.querySelector('.remove').onclick = () => card.remove();
  $('brands').append(card);
}

function fill(list) {
  $('brands').replaceChildren();
  for (const b of list.brands) addCard(b);
}

function fromForm() {
  return {
    version: 1,
    brands: [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.brand'))]
      .map((card) => ({
      name: /** @type {HTMLInputElement} */ (card.querySelector('[name=name]')).value.trim(),
      aliases: lines(/** @type {HTMLInputElement} */ (card.querySelector('[name=aliases]')).value),
      exclusions: lines(/** @type {HTMLInputElement} */ (card.querySelector('[name=exclusions]')).value),
      official: lines(/** @type {HTMLInputElement} */ (card.querySelector('[name=official]')).value),
      competitor: /** @type {HTMLInputElement} */ (card.querySelector('[name=competitor]')).checked,
    })),
  };
}

/** Validates JSON text with the core; returns the list or throws its message. */
async function validate(json) {
  return (await loadCore()).parseWatchlist(json);
}

async function save(list) {
  try {
    await setSettings({ watchlist: list });
  } catch (err) {
    show('error', t('saveFailed', String(err?.message ?? err)));
    return false;
  }
  return true;
}

$('add').onclick = () => addCard();

$('save').onclick = async () => {
  let list;
  try {
    list = await validate(JSON.stringify(fromForm()));
  } catch (err) {
    show('error', t('invalidWatchlist', String(err?.message ?? err)));
    return;
  }
  if (await save(list)) show('ok', t('saved', list.brands.length));
};

$('import').onchange = async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  if (file.size > 5_000_000) {
    show('error', t('importTooLarge', file.name));
    return;
  }
  let list;
  try {
    list = await validate(await file.text());
  } catch (err) {
    // The current watchlist stays as it is: nothing was saved.
    show('error', t('importRefused', file.name, String(err?.message ?? err)));
    return;
  }
  if (await save(list)) {
    fill(list);
    show('ok', t('imported', file.name, list.brands.length));
  }
};

/** Saves `value` as the JSON file `name` (the watchlist, a pack of site adapters). */
function downloadJson(name, value) {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

$('export').onclick = async () => {
  const { watchlist } = await getSettings(['watchlist']);
  downloadJson('brand-radar-watchlist.json', watchlist ?? { version: 1, brands: [] });
};

getSettings(['watchlist']).then(async ({ watchlist: list }) => {
  if (list) validate(JSON.stringify(list)).catch((err) => show('error', t('storedWatchlistBroken',
    String(err?.message ?? err))));
  if (Array.isArray(list?.brands) && list.brands.length) fill(list);
  else addCard();
});

// Display, sites, history and alerts: each control saves on change.
const controls = {
  onlyMentions: { el: $('only-mentions'), prop: 'checked' },
  sensitivity: { el: $('sensitivity'), prop: 'value' },
  language: { el: $('language'), prop: 'value' },
  history: { el: $('history'), prop: 'checked' },
  retentionDays: { el: $('retention'), prop: 'value', read: Number },
  alertGrade: { el: $('alert-grade'), prop: 'value' },
  backupCaptures: { el: $('backup-captures'), prop: 'value', read: Number },
  backupDays: { el: $('backup-days'), prop: 'value', read: Number },
  spreadBoos: { el: $('spread-boos'), prop: 'value', read: Number },
  spreadNegatives: { el: $('spread-negatives'), prop: 'value', read: Number },
  spreadReach: { el: $('spread-reach'), prop: 'value', read: Number },
};
const settings = await getSettings();
for (const [key, c] of Object.entries(controls)) {
  c.el[c.prop] = settings[key];
  c.el.onchange = async () => {
    await setSettings({ [key]: (c.read ?? ((x) => x))(c.el[c.prop]) });
    const saved = (await getSettings([key]))[key];
    c.el[c.prop] = saved; // Out-of-range input shows what was kept.
    if (key === 'language') location.reload();
    else $('settings-message').textContent = t('settingSaved');
  };
}

/**
 * Lists the hosts of the setting `key` (a list of hostnames) in `#listId`,
 * each with a button (`label`) that takes it out; `none` when empty.
 */
function showSites(key, listId, label, none) {
  const list = $(listId);
  list.dataset.empty = t(none);
  list.replaceChildren(...settings[key].map((host) => {
    const out = Object.assign(document.createElement('button'), { type: 'button', textContent: t(label) });
    out.onclick = async () => {
      const stored = (await getSettings([key]))[key];
      await setSettings({ [key]: stored.filter((h) => h !== host) });
      settings[key] = (await getSettings([key]))[key];
      showSites(key, listId, label, none);
    };
    const li = document.createElement('li');
    li.append(Object.assign(document.createElement('span'), { textContent: host }), out);
    return li;
  }));
}
const showPaused = (sites) => {
  settings.pausedSites = sites;
  showSites('pausedSites', 'paused-sites', 'resumeSiteButton', 'sitesNone');
};
showPaused(settings.pausedSites);
showSites('highlightSites', 'highlight-sites', 'marksSiteBack', 'marksSitesNone');
$('pause-site-add').onclick = async () => {
  const raw = $('pause-site').value.trim();
  // A pasted address or a bare domain; the hostname is what the content script compares.
  let host = '';
  try { host = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname; } catch { /* shown below */ }
  if (!host || !/^[\w.-]+$/.test(host)) {
    $('settings-message').textContent = t('invalidSite', raw);
    return;
  }
  const { pausedSites } = await getSettings(['pausedSites']);
  if (!pausedSites.includes(host)) await setSettings({ pausedSites: [...pausedSites, host] });
  $('pause-site').value = '';
  showPaused((await getSettings(['pausedSites'])).pausedSites);
};
$('clear-history').onclick = async () => {
  const n = await clearHistory();
  $('settings-message').textContent = t('historyCleared', n);
};

// Site adapters of the user's own, from packs (docs/adapters.md): listed, imported, exported.
function showAdapters(adapters) {
  const list = $('adapter-list');
  list.dataset.empty = t('adaptersNone');
  list.replaceChildren(...adapters.map((a) => {
    const remove = el('button', { type: 'button', textContent: t('adapterRemove') });
    remove.onclick = async () => {
      const { adapters: now } = await getSettings(['adapters']);
      await setSettings({ adapters: now.filter((b) => b.site !== a.site) });
      showAdapters((await getSettings(['adapters'])).adapters);
      $('adapters-message').textContent = t('adapterRemoved', a.name);
    };
    // Renamed in place: the name the popup shows; the sites it serves stay.
    const name = el('input', { value: a.name, maxLength: 80, className: 'adapter-name' });
    name.setAttribute('aria-label', t('adapterRename'));
    name.onchange = async () => {
      const value = name.value.trim();
      if (!value) return;
      const { adapters: now } = await getSettings(['adapters']);
      await setSettings({ adapters: now.map((b) => (b.site === a.site ? { ...b, name: value } : b)) });
      $('adapters-message').textContent = t('adapterRenamed', value);
    };
    const test = el('button', { type: 'button', textContent: t('adapterTry') });
    test.onclick = () => tryOnPage(a);
    return el('li', {}, name, el('span', { textContent: a.hosts.join(', ') }), test, remove);
  }));
}

/**
 * "Test on this page": the adapter run in the open tab of its site the user
 * saw last, and what it finds said here — how many comments, the first one's
 * author, time and text — so a taught or imported adapter can be checked
 * without leaving the options. Nothing is marked on the page.
 */
async function tryOnPage(adapter) {
  const say = (text) => { $('adapters-message').textContent = text; };
  const hostOf = (url) => {
    try { return new URL(url).hostname; } catch { return ''; }
  };
  const tabs = (await chrome.tabs.query({})).filter((tab) => tab.url && /^https?:/.test(tab.url) && serves(adapter, hostOf(tab.url)))
    .sort((x, y) => (y.lastAccessed ?? 0) - (x.lastAccessed ?? 0));
  if (!tabs.length) return say(t('adapterTryNoTab', adapter.hosts.join(', ')));
  const [tab] = tabs;
  const page = tab.title || hostOf(tab.url);
  say(t('adapterTrying', page));
  const found = await chrome.tabs.sendMessage(tab.id, { type: UI_CS_TRY, adapter }, { frameId: 0 }).catch(() => null);
  if (!found || found.error) return say(t('adapterTryReload', page));
  if (found.slow) return say(t('adapterTrySlow', page));
  if (!found.count) return say(t('adapterTryNone', page));
  const first = found.first ?? { text: '', author: '', time: '' };
  say(t(found.more ? 'adapterTriedMore' : 'adapterTried', page, String(found.count),
    [first.author, first.time].filter(Boolean).join(' · ') || t('adapterTryNoAuthor'), first.text.slice(0, 80)));
}
showAdapters(settings.adapters);

/**
 * A page of 3,000 comments and 300 nested blocks, to time selectors on: an
 * everyday selector takes a few milliseconds here; one that makes the
 * browser compare every element with its thousands of siblings
 * (`div:has(~ div p)`) takes tens, and ten times that on a long thread.
 */
const STRESS = `<div id="l">${'<div class="c"><span class="a">u</span><p>text <a href="#">x</a></p><div class="m">1 天前</div></div>'.repeat(3000)}</div>${'<div>'.repeat(300)}<p>x</p>${'</div>'.repeat(300)}`;
/** Milliseconds a selector may take on STRESS. */
const SELECTOR_BUDGET_MS = 15;

/** A pack checked by the core, then its selectors by this browser (syntax and cost); returns its adapters or throws. */
async function checkPack(json) {
  const { pack, selectors } = (await loadCore()).parseAdapters(json);
  const stress = new DOMParser().parseFromString(STRESS, 'text/html');
  for (const [field, sel] of selectors) {
    if (sel === '.') continue;
    try {
      stress.createDocumentFragment().querySelector(sel);
    } catch {
      throw new Error(t('adapterSelectorBad', field, sel));
    }
    // Best of two: a pause of the page itself should not refuse a good selector.
    const took = Math.min(...[0, 1].map(() => {
      const started = performance.now();
      stress.querySelectorAll(sel);
      return performance.now() - started;
    }));
    if (took > SELECTOR_BUDGET_MS) throw new Error(t('adapterSelectorSlow', field, sel, String(Math.round(took))));
  }
  return pack.adapters;
}

$('adapters-import').onchange = async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  const say = (text) => { $('adapters-message').textContent = text; };
  if (file.size > 1_000_000) return say(t('adaptersTooLarge', file.name));
  let incoming;
  try {
    incoming = await checkPack(await file.text());
  } catch (err) {
    return say(t('adaptersRefused', file.name, String(err?.message ?? err)));
  }
  // An adapter with the same id is replaced: a colleague's newer version of it.
  const { adapters } = await getSettings(['adapters']);
  const merged = [...adapters.filter((a) => !incoming.some((b) => b.site === a.site)), ...incoming];
  if (merged.length > 200) return say(t('adaptersTooMany', '200'));
  try {
    await setSettings({ adapters: merged });
  } catch (err) {
    return say(t('saveFailed', String(err?.message ?? err)));
  }
  showAdapters((await getSettings(['adapters'])).adapters);
  say(t('adaptersImported', file.name, String(incoming.length)));
};

$('adapters-export').onclick = async () => {
  const { adapters } = await getSettings(['adapters']);
  if (!adapters.length) {
    $('adapters-message').textContent = t('adaptersNothing');
    return;
  }
  downloadJson('brand-radar-adapters.json', packOf(adapters));
};

// The core restarts itself after a panic; the owner should still hear of it.
readKey(chrome.storage.local, KEY_HEALTH, /** @type {import('../shared/keys.js').Health | null} */ (null)).then((h) => {
  if (!h?.crashes) return;
  const p = $('health');
  p.textContent = t('coreCrashes', String(h.crashes), `${new Date(h.last.at).toLocaleString()} — ${h.last.why}`);
  p.hidden = false;
});

// The response plan (回應計畫): the crisis team and the first steps per crisis type.
const WHEN = ['medium', 'high', 'critical', 'never'];

function memberRow(m = { name: '', role: '', contact: '', from: 'high' }) {
  const input = (cls, value, max) => el('input', { className: cls, value, maxLength: max });
  const from = el('select', { className: 'plan-from' }, ...WHEN.map((w) => el('option', { value: w },
    w === 'never' ? t('planNever') : t('planFrom', t(`risk_${w}`)))));
  from.value = m.from;
  const remove = el('button', { type: 'button', className: 'remove', textContent: t('planRemove') });
  const row = el('tr', {}, el('td', {}, input('plan-name', m.name, 80)), el('td', {}, input('plan-role', m.role, 80)),
    el('td', {}, input('plan-contact', m.contact, 200)), el('td', {}, from), el('td', {}, remove));
  remove.onclick = () => row.remove();
  return row;
}

function showPlan(plan) {
  $('plan-members').tBodies[0].replaceChildren(...plan.team.map(memberRow));
  $('plan-steps').replaceChildren(...PLAN_TYPES.map((type) => el('label', {},
    el('span', {}, type === 'negative' ? t('planNegative') : t(`crisis_${type}`)),
    el('textarea', { name: type, rows: 4, value: plan.steps[type] ?? '',
      // The guide's steps show through until the owner writes their own.
      placeholder: stepsFor({ team: [], steps: {} }, type, t).join('\n') }))));
}

$('plan-add').onclick = () => $('plan-members').tBodies[0].append(memberRow());
$('plan-save').onclick = async () => {
  const value = (row, cls) => /** @type {HTMLInputElement} */ (row.querySelector(`.${cls}`)).value;
  const team = [...$('plan-members').tBodies[0].rows].map((row) => ({ name: value(row, 'plan-name'),
    role: value(row, 'plan-role'), contact: value(row, 'plan-contact'), from: value(row, 'plan-from') }));
  const steps = Object.fromEntries([...$('plan-steps').querySelectorAll('textarea')]
    .map((x) => [x.name, /** @type {HTMLTextAreaElement} */ (x).value]));
  await setSettings({ plan: { team, steps } });
  const { plan } = await getSettings(['plan']);
  showPlan(plan);
  $('plan-message').textContent = t('planSaved', plan.team.length);
};
showPlan(settings.plan);
