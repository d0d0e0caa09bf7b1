// The dashboard's numbers and CSV, from history items.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysBetween, summarize, toCsv } from '../../extension/dashboard/stats.js';
import { gradeOf } from '../../extension/shared/risk.js';

const item = (day, label, extra = {}) => ({
  at: Date.parse(`${day}T10:00:00`), day, url: 'https://www.ptt.cc/bbs/a.html', site: 'ptt', title: 't', text: 'x',
  author: null, label, score: label === 'neg' ? -0.7 : 0.4, risk: 'low', likelihood: 2, impact: 1, crises: [],
  brands: [{ name: '雲朵咖啡', competitor: false }], ...extra,
});

test('days, shares, sites, crisis counts and the matrix', () => {
  const items = [
    item('2026-11-20', 'neg', { risk: 'critical', likelihood: 5, impact: 4, crises: ['breach', 'breach'] }),
    item('2026-11-20', 'pos'),
    item('2026-11-22', 'neg', { site: 'dcard', likelihood: 3, impact: 2, risk: 'medium', crises: ['rumor'] }),
    item('2026-11-22', 'neg', { brands: [{ name: '星巴克', competitor: true }] }),
    item('2026-11-10', 'neg'), // before the period
  ];
  const s = summarize(items, '2026-11-20', '2026-11-22');
  assert.equal(s.mentions, 3);
  assert.equal(s.negative, 2);
  assert.equal(s.share, 2 / 3);
  assert.equal(s.severe, 1);
  assert.equal(s.competitorMentions, 1);
  assert.deepEqual(s.days.map((d) => [d.day, d.mentions, d.negative]), [['2026-11-20', 2, 1], ['2026-11-21', 0, 0], ['2026-11-22', 1, 1]]);
  assert.deepEqual(s.sites.map((x) => [x.site, x.mentions, x.negative]), [['ptt', 2, 1], ['dcard', 1, 1]]);
  assert.equal(s.crises.breach, 1, 'a type counts once per item');
  assert.equal(s.crises.rumor, 1);
  assert.equal(s.matrix[4][3], 1);
  assert.equal(s.matrix[2][1], 1);
  assert.equal(s.top[0].risk, 'critical');
});

test('grades match the core (src/risk.rs Grade::of)', () => {
  assert.deepEqual([[1, 4], [1, 5], [3, 3], [2, 5], [3, 5], [4, 4], [5, 5]].map(([l, i]) => gradeOf(l, i)),
    ['low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  assert.equal(daysBetween('2026-12-30', '2027-01-02').length, 4);
});

test('CSV: quoted, one row per item, hostile cells defused', () => {
  const csv = toCsv([item('2026-11-20', 'neg', { text: '=HYPERLINK("http://x","點我")', author: '+886 "阿明"' })]);
  const [head, row] = csv.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.ok(head.startsWith('at,day,site,url'));
  assert.ok(row.includes(`"'=HYPERLINK(""http://x"",""點我"")"`), row);
  assert.ok(row.includes(`"'+886 ""阿明"""`), row);
});

test('a comment naming several brands counts by the verdict toward each', () => {
  const both = (own, rival, label) => item('2026-11-21', label, {
    brands: [{ name: '雲朵咖啡', competitor: false, label: own }, { name: '路易莎', competitor: true, label: rival }],
  });
  const items = [
    both('neg', 'pos', 'pos'), // 改喝路易莎啦 雲朵母湯, read as positive overall
    both('pos', 'neg', 'neg'), // 雲朵比路易莎好喝多了, with a negative word about the rival
    item('2026-11-21', 'neg'),
  ];
  const s = summarize(items, '2026-11-21', '2026-11-21');
  assert.equal(s.mentions, 3);
  assert.equal(s.negative, 2, 'negative toward us: the first and the third, not the second');
  assert.deepEqual(s.top.map((i) => i.brands[0].label ?? i.label).sort(), ['neg', 'neg']);
  const [ours, rival] = s.brands;
  assert.deepEqual([ours.name, ours.mentions, ours.negative, ours.positive], ['雲朵咖啡', 3, 2, 1]);
  assert.deepEqual([rival.name, rival.competitor, rival.mentions, rival.negative, rival.positive], ['路易莎', true, 2, 1, 1]);
  assert.equal(ours.share + rival.share, 1);
});

test('negatives the brand has answered are counted, and kept in the CSV', () => {
  const items = [
    item('2026-11-20', 'neg', { answered: true }),
    item('2026-11-20', 'neg'),
    item('2026-11-20', 'pos', { answered: true }), // a thank-you answered is no negative
  ];
  const s = summarize(items, '2026-11-20', '2026-11-20');
  assert.deepEqual([s.negative, s.answered], [2, 1]);
  // At the same grade, what is still to answer comes first.
  assert.deepEqual(s.top.map((i) => i.answered === true), [false, true]);
  const [head, ...rows] = toCsv(items).replace(/^\ufeff/, '').trim().split('\r\n');
  const at = head.split(',').indexOf('answered');
  assert.ok(at > 0, head);
  assert.deepEqual(rows.map((r) => r.split(',')[at]), ['yes', 'no', 'yes']);
});
