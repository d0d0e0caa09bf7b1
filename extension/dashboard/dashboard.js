// The reputation dashboard: what the history holds for the chosen period,
// per day, per site, by crisis type and on the likelihood × impact matrix;
// the riskiest negatives; the first steps for what was found; a printable
// periodic audit report and a CSV export. Everything from local history.
import uPlot from 'uplot';
import { el } from '../shared/dom.js';
import { loadLanguage, localize, messagesIn, t, uiLanguage } from '../shared/i18n.js';
import { getSettings } from '../shared/settings.js';
import { stepsFor, tellLine } from '../shared/plan.js';
import { dayOf, listItems, listVisits } from '../history/store.js';
import { spreadWhy } from '../history/velocity.js';
import { CRISES, summarize, toCsv } from './stats.js';
import { digestMarkdown, digestSections } from './digest.js';
import { listRecords, openLocker } from '../evidence/store.js';
import { GRADES, gradeOf } from '../shared/risk.js';

await loadLanguage();
localize();
/** @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const DAY_MS = 86_400_000;
const when = (ms) => new Date(ms).toLocaleString(uiLanguage(), { dateStyle: 'short', timeStyle: 'short' });
const percent = (x) => `${Math.round(x * 100)}%`;

let chart = null;
let shown = [];

async function render() {
  const days = Number($('period').value);
  const now = Date.now();
  const from = dayOf(now - (days - 1) * DAY_MS);
  const to = dayOf(now);
  const items = await listItems(now - (days + 1) * DAY_MS);
  const s = summarize(items, from, to);
  shown = items.filter((i) => i.day >= from && i.day <= to);
  document.body.dataset.mentions = String(s.mentions);
  document.body.dataset.negative = String(s.negative);

  const { watchlist } = await getSettings(['watchlist']);
  const brands = (Array.isArray(watchlist?.brands) ? watchlist.brands : [])
    .filter((b) => !b?.competitor).map((b) => String(b?.name ?? ''));
  $('report-period').textContent = t('reportPeriod', from, to, when(now));
  $('report-brands').textContent = t('reportBrands', brands.join('、') || '—');
  $('empty').hidden = s.mentions > 0;

  $('n-mentions').textContent = String(s.mentions);
  $('n-negative').textContent = `${s.negative} (${percent(s.share)})`;
  $('n-answered').hidden = !s.answered;
  $('n-answered').textContent = t('cardAnswered', s.answered);
  $('n-severe').textContent = String(s.severe);
  $('n-site').textContent = s.sites[0]?.site ?? '—';
  const verdict = $('verdict');
  verdict.className = `verdict ${s.severe ? 'bad' : 'ok'}`;
  verdict.textContent = s.severe ? t('verdictSevere', s.severe) : s.negative ? t('verdictSome',
    s.negative) : t('verdictCalm');

  drawChart(s.days);
  $('sites').tBodies[0].replaceChildren(...s.sites.map((x) => el('tr', {},
    el('td', {}, x.site), el('td', { className: 'num' }, String(x.mentions)), el('td', { className: 'num' },
      String(x.negative)),
    el('td', { className: 'num' }, percent(x.mentions ? x.negative / x.mentions : 0)))));
  const most = Math.max(1, ...Object.values(s.crises));
  $('brands').tBodies[0].replaceChildren(...s.brands.map((b) => el('tr', {},
    el('td', {}, b.competitor ? `${b.name}（${t('competitorTag')}）` : b.name), el('td', { className: 'num' }, percent(b.share)),
    el('td', { className: 'num' }, String(b.mentions)), el('td', { className: 'num' }, String(b.negative)),
    el('td', { className: 'num' }, String(b.positive)))));
  $('crises').replaceChildren(...CRISES.map((c) => el('li', { className: `crisis-${c}` },
    el('span', {}, t(`crisis_${c}`)), el('span', { className: 'bar', style: `width:${(100 * s.crises[c]) / most}%` }),
    el('span', { className: 'count' }, String(s.crises[c])))));
  drawMatrix(s.matrix);
  $('top').tBodies[0].replaceChildren(...s.top.map((i) => el('tr', {},
    el('td', {}, el('span', { className: `risk ${i.risk}` }, t(`risk_${i.risk}`))),
    el('td', {}, when(i.at)),
    el('td', {}, i.site ?? new URL(i.url).hostname),
    el('td', {}, ...i.answered ? [el('span', { className: 'answered' }, t('answeredTag'))] : [],
      el('a', { href: i.url, target: '_blank', rel: 'noopener' }, i.text)))));
  await drawRising(now - days * DAY_MS, items);
  const types = new Set(s.top.flatMap((i) => (i.crises.length ? i.crises : ['negative'])));
  const { plan } = await getSettings(['plan']);
  const steps = [...new Set([...types].flatMap((c) => stepsFor(plan, c, t)))];
  // Who to tell: the people the plan names for the worst grade found.
  const worst = s.top.reduce((g, i) => (GRADES.indexOf(i.risk) > GRADES.indexOf(g) ? i.risk : g), 'low');
  const tell = s.top.length ? tellLine(plan, worst, t) : '';
  $('steps').replaceChildren(...(steps.length ? steps : [t('stepKeepWatching')]).map((x) => el('li', {}, x)),
    ...tell ? [el('li', { className: 'tell' }, tell)] : []);
  drawPlan(plan);
}

/** The response plan as the audit report prints it: the team, and from which grade each is told. */
function drawPlan(plan) {
  $('plan-none').hidden = plan.team.length > 0;
  $('plan-team').hidden = !plan.team.length;
  $('plan-team').tBodies[0].replaceChildren(...plan.team.map((m) => el('tr', {},
    el('td', {}, m.name), el('td', {}, m.role), el('td', {}, m.contact),
    el('td', {}, m.from === 'never' ? t('planNever') : t('planFrom', t(`risk_${m.from}`))))));
}

