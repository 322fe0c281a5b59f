// Evidence packs draw from the repository's one seeded generator, so a pack is the same file on every
// build and a reader's download matches the page's commands.
export { seededRandom } from '@storylabs/lab-kit/random';

/** Seconds until the next event of a Poisson process with `perSecond` events a second. */
export function nextArrival(random: () => number, perSecond: number): number {
  return -Math.log(1 - random()) / perSecond;
}
