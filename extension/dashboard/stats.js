// The dashboard's numbers, from history items (history/store.js): pure
// functions, so the unit tests check them without a browser.

import { riskier } from '../shared/risk.js';
import { aboutOwnBrand, ownLabel } from '../history/store.js';

export const CRISES = ['review', 'breach', 'safety', 'misconduct', 'rumor', 'scam'];


/** Every calendar day from `from` to `to` (YYYY-MM-DD, local), inclusive. */
export function daysBetween(from, to) {
  const out = [];
  const d = new Date(`${from}T00:00:00`);
  for (let i = 0; i < 3700; i++) {
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    out.push(day);
    if (day >= to) break;
    d.setDate(d.getDate() + 1);
  }
  return out;
}

/**
 * Everything the dashboard shows for items of days `from..to`. Mentions are
 * comments that mention one of our own brands; competitors' are counted
 * apart. Only our own brands' negatives go into the risk figures.
 */
export function summarize(items, from, to) {
  const inRange = items.filter((i) => i.day >= from && i.day <= to);
  const mine = inRange.filter(aboutOwnBrand);
  // Toward our own brands: 「改喝路易莎啦 雲朵母湯」 is negative for 雲朵 whatever its overall tone.
  const negative = mine.filter((i) => ownLabel(i) === 'neg');
  const perDay = new Map(daysBetween(from, to).map((d) => [d, { day: d, mentions: 0, negative: 0 }]));
  for (const i of mine) {
    const d = perDay.get(i.day);
    if (!d) continue;
    d.mentions += 1;
    if (ownLabel(i) === 'neg') d.negative += 1;
  }
  const sites = new Map();
  for (const i of mine) {
    const name = i.site ?? hostOf(i.url);
    const s = sites.get(name) ?? { site: name, mentions: 0, negative: 0 };
    s.mentions += 1;
    if (ownLabel(i) === 'neg') s.negative += 1;
    sites.set(name, s);
  }
  // Share of voice and sentiment per brand, ours and competitors', each by
  // the verdict toward it.
  const voice = new Map();
  for (const i of inRange) {
    for (const b of i.brands) {
      const v = voice.get(b.name) ?? { name: b.name, competitor: b.competitor, mentions: 0, negative: 0, positive: 0 };
      const label = b.label ?? i.label;
      v.mentions += 1;
      if (label === 'neg') v.negative += 1;
      if (label === 'pos') v.positive += 1;
      voice.set(b.name, v);
    }
  }
  const voices = [...voice.values()];
  const all = voices.reduce((n, v) => n + v.mentions, 0);
  const brands = voices.map((v) => ({ ...v, share: all ? v.mentions / all : 0 }))
    .sort((a, b) => a.competitor - b.competitor || b.mentions - a.mentions || a.name.localeCompare(b.name));
  const crises = Object.fromEntries(CRISES.map((c) => [c, 0]));
  for (const i of negative) for (const c of new Set(i.crises)) if (c in crises) crises[c] += 1;
  const matrix = Array.from({ length: 5 }, () => Array(5).fill(0)); // [likelihood-1][impact-1]
  for (const i of negative) matrix[i.likelihood - 1][i.impact - 1] += 1;
  const byRisk = (a, b) => riskier(a, b) || b.at - a.at;
  return {
    from, to,
    mentions: mine.length,
    negative: negative.length,
    share: mine.length ? negative.length / mine.length : 0,
    // Negatives the brand has replied to on their page (already answered).
    answered: negative.filter((i) => i.answered).length,
    severe: negative.filter((i) => i.risk === 'high' || i.risk === 'critical').length,
    competitorMentions: inRange.length - mine.length,
    days: [...perDay.values()],
    sites: [...sites.values()].sort((a, b) => b.mentions - a.mentions || a.site.localeCompare(b.site)),
    brands,
    crises,
    matrix,
    top: [...negative].sort(byRisk).slice(0, 20),
  };
}

function hostOf(url) {
  try { return new URL(url).hostname; } catch { return '?'; }
}

const CSV_COLUMNS = ['at', 'day', 'site', 'url', 'title', 'brands', 'label', 'score', 'risk', 'likelihood', 'impact',
  'crises', 'answered', 'author', 'text'];

/**
 * Items as CSV (RFC 4180, with a BOM so spreadsheet programs read UTF-8).
 * Cells that a spreadsheet would run as a formula (`=` `+` `-` `@`) are prefixed
 * with an apostrophe: page text is hostile.
 */
export function toCsv(items) {
  const cell = (v) => {
    let s = Array.isArray(v) ? v.join('; ') : String(v ?? '');
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = items.map((i) => CSV_COLUMNS.map((c) => {
    if (c === 'at') return cell(new Date(i.at).toISOString());
    if (c === 'brands') return cell(i.brands.map((b) => b.name));
    if (c === 'score') return cell(i.score.toFixed(3));
    if (c === 'answered') return cell(i.answered ? 'yes' : 'no');
    return cell(i[c]);
  }).join(','));
  return `\ufeff${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
