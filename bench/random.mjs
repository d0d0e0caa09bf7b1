// A seeded generator, so generated benchmark pages are the same on every run.

/** `{ rnd(n): integer in [0, n), pick(xs): one of xs }`, from `seed`. */
export function seeded(seed) {
  let s = seed;
  const rnd = (n) => { s = (s * 1103515245 + 12345) % 2147483648; return s % n; };
  return { rnd, pick: (xs) => xs[rnd(xs.length)] };
}
