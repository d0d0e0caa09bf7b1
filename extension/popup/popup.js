// Toolbar popup: this page's mentions by brand, click to jump to one, and a
// switch to pause Brand Radar on this site.
import { el } from '../shared/dom.js';
import { shownTab } from '../shared/tabs.js';
import { loadLanguage, localize, t } from '../shared/i18n.js';
import { TAB_PREFIX, readKey } from '../shared/keys.js';
import { CS_BG_EXPLAIN, UI_BG_CAPTURE, UI_CS_PICK, UI_CS_REVEAL } from '../shared/messages.js';
import { getSettings, setSettings } from '../shared/settings.js';
import { loadCore } from '../shared/core.js';
import { stepsFor, tellLine } from '../shared/plan.js';
import { openLocker } from '../evidence/store.js';
import { backupDue, dismissReminder } from '../evidence/backup.js';

await loadLanguage();
localize();

/** Merges the frames' summaries: brand name -> { count, competitor, frames }. */
function byBrand(frames) {
  const brands = new Map();
  for (const [frameId, f] of Object.entries(frames)) {
    for (const b of f.brands) {
      const entry = brands.get(b.index) ?? { name: b.name, competitor: b.competitor, count: 0, frames: [] };
      entry.count += b.count;
      entry.frames.push(Number(frameId));
      brands.set(b.index, entry);
    }
  }
  return [...brands].sort((a, b) => b[1].count - a[1].count);
}

async function render() {
  const tab = await shownTab();
  const key = TAB_PREFIX + tab.id;
  const info = await readKey(chrome.storage.session, key,
    /** @type {import('../shared/keys.js').TabInfo | null} */ (null));
  // Without the "tabs" permission tab.url is hidden; our content script told us.
  const host = (() => { try { return new URL(info.frames[0].url).hostname; } catch { return ''; } })();
  document.getElementById('site').textContent = host;
  const stored = await getSettings(['watchlist', 'pausedSites', 'highlightSites']);
  const paused = stored.pausedSites.includes(host);
  const pause = /** @type {HTMLButtonElement} */ (document.getElementById('pause'));
  pause.textContent = t(paused ? 'resumeSite' : 'pauseSite');
  pause.disabled = !host;
  pause.onclick = toggleSite('pausedSites', host, !paused);

  // Teach this site (教我認留言): the picker runs on the page; the popup gets out of its way.
  const teach = /** @type {HTMLButtonElement} */ (document.getElementById('teach'));
  teach.disabled = !host;
  teach.onclick = async () => {
    await chrome.tabs.sendMessage(tab.id, { type: UI_CS_PICK }, { frameId: 0 }).catch(() => null);
    window.close();
  };

  const savePage = document.getElementById('save-page');
  savePage.onclick = () => saveEvidence(savePage, { tabId: tab.id, frameId: 0, target: 'page' });
  // Firefox shows the same page as a sidebar, opened from its own button.
  document.getElementById('open-panel').onclick = () =>
    (__FIREFOX__ ? null : chrome.sidePanel?.open({ tabId: tab.id }).catch(() => {}));
  document.getElementById('open-panel').hidden = __FIREFOX__ || !chrome.sidePanel;
  const status = document.getElementById('status');
  const ul = document.getElementById('brands');
  ul.replaceChildren();
  if (!Array.isArray(stored.watchlist?.brands) || !stored.watchlist.brands.length) {
    status.textContent = t('noWatchlist');
    return;
  }
  try {
    (await loadCore()).parseWatchlist(JSON.stringify(stored.watchlist));
  } catch (err) {
    status.textContent = t('storedWatchlistBroken', String(err?.message ?? err));
    return;
  }
  if (paused) {
    status.textContent = t('pausedHere');
    return;
  }
  const spread = document.getElementById('spread');
  spread.hidden = !info?.spread;
  spread.textContent = info?.spread ? t('spreadPopup', info.spread.why) : '';
  renderUnits(tab.id, info?.frames ?? {});
  renderAdapterNote(host, info?.frames ?? {});
  renderMarksNote(host, info?.frames ?? {}, !stored.highlightSites.includes(host));
  const brands = byBrand(info?.frames ?? {});
  const total = brands.reduce((n, [, b]) => n + b.count, 0);
  status.textContent = total ? t('mentionsOnPage', total) : t('noMentions');
  for (const [index, b] of brands) {
    const name = el('span', {}, b.name);
    if (b.competitor) name.append(el('span', { className: 'tag' }, t('competitor')));
    const button = el('button', { type: 'button', title: t('revealHint') }, name, el('span', { className: 'count' },
      String(b.count)));
    button.onclick = () => revealNext(tab.id, index, b.frames);
    ul.append(el('li', { className: b.competitor ? 'competitor' : 'own' }, button));
  }
}