/**
 * Pages that were spreading since `since` (each once, its fastest visit) and
 * comments among `items` whose reach was spreading, fastest first.
 */
async function drawRising(since, items) {
  const fastest = new Map();
  const speed = (v) => (v.spreading.rates?.down ?? 0) + 10 * (v.spreading.rates?.neg ?? 0)
    + (v.spreading.rates?.negReach ?? 0) / 10 + (v.spreading.reasons.includes('boom') ? 1000 : 0);
  for (const v of (await listVisits(since)).filter((x) => x.spreading?.reasons?.length)) {
    if (!fastest.has(v.page) || speed(v) > speed(fastest.get(v.page))) fastest.set(v.page, v);
  }
  const comments = items.filter((i) => i.spreading && i.spreading.at >= since)
    .map((i) => ({ ...i, title: i.text, spreading: i.spreading, at: i.spreading.at }));
  const rows = [...fastest.values(), ...comments].sort((a, b) => speed(b) - speed(a)).slice(0, 20);
  document.body.dataset.rising = String(rows.length);
  $('rising-none').hidden = rows.length > 0;
  $('rising').hidden = !rows.length;
  $('rising').tBodies[0].replaceChildren(...rows.map((v) => el('tr', {},
    el('td', {}, when(v.at)),
    el('td', {}, v.site ?? new URL(v.url).hostname),
    el('td', {}, el('a', { href: v.url, target: '_blank', rel: 'noopener' }, v.title || v.url)),
    el('td', {}, spreadWhy(v.spreading, v, t)))));
}

function drawMatrix(matrix) {
  const table = $('matrix');
  const head = el('tr', {}, el('th', {}, t('matrixCorner')), ...[1, 2, 3, 4, 5].map((i) => el('th', {}, `${t('impact')} ${i}`)));
  const rows = [5, 4, 3, 2, 1].map((l) => el('tr', {}, el('th', {}, `${t('likelihood')} ${l}`),
    ...[1, 2, 3, 4, 5].map((i) => el('td', { className: gradeOf(l, i), title: t(`risk_${gradeOf(l, i)}`) }, matrix[l - 1][i - 1] ? String(matrix[l - 1][i - 1]) : ''))));
  table.replaceChildren(head, ...rows);
}

function drawChart(days) {
  const x = days.map((d) => new Date(`${d.day}T12:00:00`).getTime() / 1000);
  const data = [x, days.map((d) => d.mentions), days.map((d) => d.negative),
    days.map((d) => (d.mentions ? (100 * d.negative) / d.mentions : null))];
  const width = Math.max(320, $('chart').clientWidth || 900);
  const opts = {
    width, height: 240,
    series: [
      {},
      { label: t('cardMentions'), stroke: '#1a3b6e', fill: 'rgba(26,59,110,.12)',
        paths: uPlot.paths.bars({ size: [0.6, 40] }) },
      { label: t('cardNegative'), stroke: '#d93025', fill: 'rgba(217,48,37,.25)',
        paths: uPlot.paths.bars({ size: [0.35, 24] }) },
      { label: t('colShare'), stroke: '#e37400', width: 2, scale: '%', value: (_, v) => (v == null ? '—' : `${Math.round(v)}%`) },
    ],
    axes: [
      { incrs: [86_400, 7 * 86_400, 30 * 86_400], space: 48,
        values: (_, ticks) => ticks.map((s) => new Date(s * 1000)
          .toLocaleDateString(uiLanguage(), { month: 'numeric', day: 'numeric' })) },
      { label: t('cardMentions') }, { side: 1, scale: '%', grid: { show: false }, values: (_, v) => v.map((n) => `${n}%`) }],
    // Half a day of room either side, so the first and last days' bars show whole.
    scales: { x: { time: true, range: (_, lo, hi) => [lo - 43_200, hi + 43_200] }, '%': { range: [0, 100] } },
  };
  chart?.destroy();
  chart = new uPlot(/** @type {any} */ (opts), data, $('chart'));
}

