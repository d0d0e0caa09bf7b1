// The team digest: the period's own-brand negatives, spreading pages,
// high-risk items and captures, in Markdown that page text cannot break.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digestMarkdown, digestSections, mdText } from '../../extension/dashboard/digest.js';
import { messagesIn } from '../../extension/shared/i18n.js';

const H = 3_600_000;
const now = Date.UTC(2026, 11, 3, 12);
const own = [{ name: '雲朵咖啡', competitor: false }];
const item = (o) => ({ at: now - H, url: 'https://www.ptt.cc/bbs/x.html', site: 'ptt', text: '雲朵爛透了', label: 'neg',
  risk: 'medium', brands: own, ...o });
const data = {
  since: now - 24 * H, until: now,
  items: [
    item({ text: '吃完拉肚子 [點我](javascript:alert(1))', risk: 'critical' }),
    item({ text: '店員態度很差', risk: 'high', at: now - 2 * H, answered: true }),
    item({ text: '還可以', label: 'neu' }),
    item({ text: '路易莎難喝', brands: [{ name: '路易莎', competitor: true }] }),
    item({ text: '上週的負評', at: now - 8 * 24 * H }),
  ],
  visits: [
    { page: 'p1', url: 'https://www.ptt.cc/bbs/storm.html', title: '[爆卦] 雲朵', at: now - H, up: 0, down: 60,
      spreading: { reasons: ['boos'], rates: { down: 45, neg: 0, negReach: 0 } } },
    { page: 'p2', url: 'https://x.example/calm', title: 'calm', at: now - H, spreading: null },
  ],
  records: [{ id: 'r-1', captured_at: new Date(now - H).toISOString(), title: '證據', final_url: 'https://x.example/a' }],
};

test('sections: own negatives of the period, spreading pages, high risk, captures', () => {
  const s = digestSections(data, messagesIn('zh_TW'));
  const by = Object.fromEntries(s.map((x) => [x.key, x]));
  assert.deepEqual([by.negatives.count, by.spreading.count, by.high.count, by.evidence.count], [2, 1, 2, 1]);
  assert.match(by.negatives.lines[0].text, /^吃完拉肚子/, 'riskiest first');
  assert.deepEqual(by.negatives.lines.map((l) => l.note), ['危急 · ptt', '高 · ptt · 已回覆'], 'the answered one says so');
  assert.equal(by.spreading.lines[0].note, '每小時 +45 噓');
  assert.match(by.evidence.lines[0].note, /^r-1 · /);
});

test('markdown in both languages; page text stays text', () => {
  for (const lang of ['zh_TW', 'en']) {
    const msg = messagesIn(lang);
    const md = digestMarkdown(msg('digestHeading', '雲朵咖啡'), 'period', digestSections(data, msg), msg);
    assert.match(md, lang === 'en' ? /^# Brand Radar digest: 雲朵咖啡/ : /^# 品牌雷達摘要：雲朵咖啡/);
    assert.ok(md.includes('(https://www.ptt.cc/bbs/storm.html)'));
    assert.ok(!md.includes('](javascript:'), 'no link smuggled in by a comment');
    assert.ok(!/\$\d|digest[A-Z]/.test(md), 'every message found and filled');
  }
  assert.equal(mdText('a *b* [c](d) # e'), 'a \\*b\\* \\[c\\]\\(d\\) \\# e');
});