/**
 * A click handler that adds `host` to the list setting `key` (`on`) or takes
 * it out, then shows the page's new state.
 */
function toggleSite(key, host, on) {
  return async () => {
    const sites = new Set((await getSettings([key]))[key]);
    if (on) sites.add(host); else sites.delete(host);
    await setSettings({ [key]: [...sites] });
    setTimeout(render, 300);
  };
}

/**
 * How the comments on this page were found, where that needs a word: the
 * site's adapter finds far fewer than the generic detection (the site changed
 * its markup), with the offer to use the generic one here; the generic one
 * in use by the user's choice, with the way back; a user's adapter too slow.
 */
function renderAdapterNote(host, frames) {
  const top = frames[0]?.units;
  const note = document.getElementById('adapter-note');
  note.hidden = true;
  note.replaceChildren();
  if (!top || !host) return;
  const button = (label, on) => Object.assign(el('button', { type: 'button' }, t(label)),
    { onclick: toggleSite('genericSites', host, on) });
  if (top.health) {
    const { site, found, generic } = top.health;
    note.append(t('adapterStale', site, String(found), String(generic)), ' ', button('useGeneric', true));
  } else if (top.useGeneric) {
    note.append(t('usingGeneric'), ' ', button('backToAdapter', false));
  } else if (top.slowAdapter) {
    note.append(t('adapterSlow', top.slowAdapter));
  } else return;
  note.hidden = false;
}

/**
 * How the marks are shown on this site — stealth (the page cannot read them,
 * the default) or the browser's highlights (it can) — with the switch, and
 * a word when the page keeps removing them.
 */
function renderMarksNote(host, frames, stealth) {
  const note = document.getElementById('marks-note');
  note.replaceChildren();
  note.classList.remove('warn');
  if (!host) return;
  const flip = Object.assign(el('button', { type: 'button' }, t(stealth ? 'useHighlights' : 'useStealth')),
    { onclick: toggleSite('highlightSites', host, stealth) });
  const backoff = Math.max(0, ...Object.values(frames).map((f) => f.marks?.backoffMs ?? 0));
  if (backoff) {
    note.classList.add('warn');
    note.append(t('marksRemoved', String(Math.round(backoff / 1000))), ' ');
  }
  note.append(t(stealth ? 'marksStealth' : 'marksHighlight'), ' ', flip);
}

/** Comment units on the page: counts by label and the riskiest negative ones. */
function renderUnits(tabId, frames) {
  const units = Object.entries(frames).filter(([, f]) => f.units?.total)
    .map(([frameId, f]) => ({ ...f.units, top: f.units.top.map((u) => ({ ...u, frameId: Number(frameId) })) }));
  const box = document.getElementById('units');
  box.hidden = !units.length;
  if (!units.length) return;
  const sum = (k) => units.reduce((n, u) => n + u[k], 0);
  // The brand's own replies are counted apart: they are its voice, not comments on it.
  const own = sum('own');
  const answered = sum('answered');
  document.getElementById('units-title').textContent = t('unitsSummary', sum('total'), sum('neg'), sum('neu'),
    sum('pos')) + (answered ? t('unitsAnswered', answered) : '') + (own ? t('unitsOwn', own) : '');
  const risks = document.getElementById('risks');
  risks.replaceChildren();
  for (const u of units.flatMap((x) => x.top).slice(0, 5)) {
    const crises = u.crises.map((c) => t(`crisis_${c}`)).join('、');
    const save = el('button', { type: 'button', className: 'save' }, t('saveUnit'));
    save.onclick = () => saveEvidence(save, { tabId, frameId: u.frameId, unitId: u.id, target: 'unit' });
    // Answered by the brand already (a reply of its own follows it): what is left to do is elsewhere.
    const answered = u.answered ? el('span', { className: 'answered' }, t('answeredTag')) : '';
    risks.append(el('li', {}, el('span', { className: `risk ${u.risk}` }, t(`risk_${u.risk}`)), answered,
      crises ? `${crises}：` : '', u.text, ' ', save));
  }
}

