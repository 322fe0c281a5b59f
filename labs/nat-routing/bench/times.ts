// Benchmark: warm `up` (images already built) and `check` of a solved instance, failover included.
// Prints the figures; asserts nothing. Run: pnpm --filter @storylabs/lab-nat-routing bench [runs]
import { cpus, loadavg } from 'node:os';
import { labHarness } from '@storylabs/lab-kit/testing';

const runs = Number(process.argv[2] ?? 3);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`runs must be a whole number >= 1, got ${process.argv[2]}`);
const labDir = new URL('..', import.meta.url);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

// One start first, so the images exist: the runs below are warm.
const warmup = labHarness(labDir);
try {
  await warmup.up();
} finally {
  await warmup.down();
}

const ups: number[] = [];
const checks: number[] = [];
const failovers: string[] = [];
for (let run = 1; run <= runs; run++) {
  const lab = labHarness(labDir);
  try {
    let started = performance.now();
    await lab.up();
    ups.push(performance.now() - started);
    await lab.solve();
    started = performance.now();
    const results = await lab.check();
    checks.push(performance.now() - started);
    const failed = results.filter((r) => r.status === 'fail');
    if (failed.length > 0)
      throw new Error(`run ${run}: ${failed.map((r) => `${r.id}: ${r.reason}`).join('; ')}`);
    failovers.push(results.find((r) => r.id === 'failover')?.detail ?? '(no detail)');
    console.log(
      `run ${run}: up ${seconds(ups.at(-1) ?? 0)}, check ${seconds(checks.at(-1) ?? 0)}; ${failovers.at(-1)}`,
    );
  } finally {
    await lab.down();
  }
}
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`warm up-to-ready (5 containers, 2 networks), median of ${runs}: ${seconds(median(ups))}`);
console.log(
  `check of a solved instance (objectives 1-4, failover included), median of ${runs}: ${seconds(median(checks))}`,
);
process.exit(0);
