// Benchmark: how long `up` takes from nothing to a ready lab, cold (images not built yet) and warm
// (images cached), for the one-container fixture and the five-service, three-network fixture. Prints
// the figures with the machine's load; asserts nothing. Run: pnpm --filter @storylabs/lab-kit bench
// (BENCH_WARM_RUNS=N changes the number of warm runs, default 5).
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { connectDocker } from '../src/docker.ts';
import { down, up } from '../src/environment.ts';
import { findLab } from '../src/registry.ts';

const labsDir = fileURLToPath(new URL('../test/fixtures/labs/', import.meta.url));
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 5);
const instance = `bench-${process.pid % 10000}`;
const docker = await connectDocker();
const api = docker.container.dockerode;

async function measure(labId: string, description: string): Promise<void> {
  const entry = await findLab(labId, labsDir);
  const timeUp = async (): Promise<number> => {
    const started = performance.now();
    await up(entry, { detach: true, instance });
    const elapsed = (performance.now() - started) / 1000;
    await down(entry.id, { instance });
    return elapsed;
  };
  await down(entry.id, { instance });
  // Cold: only this fixture's own images go (other instances using them keep running).
  for (const image of await api.listImages({ filters: { reference: [`storylabs/${labId}-*`] } })) {
    await api
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
  const cold = await timeUp();
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeUp());
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? 0;
  console.log(`${labId}: ${description}`);
  console.log(`  cold up-to-ready (image build included): ${cold.toFixed(2)} s`);
  console.log(
    `  warm up-to-ready, median of ${WARM_RUNS}: ${median.toFixed(2)} s (min ${warm[0]?.toFixed(2)} s, max ${warm.at(-1)?.toFixed(2)} s)`,
  );
}

const version = await api.version();
console.log(
  `Docker ${version.Version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at start`,
);
await measure('hello-http', 'one busybox httpd container, one network');
await measure(
  'router-lab',
  'five containers on one shared image, three networks (two internal), a volume, every wait type, dependsOn, a setup hook',
);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at the end`,
);
process.exit(0);
