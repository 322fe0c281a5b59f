// Prints how long the lab takes to come up and to be checked, on this machine, now:
//   node labs/vm-cost-sizing/scripts/timings.ts [--rounds N]
// Each round starts its own instance (up: containers ready and the history backfilled), runs every
// check once, applies the reference migration, runs every check again, and removes the instance.
// The first round may build the image (cold); later rounds reuse it (warm).
import { parseArgs } from 'node:util';
import { labHarness } from '@storylabs/lab-kit/testing';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds must be a whole number of at least 1, got '${values.rounds}'`);
  process.exit(2);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
console.log(
  `vm-cost-sizing timings, ${rounds} round(s); load average now ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (let round = 1; round <= rounds; round++) {
  const lab = labHarness(new URL('..', import.meta.url));
  const stop = async () => {
    await lab.down().catch(() => {});
    process.exit(130);
  };
  process.once('SIGINT', stop);
  try {
    let t = performance.now();
    await lab.up();
    const up = seconds(t);
    t = performance.now();
    await lab.check();
    const checkBefore = seconds(t);
    t = performance.now();
    await lab.solve();
    const solve = seconds(t);
    t = performance.now();
    const results = await lab.check();
    const checkAfter = seconds(t);
    const passed = results.filter((r) => r.status === 'pass').length;
    console.log(
      `round ${round}: up ${up} s, check ${checkBefore} s (before the move), solve ${solve} s, check ${checkAfter} s (after; ${passed}/${results.length} pass, answers not recorded)`,
    );
  } finally {
    process.off('SIGINT', stop);
    await lab.down();
  }
}
