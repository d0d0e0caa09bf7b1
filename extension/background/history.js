// What the content scripts saw: kept in the history (when the owner allows
// it) and, when it is bad enough, an alert. Alerts are rate-limited: a feed
// full of bad comments gives one notification a minute that counts the
// rest, not one per comment; a spike (today's negatives well above the
// recent days) is told once a day.
import {
  aboutOwnBrand, addItems, dayOf, itemKey, listItems, markItem, markVisit, ownLabel, pruneHistory, recordVisit,
} from '../history/store.js';
import { reachRate, spreadWhy, spreading } from '../history/velocity.js';
import { tellLine } from '../shared/plan.js';
import { GRADES, riskier } from '../shared/risk.js';
import { getSettings } from '../shared/settings.js';
import { t } from '../shared/i18n.js';
import { KEY_ALERTS, readKey } from '../shared/keys.js';

const ALERT_GAP_MS = 60_000;
const DAY_MS = 86_400_000;
/** A spike: today's negatives above this many and above twice the recent daily mean. */
const SPIKE_MIN = 5;
const SPIKE_DAYS = 7;

const text = (x, max) => String(x ?? '').slice(0, max);
const grade = (g) => (GRADES.includes(g) ? g : 'low');
const level = (n) => Math.min(5, Math.max(1, Math.round(Number(n) || 1)));

const LABEL = ['neg', 'neu', 'pos'];

/**
 * Each brand's own label where the comment names several: the core's verdict
 * toward it (`engine.targets` on the comment's text, `raw.full`).
 */
function judgeBrands(brands, raw, engine) {
  if (brands.length < 2 || typeof raw.full !== 'string' || !engine) return brands;
  let targets = [];
  try { targets = engine.targets(raw.full.slice(0, 4000)); } catch { return brands; }
  return brands.map((b) => {
    const t = targets.find((x) => x.brand === b.name);
    return t && LABEL.includes(t.label) ? { ...b, label: t.label, score: Math.max(-1, Math.min(1,
      Number(t.score) || 0)) } : b;
  });
}

/** A content script's item, with only the fields and types we keep. */
function itemOf(raw, page, at, engine) {
  if (!raw || typeof raw !== 'object') return null;
  const brands = Array.isArray(raw.brands) ? raw.brands.slice(0, 20).map((b) => ({ name: text(b?.name, 80),
    competitor: b?.competitor === true })) : [];
  if (!brands.length) return null;
  const risk = raw.risk && typeof raw.risk === 'object' ? raw.risk : {};
  return {
    at, url: page.url, site: page.site, title: page.title,
    text: text(raw.text, 280), author: raw.author ? text(raw.author, 80) : null,
    label: ['neg', 'neu', 'pos'].includes(raw.label) ? raw.label : 'neu',
    score: Math.max(-1, Math.min(1, Number(raw.score) || 0)),
    risk: grade(risk.grade), likelihood: level(risk.likelihood), impact: level(risk.impact),
    crises: Array.isArray(raw.crises) ? raw.crises.slice(0, 6).map((c) => text(c, 20)) : [],
    reach: Math.max(0, Math.min(1e9, Math.round(Number(raw.reach) || 0))),
    // The brand has answered it on the page: its reply follows, or the site shows its response.
    answered: raw.answered === true,
    brands: judgeBrands(brands, raw, engine),
  };
}

let lastPrune = 0;

/**
 * Records a content script's report; returns the items that were new. `core`
 * is the wasm core, `engine` the watchlist's (for the verdict toward each brand).
 */