/** Asks the background to capture; the button says how it went. */
async function saveEvidence(button, request) {
  button.disabled = true;
  const note = document.getElementById('save-note');
  note.hidden = false;
  note.className = 'note';
  note.textContent = t('saving');
  const r = await chrome.runtime.sendMessage({ type: UI_BG_CAPTURE, request: { source: 'popup', ...request } });
  note.textContent = r?.ok ? t('savedEvidence') : `${t(r?.quota ? 'quotaFull' : 'captureFailed')} ${r?.quota ? '' : r?.message ?? ''}`;
  note.className = r?.ok ? 'note ok' : 'note error';
  button.disabled = false;
}

async function revealNext(tabId, brand, frames) {
  const note = document.getElementById('reveal-note');
  for (const frameId of frames) {
    const res = await chrome.tabs.sendMessage(tabId, { type: UI_CS_REVEAL, brand }, { frameId }).catch(() => null);
    if (res?.total) {
      note.hidden = false;
      note.textContent = t('revealed', res.shown, res.total);
      return;
    }
  }
}

/**
 * The text with `spans` ({ start, end, className, title }) marked, built
 * from text nodes (never HTML).
 */
function marked(text, spans) {
  const out = [];
  let at = 0;
  // UTF-16 offsets from the core slice JS strings directly.
  for (const r of [...spans].sort((a, b) => a.start - b.start)) {
    if (r.start < at || r.end <= r.start) continue;
    const span = el('span', { className: r.className, title: r.title }, text.slice(r.start, r.end));
    out.push(text.slice(at, r.start), span);
    at = r.end;
  }
  out.push(text.slice(at));
  return out;
}

/** A sentiment verdict's reasons as marks. */
const reasonSpans = (reasons) => reasons.filter((r) => ['term', 'negation', 'past', 'expected'].includes(r.kind))
  .map((r) => ({ start: r.start, end: r.end, className: r.contribution < 0 ? 'neg' : 'pos',
    title: r.contribution.toFixed(2) }));

/** The quick check's mode: 'sentiment' (a comment) or 'reply' (the owner's draft). */
function mode() {
  return /** @type {HTMLInputElement} */ (document.querySelector('input[name="check-mode"]:checked')).value;
}

function setMode(m) {
  /** @type {HTMLInputElement} */ (document.querySelector(`input[name="check-mode"][value="${m}"]`)).checked = true;
  document.getElementById('reply-extra').hidden = m !== 'reply';
  document.getElementById('check-result').hidden = true;
  document.getElementById('reply-result').hidden = true;
  /** @type {HTMLTextAreaElement} */ (document.getElementById('check-text')).placeholder =
    t(m === 'reply' ? 'replyDraftHint' : 'quickCheckHint');
}

/** The reply check (回覆健檢) of the draft in the box: findings with their words marked, and what is good. */
async function replyCheck(text) {
  const comment = /** @type {HTMLTextAreaElement} */ (document.getElementById('reply-comment')).value.trim();
  const c = (await loadCore()).checkReply(text, comment);
  document.getElementById('reply-result').hidden = false;
  const verdict = document.getElementById('reply-verdict');
  verdict.className = `verdict ${c.verdict}`;
  verdict.textContent = t(`replyVerdict_${c.verdict}`);
  document.getElementById('reply-marked').replaceChildren(...marked(text, c.findings.map((f) => ({
    start: f.start, end: f.end, className: 'finding', title: t(`reply_${f.kind}`) }))));
  document.getElementById('reply-findings').replaceChildren(...c.findings.map((f) => el('li',
    { className: ['blame', 'argue', 'asks_data'].includes(f.kind) ? 'fuel' : '' },
    el('b', {}, t(`reply_${f.kind}`)), f.text ? ` 「${f.text}」 ` : ' ',
    el('span', { className: 'advice' }, t(`replyAdvice_${f.kind}`)))));
  const good = [...new Set(c.strengths.map((g) => g.kind))];
  document.getElementById('reply-good').textContent = good.length
    ? `${t('replyGoodHas')} ${good.map((k) => t(`replyGood_${k}`)).join('、')}` : '';
}

/**
 * `text` judged as the pages' comments are, by the background's engine: the
 * watched names blanked (a shop called 好吃屋 is not praised by its name),
 * the verdict toward each brand named and the headline toward the own one.
 * Without an answer (no worker yet), by the core here, as written.
 */
