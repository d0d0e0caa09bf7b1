// Spread velocity: growth per hour between visits, and when a page counts
// as spreading (擴散中).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOOM, MIN_HOURS, growth, reachRate, spreadWhy, spreading } from '../../extension/history/velocity.js';
import { messagesIn } from '../../extension/shared/i18n.js';

const H = 3_600_000;
const LIMITS = { spreadBoos: 30, spreadNegatives: 10, spreadReach: 200 };
const visit = (at, o = {}) => ({ at, total: 0, neg: 0, up: 0, down: 0, negReach: 0, ...o });

test('growth per hour; never negative; a burst of reloads is no hour', () => {
  const g = growth(visit(0, { total: 10, down: 5, neg: 2 }), visit(2 * H, { total: 70, down: 65, neg: 12 }));
  assert.deepEqual([g.hours, g.total, g.down, g.neg], [2, 30, 30, 5]);
  // Comments deleted between visits: no growth, not a negative one.
  assert.equal(growth(visit(0, { down: 50 }), visit(H, { down: 40 })).down, 0);
  // Ten seconds apart: measured over MIN_HOURS.
  const quick = growth(visit(0, { down: 0 }), visit(10_000, { down: 10 }));
  assert.equal(quick.hours, MIN_HOURS);
  assert.equal(Math.round(quick.down), 120);
});

test('spreading: by boos, negatives or reach an hour, or a thread at 爆', () => {
  assert.deepEqual(spreading([], LIMITS).reasons, []);
  assert.deepEqual(spreading([visit(0, { down: 10 })], LIMITS).reasons, [], 'one visit: no rate');
  assert.deepEqual(spreading([visit(0, { down: 10 }), visit(H, { down: 39 })], LIMITS).reasons, []);
  assert.deepEqual(spreading([visit(0, { down: 10 }), visit(H, { down: 40 })], LIMITS).reasons, ['boos']);
  assert.deepEqual(spreading([visit(0, { neg: 1 }), visit(H / 2, { neg: 6 })], LIMITS).reasons, ['negatives']);
  assert.deepEqual(spreading([visit(0), visit(H, { negReach: 250 })], LIMITS).reasons, ['reach']);
  assert.deepEqual(spreading([visit(0, { up: BOOM + 5, down: 5 })], LIMITS).reasons, ['boom'], '爆 on the first visit');
  assert.deepEqual(spreading([visit(0, { up: 150, down: 0 })], LIMITS).reasons, [], 'praise with no boo is no storm');
  // Against the last visit at least MIN_HOURS before, not the reload a second ago.
  const v = [visit(0, { down: 0 }), visit(H, { down: 40 }), visit(H + 1000, { down: 41 })];
  assert.deepEqual(spreading(v, LIMITS).reasons, ['boos']);
  assert.equal(Math.round(spreading(v, LIMITS).rates.down), 41);
});

test('why, in both languages', () => {
  const flag = spreading([visit(0, { down: 0, neg: 0 }), visit(H, { down: 45, neg: 12 })], LIMITS);
  assert.equal(spreadWhy(flag, { up: 0, down: 45 }, messagesIn('zh_TW')), '每小時 +45 噓、每小時 +12 則負面留言');
  assert.equal(spreadWhy(flag, { up: 0, down: 45 }, messagesIn('en')),
    '+45 boos (噓) an hour, +12 negative comments an hour');
});

test('a comment\'s reach per hour, from its points', () => {
  assert.equal(reachRate([]), 0);
  assert.equal(reachRate([[0, 5]]), 0, 'one point: no rate');
  assert.equal(reachRate([[0, 5], [2 * H, 405]]), 200);
  assert.equal(Math.round(reachRate([[0, 0], [H, 100], [H + 1000, 101]])), 101, 'against the point at least MIN_HOURS before');
  assert.equal(reachRate([[0, 50], [H, 20]]), 0, 'likes taken back: no growth');
});
