// Spread velocity: how fast a page about our brand is gathering negative
// attention, from what two visits saw. A storm shows as growth, not as a
// count: 20 噓 on a thread is a bad evening, 20 more every hour is news.
// Pure: visits in, rates and reasons out (the background records visits,
// history/store.js keeps them).

/** Rates over less than this are taken over this: two reloads a second apart are no hour. */
export const MIN_HOURS = 5 / 60;
/** PTT shows a thread as 爆 when its pushes net of boos reach this (and XX the other way). */
export const BOOM = 100;

/**
 * One visit of a page: when, and what it held.
 * @typedef {{ at: number, total: number, neg: number, up: number, down: number, negReach: number }} Visit
 */

/**
 * Growth per hour from `before` to `after` (visits of one page).
 * @param {Visit} before
 * @param {Visit} after
 */
export function growth(before, after) {
  const hours = Math.max(MIN_HOURS, (after.at - before.at) / 3_600_000);
  const rate = (k) => Math.max(0, (after[k] ?? 0) - (before[k] ?? 0)) / hours;
  return { hours, total: rate('total'), neg: rate('neg'), down: rate('down'), negReach: rate('negReach') };
}

/**
 * Why a page is spreading (擴散中), from its visits, oldest first, the last
 * being now: `[]` when it is not. Reasons: `boos` (PTT 噓 an hour at or over
 * the threshold), `negatives` (negative comments an hour), `reach` (likes
 * and replies of negative comments an hour), `boom` (a PTT thread at 爆 or XX).
 * @param {Visit[]} visits
 * @param {{ spreadBoos: number, spreadNegatives: number, spreadReach: number }} limits
 * @returns {{ reasons: string[], rates: ReturnType<typeof growth> | null }}
 */
export function spreading(visits, limits) {
  const now = visits.at(-1);
  if (!now) return { reasons: [], rates: null };
  const reasons = [];
  if (Math.abs((now.up ?? 0) - (now.down ?? 0)) >= BOOM && now.down > 0) reasons.push('boom');
  // Against the last visit before this one that was at least MIN_HOURS ago,
  // else the first: a burst of reloads measures nothing.
  const earlier = visits.slice(0, -1);
  const before = earlier.findLast((v) => now.at - v.at >= MIN_HOURS * 3_600_000) ?? earlier[0];
  const rates = before ? growth(before, now) : null;
  if (rates) {
    if (rates.down >= limits.spreadBoos) reasons.push('boos');
    if (rates.neg >= limits.spreadNegatives) reasons.push('negatives');
    if (rates.negReach >= limits.spreadReach) reasons.push('reach');
  }
  return { reasons, rates };
}

/**
 * Reach (likes and replies) a comment gained per hour, from its `[at, reach]`
 * points, oldest first: since the last point at least MIN_HOURS before the
 * latest, else since the first; 0 with fewer than two points.
 * @param {[number, number][]} points
 */
export function reachRate(points) {
  const now = points.at(-1);
  if (!now || points.length < 2) return 0;
  const earlier = points.slice(0, -1);
  const before = earlier.findLast((p) => now[0] - p[0] >= MIN_HOURS * 3_600_000) ?? earlier[0];
  const point = ([at, reach]) => ({ at, total: 0, neg: 0, up: 0, down: 0, negReach: reach });
  return growth(point(before), point(now)).negReach;
}

/**
 * Why a page is spreading, in words: `flag` is spreading()'s, `visit` the
 * visit it was found on (its 推 and 噓), `msg` a message lookup (i18n's `t`).
 * @param {{ reasons: string[], rates: any }} flag
 * @param {{ up?: number, down?: number }} visit
 * @param {(key: string, ...subs: unknown[]) => string} msg
 */
export function spreadWhy(flag, visit, msg) {
  const r = flag.rates ?? {};
  return flag.reasons.map((k) => ({
    boos: () => msg('spreadBoos', Math.round(r.down)),
    negatives: () => msg('spreadNegatives', Math.round(r.neg)),
    reach: () => msg('spreadReach', Math.round(r.negReach)),
    boom: () => msg('spreadBoom', visit.up ?? 0, visit.down ?? 0),
  })[k]?.() ?? k).join(msg('listSeparator'));
}