export async function remember(msg, core, engine) {
  const s = await getSettings(['history', 'retentionDays', 'alertGrade', 'plan', 'spreadReach']);
  if (!s.history) return [];
  const at = Date.now();
  const page = { url: text(msg.url, 2000), title: text(msg.title, 300), site: msg.site ? text(msg.site, 40) : null };
  const items = [];
  for (const raw of Array.isArray(msg.items) ? msg.items.slice(0, 1000) : []) {
    const item = itemOf(raw, page, at, engine);
    if (item) items.push({ ...item, key: itemKey(core.sha256Hex, page.url, item.text) });
  }
  const { fresh, grown } = items.length ? await addItems(items) : { fresh: [], grown: [] };
  if (at - lastPrune > 3_600_000) {
    lastPrune = at;
    await pruneHistory(s.retentionDays, at);
  }
  if (s.alertGrade !== 'off') await alert(fresh, s.alertGrade, at, s.plan);
  await watchComments(grown, s, at);
  return fresh;
}

const ownNegative = (i) => aboutOwnBrand(i) && ownLabel(i) === 'neg';

async function alert(fresh, minGrade, now, plan) {
  // A complaint the brand has already answered needs no alert; it still
  // counts toward a spike (the talk is there, answered or not).
  const worthy = fresh
    .filter((i) => ownNegative(i) && !i.answered && GRADES.indexOf(i.risk) >= GRADES.indexOf(minGrade))
    .sort(riskier);
  const state = await readKey(chrome.storage.local, KEY_ALERTS, { last: 0, held: 0, spikeDay: '' });
  if (worthy.length) {
    if (now - state.last >= ALERT_GAP_MS) {
      const top = worthy[0];
      const more = state.held + worthy.length - 1;
      await notify(`item:${top.key}`, {
        title: t('alertTitle', t(`risk_${top.risk}`), top.brands.filter((b) => !b.competitor).map((b) => b.name).join('、')),
        message: [top.text, more ? t('alertMore', more) : '', tellLine(plan, top.risk, t)].filter(Boolean).join('\n'),
        contextMessage: top.site ?? new URL(top.url).hostname,
      }, top.url);
      state.last = now;
      state.held = 0;
    } else {
      state.held += worthy.length;
    }
  }
  if (fresh.some(ownNegative) && state.spikeDay !== dayOf(now)) {
    const { today, baseline } = await negativesByDay(now);
    if (today > SPIKE_MIN && today > 2 * baseline) {
      await notify(`spike:${dayOf(now)}`, { title: t('spikeTitle'), message: t('spikeMessage', today, baseline.toFixed(1)) },
        chrome.runtime.getURL('dashboard/dashboard.html'));
      state.spikeDay = dayOf(now);
    }
  }
  await chrome.storage.local.set({ [KEY_ALERTS]: state });
}

/** Today's negative mentions of our own brands, and the mean of the days before. */
export async function negativesByDay(now = Date.now()) {
  const items = (await listItems(now - (SPIKE_DAYS + 1) * DAY_MS)).filter(ownNegative);
  const today = items.filter((i) => i.day === dayOf(now)).length;
  const before = items.length - today;
  return { today, baseline: before / SPIKE_DAYS };
}

/** A page's address as the history keys its visits: without the fragment. */
const pageOf = (url) => { try { const u = new URL(url); u.hash = ''; return u.href; } catch { return ''; } };

/**
 * A top frame's summary of a page that names our brand: one visit of that
 * page, and whether it is spreading (history/velocity.js). Resolves to
 * `{ reasons, rates }` when it is, else null; the first time a page spreads
 * on a day, an alert (counted in the alerts' rate limit).
 */
/** Per document (page and load time), the counts last recorded and the flag they gave. */
const lastSeen = new Map();