$('period').onchange = render;
$('print').onclick = () => window.print();
$('csv').onclick = () => {
  const blob = new Blob([toCsv(shown)], { type: 'text/csv;charset=utf-8' });
  const a = el('a', { href: URL.createObjectURL(blob), download: `brand-radar-history-${dayOf(Date.now())}.csv` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
};
await render();
document.body.dataset.ready = '1';

// The team digest (團隊摘要): the last day or week, to paste into the team's chat (Markdown) or mail (HTML).
const digest = { sections: [], title: '', period: '' };

async function renderDigest() {
  const until = Date.now();
  const since = until - Number($('digest-period').value) * DAY_MS;
  const msg = messagesIn($('digest-lang').value);
  const db = await openLocker();
  const [items, visits, records] = await Promise.all([listItems(since), listVisits(since), listRecords(db)]);
  db.close();
  const { watchlist } = await getSettings(['watchlist']);
  const brands = (Array.isArray(watchlist?.brands) ? watchlist.brands : []).filter((b) => !b?.competitor)
    .map((b) => String(b?.name ?? '')).join(msg('listSeparator'));
  digest.sections = digestSections({ items, visits, records, since, until }, msg);
  digest.title = msg('digestHeading', brands || '—');
  digest.period = msg('digestRange', new Date(since).toISOString().slice(0, 16).replace('T', ' '),
    new Date(until).toISOString().slice(0, 16).replace('T', ' '));
  $('digest-text').value = digestMarkdown(digest.title, digest.period, digest.sections, msg);
  $('digest-status').textContent = '';
  document.body.dataset.digest = digest.sections.map((x) => `${x.key}:${x.count}`).join(',');
}

/** The digest as an HTML page for mail, built as DOM (page text stays text) and serialised. */
function digestHtml(msg) {
  const doc = document.implementation.createHTMLDocument(digest.title);
  const meta = doc.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  doc.head.prepend(meta);
  doc.documentElement.lang = $('digest-lang').value.replace('_', '-');
  const add = (parent, tag, text) => {
    const n = doc.createElement(tag);
    if (text != null) n.textContent = text;
    parent.append(n);
    return n;
  };
  add(doc.body, 'h1', digest.title);
  add(doc.body, 'p', digest.period);
  for (const s of digest.sections) {
    add(doc.body, 'h2', `${s.title} (${s.count})`);
    const ul = add(doc.body, 'ul');
    if (!s.lines.length) add(ul, 'li', msg('digestNone'));
    for (const l of s.lines) {
      const li = add(ul, 'li');
      if (l.url && /^https?:/.test(l.url)) {
        const a = add(li, 'a', l.text);
        a.setAttribute('href', l.url);
      } else li.append(l.text);
      if (l.note) li.append(` — ${l.note}`);
    }
    if (s.count > s.lines.length) add(ul, 'li', msg('digestMore', s.count - s.lines.length));
  }
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

function save(text, name, type) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

$('digest-open').onclick = async () => {
  $('digest-lang').value = uiLanguage().startsWith('en') ? 'en' : 'zh_TW';
  $('digest').hidden = false;
  await renderDigest();
};
$('digest-period').onchange = renderDigest;
$('digest-lang').onchange = renderDigest;
$('digest-copy').onclick = () => navigator.clipboard.writeText($('digest-text').value)
  .then(() => { $('digest-status').textContent = t('takedownCopied'); }, () => $('digest-text').select());
$('digest-md').onclick = () => save($('digest-text').value, `brand-radar-digest-${dayOf(Date.now())}.md`,
  'text/markdown;charset=utf-8');
$('digest-html').onclick = () => save(digestHtml(messagesIn($('digest-lang').value)),
  `brand-radar-digest-${dayOf(Date.now())}.html`, 'text/html;charset=utf-8');
