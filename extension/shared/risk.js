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
