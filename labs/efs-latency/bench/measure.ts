// Measures the lab's start and check times on this machine: `up` to ready (cold: the lab's images removed
// first, so they are built; warm: images cached), and `check` of every objective including the standard
// load window. Prints the figures and the machine's load; asserts nothing. Also writes results/: the
// latency histogram of the lab's own traffic before and after the reference fix (SVG) and run.json.
//   pnpm --filter @storylabs/lab-efs-latency bench            # warm up (x3) and check
//   pnpm --filter @storylabs/lab-efs-latency bench -- --cold  # also one cold up first
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { connectDocker } from '@storylabs/lab-kit';
import { labHarness } from '@storylabs/lab-kit/testing';

const WARM_RUNS = 3;
const cold = process.argv.includes('--cold');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

console.log(`efs-latency on ${os.cpus().length} CPUs, load average ${load()}, ${new Date().toISOString()}`);

if (cold) {
  const docker = await connectDocker();
  const api = docker.container.dockerode;
  for (const image of await api.listImages({ filters: { reference: ['storylabs/efs-latency-*'] } })) {
    await api.getImage(image.Id).remove({ force: true });
  }
  const lab = labHarness(new URL('..', import.meta.url));
  const [ms] = await timed(() => lab.up());
  console.log(`cold up to ready (images built): ${seconds(ms)} (load ${load()})`);
  await lab.down();
}

const ups: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) {
  const lab = labHarness(new URL('..', import.meta.url));
  const [ms] = await timed(() => lab.up());
  ups.push(ms);
  if (i < WARM_RUNS - 1) {
    await lab.down();
    continue;
  }
  // The last instance also measures `check`, after the traffic has had a minute to build up.
  await new Promise((r) => setTimeout(r, 60_000));
  const [checkMs, results] = await timed(() => lab.check());
  console.log(`check, every objective (broken state, no answers): ${seconds(checkMs)} (load ${load()})`);
  for (const r of results) console.log(`  ${r.id}: ${r.status}${r.reason ? ` - ${r.reason}` : ''}`);
  const resultsDir = new URL('../results/', import.meta.url);
  mkdirSync(resultsDir, { recursive: true });
  const figure = async (name: string) => {
    const svg = await lab.ctx.exec('tools', [
      'report',
      '--since',
      '120',
      '--title',
      `POST /api/process, ${name}`,
      '--svg',
      '-',
    ]);
    const json = await lab.ctx.exec('tools', ['report', '--since', '120', '--json']);
    writeFileSync(new URL(`${name}.svg`, resultsDir), svg.stdout);
    return JSON.parse(json.stdout) as Record<string, unknown>;
  };
  const before = await figure('before');
  await lab.solve();
  // Two full cycles of the lab's traffic with the fix in place, then the same 120 s window.
  await new Promise((r) => setTimeout(r, 125_000));
  const after = await figure('after');
  writeFileSync(
    new URL('run.json', resultsDir),
    `${JSON.stringify({ date: new Date().toISOString(), machine: `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`, loadAverage: os.loadavg(), window: 'the last 120 s of the lab traffic', before, after }, null, 2)}\n`,
  );
  console.log(
    `before the fix (last 120 s): p50 ${before.p50} ms, p90 ${before.p90} ms, p99 ${before.p99} ms`,
  );
  console.log(`after the fix (last 120 s): p50 ${after.p50} ms, p90 ${after.p90} ms, p99 ${after.p99} ms`);
  const [solvedMs, solved] = await timed(() => lab.check('standard-load'));
  console.log(
    `check standard-load after the solution: ${seconds(solvedMs)}: ${solved[0]?.status} ${solved[0]?.detail ?? solved[0]?.reason ?? ''}`,
  );
  await lab.down();
}
ups.sort((a, b) => a - b);
console.log(
  `warm up to ready, median of ${WARM_RUNS}: ${seconds(ups[Math.floor(WARM_RUNS / 2)] ?? 0)} (min ${seconds(ups[0] ?? 0)}, max ${seconds(ups.at(-1) ?? 0)})`,
);
process.exit(0);
