// One small seeded generator (mulberry32) for everything in the repository that draws random data
// and must replay it: lab checks (a failing run prints its seed), the site's evidence packs (the same
// file on every build), benchmarks run with --seed. Not for anything secret.

/** Numbers in [0, 1), the same sequence for the same seed (taken as an unsigned 32-bit integer). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