async function judged(text) {
  const a = await chrome.runtime.sendMessage({ type: CS_BG_EXPLAIN, text, signals: {} }).catch(() => null);
  return a ?? (await loadCore()).scoreText(text, undefined, undefined, 0, 0);
}

async function quickCheck() {
  const text = /** @type {HTMLTextAreaElement} */ (document.getElementById('check-text')).value.trim();
  if (!text) return;
  if (mode() === 'reply') {
    await replyCheck(text);
    return;
  }
  const a = await judged(text);
  document.getElementById('check-result').hidden = false;
  const label = document.getElementById('check-label');
  label.className = `label ${a.label}`;
  label.textContent = t(`label_${a.label}`);
  // As the hover card: the headline is the verdict toward the own brand, and each brand named gets its own.
  document.getElementById('check-toward').textContent = a.toward ? t('cardTowardOwn', a.toward) : '';
  const targets = a.targets?.length > 1 ? a.targets : [];
  const toward = document.getElementById('check-targets');
  toward.hidden = !targets.length;
  toward.replaceChildren(...targets.length ? [t('cardToward'), ' '] : [], ...targets.map((x) => el('span',
    { className: `label ${x.label}` }, `${x.brand}${x.competitor ? `（${t('competitorTag')}）` : ''} ${t(`label_${x.label}`)}`)));
  /** @type {HTMLMeterElement} */ (document.getElementById('check-gauge')).value = a.score;
  const risk = document.getElementById('check-risk');
  risk.className = `risk ${a.risk.grade}`;
  risk.textContent = t(`risk_${a.risk.grade}`);
  risk.title = a.risk.reason;
  document.getElementById('check-crises').textContent = a.crises.map((c) => t(`crisis_${c.type}`)).join('、');
  document.getElementById('check-marked').replaceChildren(...marked(text, reasonSpans(a.reasons)));
  // The owner's response plan: its steps per type, and who to tell at this grade.
  const { plan } = await getSettings(['plan']);
  const types = [...a.crises.map((c) => c.type), ...(a.label === 'neg' && !a.crises.length ? ['negative'] : [])];
  const steps = [...new Set(types.flatMap((type) => stepsFor(plan, type, t)))];
  const tell = types.length ? tellLine(plan, a.risk.grade, t) : '';
  document.getElementById('check-steps').replaceChildren(...[...steps, ...tell ? [tell] : []]
    .map((s) => el('li', {}, s)));
}

document.getElementById('check-run').onclick = quickCheck;
for (const r of document.querySelectorAll('input[name="check-mode"]')) {
  r.addEventListener('change', () => setMode(mode()));
}
// A template per crisis type: a starting point the user edits, never sent anywhere.
document.getElementById('reply-template').addEventListener('change', (e) => {
  const type = /** @type {HTMLSelectElement} */ (e.target).value;
  if (type) /** @type {HTMLTextAreaElement} */ (document.getElementById('check-text')).value = t(`replyTemplateText_${type}`);
});
// The context menus open us with the selected text (quick check) or the
// draft in an editable field (reply check).
const params = new URLSearchParams(location.search);
const asked = params.get('check');
const draft = params.get('reply');
if (draft !== null) {
  setMode('reply');
  /** @type {HTMLTextAreaElement} */ (document.getElementById('check-text')).value = draft;
  if (draft.trim()) quickCheck();
} else if (asked) {
  /** @type {HTMLTextAreaElement} */ (document.getElementById('check-text')).value = asked;
  quickCheck();
}

/** Reminds the user, once, to back up captures not yet backed up (the locker has the button). */
async function remindBackup() {
  const db = await openLocker();
  const due = await backupDue(db, await getSettings(['backupCaptures', 'backupDays']));
  if (!due.due) return;
  const box = document.getElementById('backup-reminder');
  const later = el('button', { type: 'button', className: 'link', textContent: t('remindLater') });
  later.onclick = async () => { await dismissReminder(db); box.hidden = true; };
  box.replaceChildren(t('backupReminder', due.count), ' ',
    el('a', { href: '../locker/locker.html', target: '_blank', textContent: t('backupNow') }), ' ', later);
  box.hidden = false;
}

chrome.storage.session.onChanged?.addListener(() => render());
render();
remindBackup().catch(() => {}); // a reminder is a courtesy: the popup works without it