export async function watchSpread(summary) {
  const units = summary.units;
  if (!units?.total || !summary.brands.some((b) => !b.competitor && b.count > 0)) return null;
  // A page reports on every change while it scans; the same counts again
  // change neither its visit nor its flag.
  const doc = `${summary.url}\u001f${summary.since}`;
  const counts = [units.total, units.neg, units.up, units.down, units.negReach].join();
  const seen = lastSeen.get(doc);
  if (seen?.counts === counts) return seen.flag;
  const s = await getSettings(['history', 'spreadBoos', 'spreadNegatives', 'spreadReach', 'alertGrade', 'plan']);
  const page = pageOf(summary.url);
  if (!s.history || !page) return null;
  const at = Date.now();
  const visits = await recordVisit({ page, since: Math.round(summary.since), at, url: text(summary.url, 2000),
    title: text(summary.title, 300), site: units.site, total: units.total, neg: units.neg, up: units.up ?? 0,
    down: units.down ?? 0, negReach: units.negReach ?? 0 });
  const { reasons, rates } = spreading(visits, /** @type {any} */ (s));
  const flag = reasons.length ? { reasons, rates } : null;
  if (lastSeen.size > 200) lastSeen.clear();
  lastSeen.set(doc, { counts, flag });
  const now = visits.at(-1);
  if (JSON.stringify(flag) !== JSON.stringify(now.spreading ?? null)) await markVisit(now.id, flag);
  if (flag && s.alertGrade !== 'off') {
    await alertSpread(page, at, { title: now.title || page, why: spreadWhy(flag, now, t), plan: s.plan,
      site: now.site ?? new URL(page).hostname, url: page });
  }
  return flag;
}

/**
 * Comments about our brand whose reach grew: a negative one gaining at
 * least `spreadReach` likes and replies an hour is spreading — marked in the
 * history (the dashboard's Rising list) and alerted once a day.
 */
async function watchComments(grown, s, at) {
  for (const item of grown.filter(ownNegative)) {
    const rate = reachRate(item.reaches);
    const flag = rate >= s.spreadReach ? { reasons: ['reach'], rates: { negReach: rate } } : null;
    if (Boolean(flag) === Boolean(item.spreading)) continue;
    await markItem(item.key, flag, at);
    if (!flag || s.alertGrade === 'off') continue;
    await alertSpread(item.key, at, { title: item.text.slice(0, 60), why: spreadWhy(flag, item, t), plan: s.plan,
      site: item.site ?? new URL(item.url).hostname, url: item.url });
  }
}

/**
 * The alert that `key` (a page or a comment) is spreading: once a day per
 * key, counted in the alerts' rate limit; it names who the plan tells at a
 * high risk.
 */
async function alertSpread(key, at, { title, why, plan, site, url }) {
  const state = await readKey(chrome.storage.local, KEY_ALERTS,
    /** @type {{ last: number, held: number, spikeDay: string, spread?: Record<string, string> }} */ ({ last: 0,
      held: 0, spikeDay: '' }));
  if (state.spread?.[key] === dayOf(at)) return;
  await notify(`spread:${dayOf(at)}:${key}`, {
    title: t('spreadAlertTitle', title),
    message: [why, tellLine(plan, 'high', t)].filter(Boolean).join('\n'),
    contextMessage: site,
  }, url);
  // Older days forgotten.
  const today = Object.entries(state.spread ?? {}).filter(([, d]) => d === dayOf(at));
  state.spread = Object.fromEntries([...today, [key, dayOf(at)]]);
  state.last = at;
  await chrome.storage.local.set({ [KEY_ALERTS]: state });
}

/**
 * Shows an alert that opens `url` when clicked.
 * @param {string} id
 * @param {{ title: string, message: string, contextMessage?: string }} what
 * @param {string} url
 */
async function notify(id, { title, message, contextMessage }, url) {
  await chrome.storage.session.set({ [`notification:${id}`]: url });
  await chrome.notifications.create(id, {
    type: 'basic', iconUrl: chrome.runtime.getURL('icons/128.png'), title, message, contextMessage, priority: 1,
  });
}

/** A click on an alert opens what it was about. */
export async function onNotificationClick(id) {
  const key = `notification:${id}`;
  const url = await readKey(chrome.storage.session, key, '');
  if (url) await chrome.tabs.create({ url });
  await chrome.notifications.clear(id);
  return url ?? null;
}
