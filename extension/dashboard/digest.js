// The team digest (團隊摘要): a day's or a week's news from the history and
// the locker — new negatives about our brands, pages spreading, the high-risk
// ones, evidence captured — in Markdown to paste into the team's chat, or as
// HTML for mail (the dashboard builds that from the same sections, as DOM).
// Pure: data and a message lookup in, sections and text out.
import { aboutOwnBrand, ownLabel } from '../history/store.js';
import { GRADES, riskier } from '../shared/risk.js';
import { spreadWhy } from '../history/velocity.js';

/** Lines per section: a digest is read in a minute. */
const MOST = 10;

/**
 * The digest's sections for what happened from `since` to `until` (ms).
 * Each: `{ key, title, count, lines: [{ text, url?, note? }] }`.
 * @param {{ items: any[], visits: any[], records: any[], since: number, until: number }} data
 * @param {(key: string, ...subs: unknown[]) => string} msg
 */
export function digestSections({ items, visits, records, since, until }, msg) {
  const inRange = (at) => at >= since && at <= until;
  const rank = (i) => GRADES.indexOf(i.risk);
  const negatives = items.filter((i) => inRange(i.at) && aboutOwnBrand(i) && ownLabel(i) === 'neg')
    .sort((a, b) => riskier(a, b) || b.at - a.at);
  const high = negatives.filter((i) => rank(i) >= GRADES.indexOf('high'));
  const fastest = new Map();
  for (const v of visits.filter((x) => inRange(x.at) && x.spreading?.reasons?.length)) {
    const old = fastest.get(v.page);
    if (!old || (v.spreading.rates?.down ?? 0) + (v.spreading.rates?.neg ?? 0)
      > (old.spreading.rates?.down ?? 0) + (old.spreading.rates?.neg ?? 0)) fastest.set(v.page, v);
  }
  const spreading = [...fastest.values(),
    ...items.filter((i) => i.spreading && inRange(i.spreading.at)).map((i) => ({ ...i, title: i.text }))];
  const captured = records.filter((r) => inRange(Date.parse(r.captured_at)))
    .sort((a, b) => b.captured_at.localeCompare(a.captured_at));
  const item = (i) => ({ text: i.text, url: i.url,
    note: [msg(`risk_${i.risk}`), i.site ?? hostOf(i.url), ...i.answered ? [msg('answeredTag')] : []].join(' · ') });
  return [
    { key: 'negatives', title: msg('digestNegatives'), count: negatives.length,
      lines: negatives.slice(0, MOST).map(item) },
    { key: 'spreading', title: msg('digestSpreading'), count: spreading.length, lines: spreading.slice(0, MOST)
      .map((v) => ({ text: v.title || v.url, url: v.url, note: spreadWhy(v.spreading, v, msg) })) },
    { key: 'high', title: msg('digestHigh'), count: high.length, lines: high.slice(0, MOST).map(item) },
    { key: 'evidence', title: msg('digestEvidence'), count: captured.length, lines: captured.slice(0, MOST)
      .map((r) => ({ text: r.title || r.final_url, url: r.final_url, note: `${r.id} · ${r.captured_at}` })) },
  ];
}

const hostOf = (url) => { try { return new URL(url).hostname; } catch { return ''; } };

/** A link's address as Markdown keeps it whole: spaces and parentheses percent-encoded. */
const mdUrl = (url) => String(url).replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** Text as Markdown shows it literally: page text must not become a link, a heading or a table. */
export const mdText = (s) => String(s ?? '').replace(/\s+/g, ' ').replace(/([\\`*_[\]()#<>|!~])/g, '\\$1');

/**
 * The digest as Markdown.
 * @param {string} title
 * @param {string} period
 * @param {ReturnType<typeof digestSections>} sections
 * @param {(key: string, ...subs: unknown[]) => string} msg
 */
export function digestMarkdown(title, period, sections, msg) {
  const out = [`# ${mdText(title)}`, '', period, ''];
  for (const s of sections) {
    out.push(`## ${mdText(s.title)} (${s.count})`, '');
    if (!s.lines.length) out.push(`- ${mdText(msg('digestNone'))}`);
    for (const l of s.lines) {
      const url = l.url ? mdUrl(l.url) : '';
      out.push(`- ${url ? `[${mdText(l.text)}](${url})` : mdText(l.text)}${l.note ? ` — ${mdText(l.note)}` : ''}`);
    }
    if (s.count > s.lines.length) out.push(`- ${mdText(msg('digestMore', s.count - s.lines.length))}`);
    out.push('');
  }
  return out.join('\n');
}
