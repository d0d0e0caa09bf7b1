// The response plan: a stored plan made safe, who is told at which grade,
// the owner's steps or the guide's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPlan, stepsFor, tellLine, whoToTell } from '../../extension/shared/plan.js';
import { messagesIn } from '../../extension/shared/i18n.js';

const plan = checkPlan({
  team: [
    { name: '王經理', role: '店長', contact: '0912-345-678', from: 'high' },
    { name: '林總', role: '', contact: 'lin@cloudcafe.example.tw', from: 'critical' },
    { name: '小編', from: 'medium' },
    { name: '顧問', from: 'never' },
    { name: '   ' },
    { name: '駭客', from: '<img>' },
  ],
  steps: { safety: '下架同批產品\n通報衛生局\n', review: '', unknown: 'x' },
});

test('a stored plan is made safe', () => {
  assert.deepEqual(plan.team.map((m) => [m.name, m.from]),
    [['王經理', 'high'], ['林總', 'critical'], ['小編', 'medium'], ['顧問', 'never'], ['駭客', 'high']]);
  assert.deepEqual(Object.keys(plan.steps), ['safety']);
  for (const bad of [null, [], 'plan', 42]) assert.deepEqual(checkPlan(bad), { team: [], steps: {} });
});

test('who is told at each grade', () => {
  const names = (g) => whoToTell(plan, g).map((m) => m.name);
  assert.deepEqual(names('low'), []);
  assert.deepEqual(names('medium'), ['小編']);
  assert.deepEqual(names('high'), ['王經理', '小編', '駭客']);
  assert.deepEqual(names('critical'), ['王經理', '林總', '小編', '駭客']);
  const zh = messagesIn('zh_TW');
  assert.equal(tellLine(plan, 'medium', zh), '通知：小編');
  assert.match(tellLine(plan, 'critical', zh), /^通知：王經理（店長、0912-345-678）、林總（lin@cloudcafe\.example\.tw）/);
  assert.equal(tellLine(checkPlan(null), 'critical', zh), '', 'no team, no line');
});

test('the owner\'s steps, else the guide\'s, in either language', () => {
  assert.deepEqual(stepsFor(plan, 'safety', messagesIn('en')), ['下架同批產品', '通報衛生局']);
  const guide = stepsFor(plan, 'review', messagesIn('en'));
  assert.ok(guide.length >= 3 && guide.every((s) => !/^step[A-Z]/.test(s)), guide.join(' | '));
  assert.notDeepEqual(stepsFor(plan, 'review', messagesIn('zh_TW')), guide);
});
