// A small seeded generator (mulberry32), so an evidence pack is the same file on every build and a
// reader's download matches the page's commands.
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

/** Seconds until the next event of a Poisson process with `perSecond` events a second. */
export function nextArrival(random: () => number, perSecond: number): number {
  return -Math.log(1 - random()) / perSecond;
}
