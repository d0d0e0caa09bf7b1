// Risk grades as the core gives them (src/risk.rs, `Grade`), from the one
// list of thresholds both read: lexicon/risk.json.
import risk from '../../lexicon/risk.json' with { type: 'json' };

/** The grades, lowest first: index order is severity order. */
export const GRADES = risk.grades.map((g) => g.grade);

/**
 * The grade of likelihood × impact, as the core grades it (`Grade::of`).
 * @param {number} likelihood
 * @param {number} impact
 * @returns {string}
 */
export function gradeOf(likelihood, impact) {
  const p = likelihood * impact;
  return risk.grades.findLast((g) => p >= g.from)?.grade ?? GRADES[0];
}

/**
 * Riskiest first, for every list that ranks comments: by grade; within a
 * grade what is still to answer before what the brand has answered, then by
 * likelihood × impact (talk of a rumour, 4 × 3, before a plain jab, 4 × 2),
 * then the more negative score.
 * @param {{ risk: string, likelihood?: number, impact?: number, score: number, answered?: boolean }} a
 * @param {{ risk: string, likelihood?: number, impact?: number, score: number, answered?: boolean }} b
 * @returns {number}
 */
export function riskier(a, b) {
  const product = (/** @type {typeof a} */ u) => (u.likelihood ?? 0) * (u.impact ?? 0);
  return GRADES.indexOf(b.risk) - GRADES.indexOf(a.risk) || Number(a.answered === true) - Number(b.answered === true)
    || product(b) - product(a) || a.score - b.score;
}
