// The response plan (回應計畫): the crisis team, who is told from which risk
// grade, and the first steps per crisis type, as the owner wrote them (the
// guide's steps by default). Alerts, the dashboard and the audit report name
// the right people; the quick check shows the plan's steps.
import { GRADES } from './risk.js';
import { STEPS } from './steps.js';

/** Crisis types with steps, and `negative` for a negative comment of no type. */
export const PLAN_TYPES = Object.keys(STEPS);
const MEMBERS = 20;
const text = (v, max) => (typeof v === 'string' ? v.slice(0, max) : '');

/** The plan when nothing is set: nobody named, the guide's steps. */
export const EMPTY_PLAN = { team: [], steps: {} };

/**
 * A stored plan made safe: `{ team: [{ name, role, contact, from }], steps: { type: text } }`;
 * `from` is the lowest grade the member is told at (`medium`, `high`, `critical`) or `never`.
 */
export function checkPlan(v) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return structuredClone(EMPTY_PLAN);
  const team = (Array.isArray(v.team) ? v.team : []).slice(0, MEMBERS)
    .filter((m) => m && typeof m === 'object' && text(m.name, 80).trim())
    .map((m) => ({ name: text(m.name, 80).trim(), role: text(m.role, 80).trim(), contact: text(m.contact, 200).trim(),
      from: [...GRADES.slice(1), 'never'].includes(m.from) ? m.from : 'high' }));
  const steps = {};
  for (const type of PLAN_TYPES) {
    const s = text(v.steps?.[type], 2000).trim();
    if (s) steps[type] = s;
  }
  return { team, steps };
}

/** The members told at `grade`, in the plan's order. */
export function whoToTell(plan, grade) {
  const g = GRADES.indexOf(grade);
  return plan.team.filter((m) => m.from !== 'never' && g >= GRADES.indexOf(m.from));
}

/** A member as one line: 王經理（店長，0912-345-678）. */
export const memberLine = (m, msg) => (m.role || m.contact
  ? msg('planMember', m.name, [m.role, m.contact].filter(Boolean).join(msg('listSeparator'))) : m.name);

/** The first steps for `type`: the plan's lines, else the guide's (message keys through `msg`). */
export function stepsFor(plan, type, msg) {
  const own = plan.steps[type];
  if (own) return own.split('\n').map((s) => s.trim()).filter(Boolean);
  return (STEPS[type] ?? []).map((k) => msg(k));
}

/** The line an alert or a report adds: who to tell at `grade`, or nothing. */
export function tellLine(plan, grade, msg) {
  const who = whoToTell(plan, grade);
  return who.length ? msg('planTell', who.map((m) => memberLine(m, msg)).join(msg('listSeparator'))) : '';
}
