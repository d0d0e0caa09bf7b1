// Risk grades as the core gives them (src/sentiment.rs, `Grade`), in order.

/** The grades, lowest first: index order is severity order. */
export const GRADES = ['low', 'medium', 'high', 'critical'];

/** The grade of likelihood × impact, as the core grades it (`Grade::of`). */
export function gradeOf(likelihood, impact) {
  const p = likelihood * impact;
  return p >= 16 ? 'critical' : p >= 10 ? 'high' : p >= 5 ? 'medium' : 'low';
}
