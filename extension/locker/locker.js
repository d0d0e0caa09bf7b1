// Evidence locker: every capture, searchable and filterable; view, annotate,
// delete (recorded in the chain), export as a verifiable ZIP or a WACZ, and
// verify a bundle someone sends back. Page text is only ever set as text.
import { loadCore } from '../shared/core.js';
import { el } from '../shared/dom.js';
import { loadLanguage, localize, messagesIn, t, uiLanguage } from '../shared/i18n.js';
import {
  GENESIS, annotate, deleteRecords, getChain, getFile, getNotes, keptLocker, listRecords,
} from '../evidence/store.js';
import { artifactsOf, bundleFiles, problemsOf, zip } from '../evidence/bundle.js';
import { backupDue, backupFiles, dismissReminder, noteBackup, restoreBackup } from '../evidence/backup.js';
import { getSettings } from '../shared/settings.js';
import { buildWacz } from '../evidence/wacz.js';
import { PLATFORMS, officialBrands, platformOf, takedownKit } from '../evidence/takedown.js';
import { BG_UI_SAVED } from '../shared/messages.js';

await loadLanguage();
localize();
/** @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const locker = keptLocker();
const [core] = await Promise.all([loadCore(), locker.get()]);

const state = { records: [], notes: new Map(), selected: new Set(), current: null, urls: [] };

function message(text, kind = 'ok') {
  const m = $('message');
  m.textContent = text;
  m.className = kind;
}

const day = (iso) => iso.slice(0, 10);
const localTime = (iso) => new Date(iso).toLocaleString(uiLanguage());
const brandsOf = (r) => r.details.mentions ?? [];
const crisesOf = (r) => r.details.verdict?.crises ?? [];

function options(select, all, values, label = (v) => v) {
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, all), ...[...values].sort().map((v) => el('option', { value: v },
    label(v))));
  select.value = [...values].includes(keep) ? keep : '';
}

/** The records the search and filters let through. */
function visible() {
  const q = $('search').value.trim().toLowerCase();
  const [brand, site, crisis, from, to] = ['f-brand', 'f-site', 'f-crisis', 'f-from', 'f-to'].map((id) => $(id).value);
  return state.records.filter((r) => {
    if (brand && !brandsOf(r).includes(brand)) return false;
    if (site && r.details.site !== site && hostOf(r) !== site) return false;
    if (crisis && !crisesOf(r).includes(crisis)) return false;
    const d = day(new Date(new Date(r.captured_at).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString());
    if (from && d < from) return false;
    if (to && d > to) return false;
    if (!q) return true;
    const note = state.notes.get(r.id);
    return [r.title, r.url, r.details.text, r.details.author, note?.note, ...(note?.tags ?? []),
      ...(r.details.tags ?? [])]
      .some((s) => String(s ?? '').toLowerCase().includes(q));
  });
}

const hostOf = (r) => { try { return new URL(r.final_url).hostname; } catch { return ''; } };

async function thumbnail(r) {
  const shot = r.artifacts.find((a) => a.kind === 'screenshot');
  const blob = shot && await getFile(await locker.get(), shot.name);
  if (!blob) return null;
  const url = URL.createObjectURL(blob);
  state.urls.push(url);
  return url;
}

async function load() {
  const db = await locker.get();
  const [records, notes, chain] = await Promise.all([listRecords(db), getNotes(db), getChain(db)]);
  state.records = records.sort((a, b) => b.captured_at.localeCompare(a.captured_at));
  state.notes = new Map(notes.map((n) => [n.id, n]));
  for (const id of state.selected) if (!records.some((r) => r.id === id)) state.selected.delete(id);
  showChain(chain);
  showStorage();
  remindBackup();
  options($('f-brand'), t('allBrands'), new Set(records.flatMap(brandsOf)));
  options($('f-site'), t('allSites'), new Set(records.map((r) => r.details.site || hostOf(r))));
  options($('f-crisis'), t('allCrises'), new Set(records.flatMap(crisesOf)), (c) => t(`crisis_${c}`));
  render();
}

/** `1.2 GB`, `35.0 MB`, `12 KB`. */
function size(bytes) {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * What the locker uses, what is free, and whether the browser may clear it
 * under disk pressure. The `unlimitedStorage` permission exempts the
 * extension's storage from eviction (Chromium and Firefox); persistent
 * storage is asked for as well, which browsers grant by their own rules.
 */
async function showStorage() {
  const s = navigator.storage;
  if (!s?.estimate) return;
  try {
    const persisted = (await s.persisted()) || (await s.persist());
    const unlimited = await chrome.permissions.contains({ permissions: ['unlimitedStorage'] }).catch(() => false);
    const kept = persisted || unlimited;
    const { usage = 0, quota = 0 } = await s.estimate();
    const free = size(Math.max(0, quota - usage));
    $('storage').textContent = t(kept ? 'storageKept' : 'storageAtRisk', size(usage), free);
    $('storage').classList.toggle('at-risk', !kept);
    Object.assign($('storage').dataset, { kept: String(kept), persisted: String(persisted) });
  } catch {
    /* an estimate is a courtesy: the locker works without it */
  }
}

/** Walks the chain: every link must follow the one before it. */
function showChain(chain) {
  let prev = GENESIS;
  const broken = chain.some((l) => { const bad = l.prev !== prev; prev = l.hash; return bad; });
  const deletions = chain.filter((l) => l.kind === 'deletion').length;
  $('chain').textContent = broken ? t('chainBroken') : t('chainIntact', chain.length, deletions);
  $('chain').className = broken ? 'broken' : '';
}

function render() {
  for (const u of state.urls.splice(0)) URL.revokeObjectURL(u);
  const list = visible();
  $('select-all').checked = list.length > 0 && list.every((r) => state.selected.has(r.id));
  if (!list.length) {
    $('list').replaceChildren(el('li', { className: 'empty' },
      t(state.records.length ? 'lockerNoMatch' : 'lockerEmpty')));
    return;
  }
  // The list is drawn at once; screenshots fill in as they are read.
  const items = list.map((r) => {
    const box = el('input', { type: 'checkbox', checked: state.selected.has(r.id), title: t('selectAll') });
    box.onclick = (e) => {
      e.stopPropagation();
      if (box.checked) state.selected.add(r.id);
      else state.selected.delete(r.id);
    };
    const v = r.details.verdict;
    const chips = [
      v && el('span', { className: `chip ${v.label}` }, t(`label_${v.label}`)),
      v && el('span', { className: `chip ${v.risk.grade}` }, t(`risk_${v.risk.grade}`)),
      ...crisesOf(r).map((c) => el('span', { className: 'chip neg' }, t(`crisis_${c}`))),
    ];
    const img = el('img', { alt: '' });
    thumbnail(r).then((url) => { if (url) img.src = url; });
    const li = el('li', { className: state.current === r.id ? 'current' : '' },
      box, img,
      el('div', {},
        el('div', { className: 'line' }, r.details.text || r.title),
        el('div', { className: 'meta' }, ...chips, `${localTime(r.captured_at)} · ${r.details.site || hostOf(r)}${brandsOf(r).length ? ` · ${brandsOf(r).join('、')}` : ''}`)));
    li.dataset.id = r.id;
    li.onclick = () => {
      state.current = r.id;
      showDetail(r);
      for (const x of $('list').children) x.classList.toggle('current', x === li);
    };
    return li;
  });
  $('list').replaceChildren(...items);
}

function metaRows(r, annotation) {
  const d = r.details;
  const v = d.verdict;
  return [
    ['metaUrl', r.url], ['metaFinalUrl', r.final_url], ['metaCaptured', `${r.captured_at} (${localTime(r.captured_at)}, ${r.time_zone})`],
    ['metaSite', d.site], ['metaAuthor', d.author], ['metaPostedAt', d.time], ['metaPermalink', d.permalink],
    ['metaMentions', (d.mentions ?? []).join('、')],
    ['metaVerdict', v && `${t(`label_${v.label}`)} ${v.score.toFixed(2)} · ${t('riskGrade')} ${t(`risk_${v.risk.grade}`)} (${t('riskMatrix', v.risk.likelihood, v.risk.impact)})${v.crises.length ? ` · ${v.crises.map((c) => t(`crisis_${c}`)).join('、')}` : ''}`],
    ['metaSource', d.source], ['metaBrowser', `${d.browser ?? ''} · ${t('extName')} ${d.extension ?? ''}`],
    ['lockerNote', [d.note, annotation?.note].filter(Boolean).join(' / ')],
    ['lockerTags', [...(d.tags ?? []), ...(annotation?.tags ?? [])].join(', ')],
    ['metaHash', r.hash], ['metaPrev', r.prev],
  ].filter(([, value]) => value);
}

function showDetail(r) {
  const note = state.notes.get(r.id);
  $('d-title').textContent = r.title || r.final_url;
  $('d-shot').removeAttribute('src');
  thumbnail(r).then((url) => { if (url) $('d-shot').src = url; });
  $('d-text').textContent = r.details.text ?? '';
  $('d-meta').replaceChildren(...metaRows(r, note).map(([k, value]) => el('tr', {}, el('th', {}, t(k)), el('td', {},
    String(value)))));
  $('d-note').value = note?.note ?? '';
  $('d-tags').value = (note?.tags ?? []).join(', ');
  $('d-save').onclick = async () => {
    await annotate(await locker.get(), r.id, { note: $('d-note').value, tags: $('d-tags').value.split(/[,，、]/).map((s) => s.trim()).filter(Boolean) });
    message(t('noteSaved'));
    await load();
  };
  $('d-files').replaceChildren(...r.artifacts.map((a) => {
    const link = el('a', { href: '#', download: a.name.replace('/', '-') }, a.name);
    link.onclick = async (e) => {
      if (link.href.startsWith('blob:')) return;
      e.preventDefault();
      link.href = URL.createObjectURL(await getFile(await locker.get(), a.name));
      link.click();
    };
    const label = { screenshot: 'shotPrimary', 'annotated-screenshot': 'shotAnnotated' }[a.kind];
    return el('li', {}, link, ` ${(a.bytes / 1024).toFixed(1)} KB · SHA-256 ${a.sha256}`,
      ...label ? [el('div', { className: 'line' }, t(label))] : []);
  }));
  $('detail').hidden = false;
}

/** The records an export or delete acts on: the ticked ones, else all shown. */
function chosen() {
  const shown = visible();
  const ticked = shown.filter((r) => state.selected.has(r.id));
  return ticked.length ? ticked : shown;
}

function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el('a', { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/** report.html: printable, one section per record, built as DOM then serialised. */
function report(records, annotations) {
  const doc = document.implementation.createHTMLDocument(t('reportTitle'));
  doc.documentElement.lang = uiLanguage();
  const meta = doc.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  doc.head.prepend(meta);
  const style = doc.createElement('style');
  style.textContent = `body{font:14px/1.5 system-ui,"Noto Sans TC",sans-serif;max-width:900px;margin:24px auto;color:#202124}
section{border-top:2px solid #1a3b6e;padding:12px 0;page-break-inside:avoid}img{max-width:100%;border:1px solid #ccc}
figure{margin:8px 0}figcaption{font-size:12px;color:#5f6368}
blockquote{white-space:pre-wrap;background:#f6f8fb;border-left:4px solid #d93025;margin:8px 0;padding:8px 12px}
th{text-align:start;color:#5f6368;padding-right:8px;vertical-align:top;white-space:nowrap}td{word-break:break-all}
code{font-size:12px}@media print{body{margin:0}}`;
  doc.head.append(style);
  const add = (parent, tag,
    text) => { const n = doc.createElement(tag); if (text != null) n.textContent = text; parent.append(n); return n; };
  add(doc.body, 'h1', t('reportTitle'));
  add(doc.body, 'p', t('reportIntro', records.length, new Date().toISOString()));
  add(doc.body, 'p', t('reportVerify'));
  records.forEach((r, i) => {
    const s = add(doc.body, 'section');
    add(s, 'h2', `${t('reportItem', i + 1)} ${r.title || r.final_url}`);
    // The page as the site showed it first; the annotated one after it, labelled as ours.
    for (const [kind, label] of [['screenshot', 'shotPrimary'], ['annotated-screenshot', 'shotAnnotated']]) {
      const shot = r.artifacts.find((a) => a.kind === kind);
      if (!shot) continue;
      const figure = add(s, 'figure');
      const img = add(figure, 'img');
      img.src = shot.name;
      img.alt = shot.name;
      add(figure, 'figcaption', t(label));
    }
    if (r.details.text) add(s, 'blockquote', r.details.text);
    const table = add(s, 'table');
    for (const [k, value] of metaRows(r, annotations[r.id])) {
      const tr = add(table, 'tr');
      add(tr, 'th', t(k));
      add(tr, 'td', String(value));
    }
    const files = add(s, 'ul');
    for (const a of r.artifacts) add(add(files, 'li'), 'code', `${a.sha256}  ${a.name}`);
  });
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

/** Exports `records` (the chosen ones by default) as a bundle; resolves to its file name, or null. */
async function exportZip(records = chosen()) {
  if (!records.length) return message(t('nothingSelected'), 'error');
  message(t('exporting'));
  const started = performance.now();
  try {
    const bytes = zip(await bundleFiles(await locker.get(), core, records, { report }));
    const name = `brand-radar-evidence-${stamp()}.zip`;
    download(bytes, name, 'application/zip');
    message(t('exported', records.length, name));
    document.body.dataset.exportMs = String(Math.round(performance.now() - started));
    return name;
  } catch (err) {
    message(`${t('exportFailed')} ${err.message}`, 'error');
    return null;
  }
}

/** The takedown kit (檢舉包) for the chosen records: a report to paste into the platform's form. */
const kit = { records: [], bundle: undefined, brands: [] };

function renderKit() {
  const { text, steps } = takedownKit(kit.records, { platform: $('kit-platform').value, brands: kit.brands,
    msg: messagesIn($('kit-lang').value), bundle: kit.bundle });
  $('kit-text').value = text;
  $('kit-steps').replaceChildren(...steps.map((s) => el('li', {}, s)));
  $('kit-status').textContent = '';
}

async function openKit() {
  const records = chosen();
  if (!records.length) return message(t('nothingSelected'), 'error');
  const { watchlist } = await getSettings(['watchlist']);
  Object.assign(kit, { records, bundle: undefined, brands: officialBrands(records, watchlist) });
  $('kit-platform').replaceChildren(...PLATFORMS.map((p) => el('option', { value: p }, t(`platform_${p}`))));
  $('kit-platform').value = platformOf(records[0].final_url || records[0].url);
  $('kit-lang').value = uiLanguage().startsWith('en') ? 'en' : 'zh_TW';
  renderKit();
  $('kit').hidden = false;
  $('kit').scrollIntoView({ block: 'start' });
  return undefined;
}

async function exportWacz() {
  const records = chosen();
  if (!records.length) return message(t('nothingSelected'), 'error');
  message(t('exporting'));
  try {
    const software = `${t('extName')} ${chrome.runtime.getManifest().version}`;
    const artifacts = await artifactsOf(await locker.get(), records);
    const bytes = buildWacz(core, records, artifacts, { software, title: t('reportTitle') });
    const name = `brand-radar-archive-${stamp()}.wacz`;
    download(bytes, name, 'application/wacz');
    message(t('exported', records.length, name));
  } catch (err) {
    message(`${t('exportFailed')} ${err.message}`, 'error');
  }
}

async function remove() {
  const records = chosen().filter((r) => state.selected.has(r.id));
  if (!records.length) return message(t('nothingSelected'), 'error');
  if (!confirm(t('confirmDelete', records.length))) return;
  await deleteRecords(await locker.get(), core, records.map((r) => r.id));
  message(t('deleted', records.length));
  if (records.some((r) => r.id === state.current)) { state.current = null; $('detail').hidden = true; }
  await load();
}

/** Verifies a bundle; a tampered one is refused with the files named. */
async function importBundle(file) {
  $('imported').hidden = true;
  try {
    // The core reads the file as a stream and refuses what is too big before reading.
    const verdict = await core.verifyBundle(file);
    if (!verdict.ok) {
      message(`${t('bundleRefused')} ${problemsOf(verdict).join('; ')}`, 'error');
      return;
    }
    const manifest = JSON.parse(verdict.manifest);
    message(t('bundleVerified', manifest.records.length));
    $('imported-list').replaceChildren(...manifest.records.map((r) => el('li', {},
      el('span', { className: 'chip ok' }, 'OK'), el('span', {}, localTime(r.captured_at)),
      el('div', { className: 'line' }, `${r.details?.text || r.title} — ${r.final_url}`))));
    $('imported').hidden = false;
  } catch (err) {
    message(`${t('bundleRefused')} ${err.message}`, 'error');
  }
}

/** Says how many captures are not backed up yet, when the options say it is time. */
async function remindBackup() {
  const box = $('backup-reminder');
  try {
    const due = await backupDue(await locker.get(), await getSettings(['backupCaptures', 'backupDays']));
    box.hidden = !due.due;
    if (!due.due) return;
    const now = el('button', { type: 'button', className: 'primary', textContent: t('backupNow') });
    now.onclick = backup;
    const later = el('button', { type: 'button', textContent: t('remindLater') });
    later.onclick = async () => { await dismissReminder(await locker.get()); box.hidden = true; };
    box.replaceChildren(t('backupReminder', due.count), now, later);
  } catch {
    box.hidden = true; // a reminder is a courtesy
  }
}

/** The whole locker, settings and history in one verifiable file. */
async function backup() {
  message(t('backingUp'));
  try {
    const { files, records } = await backupFiles(await locker.get(), core, { report });
    const name = `brand-radar-backup-${stamp()}.zip`;
    download(zip(files), name, 'application/zip');
    await noteBackup(await locker.get(), records);
    message(t('backedUp', records, name));
    await remindBackup();
  } catch (err) {
    message(`${t('backupFailed')} ${err.message}`, 'error');
  }
}

/** Restores a backup, verified first; refused with the reason, nothing changed, if it fails. */
async function restore(file) {
  message(t('restoring'));
  try {
    const r = await restoreBackup(await locker.get(), core, file);
    await load();
    message(r.links ? t('restored', r.added) : t('restoreNothing'));
  } catch (err) {
    message(`${t('restoreRefused')} ${err.diverged ? t('restoreDiverged') : err.message}`, 'error');
  }
}

for (const id of ['search', 'f-brand', 'f-site', 'f-crisis', 'f-from', 'f-to']) $(id).addEventListener('input',
  () => render());
$('select-all').onchange = () => {
  for (const r of visible()) if ($('select-all').checked) state.selected.add(r.id); else state.selected.delete(r.id);
  render();
};
$('export-zip').onclick = () => exportZip();
$('takedown').onclick = openKit;
$('kit-platform').onchange = renderKit;
$('kit-lang').onchange = renderKit;
$('kit-close').onclick = () => { $('kit').hidden = true; };
$('kit-copy').onclick = async () => {
  // Without clipboard access the text is selected, for the user's own copy.
  await navigator.clipboard.writeText($('kit-text').value)
    .then(() => { $('kit-status').textContent = t('takedownCopied'); }, () => { $('kit-text').select(); });
};
$('kit-save').onclick = () => download(new TextEncoder().encode($('kit-text').value),
  `brand-radar-takedown-${$('kit-platform').value}-${stamp()}.txt`, 'text/plain;charset=utf-8');
$('kit-bundle').onclick = async () => {
  const name = await exportZip(kit.records);
  if (name) { kit.bundle = name; renderKit(); }
};
$('export-wacz').onclick = exportWacz;
$('delete').onclick = remove;
$('import').onchange = (e) => { if (e.target.files[0]) importBundle(e.target.files[0]); e.target.value = ''; };
$('backup').onclick = backup;
$('restore').onchange = (e) => { if (e.target.files[0]) restore(e.target.files[0]); e.target.value = ''; };
await load();
// A capture saved while the locker is open shows up without a reload.
chrome.runtime.onMessage.addListener((msg) => { if (msg?.type === BG_UI_SAVED) load(); });
document.body.dataset.ready = 'true';
