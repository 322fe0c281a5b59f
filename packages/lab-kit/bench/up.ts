// Benchmark: how long `up` takes from nothing to a ready fixture lab, cold (image not built yet) and
// warm (image cached). Prints the figures; asserts nothing. Run: pnpm --filter @storylabs/lab-kit bench
import { fileURLToPath } from 'node:url';
import { connectDocker } from '../src/docker.ts';
import { down, up } from '../src/environment.ts';
import { findLab } from '../src/registry.ts';

const labsDir = fileURLToPath(new URL('../test/fixtures/labs/', import.meta.url));
const WARM_RUNS = 5;

const entry = await findLab('hello-http', labsDir);
const docker = await connectDocker();
const api = docker.container.dockerode;

async function timeUp(): Promise<number> {
  const started = performance.now();
  await up(entry, { detach: true });
  const elapsed = (performance.now() - started) / 1000;
  await down(entry.id);
  return elapsed;
}

await down(entry.id);
for (const image of await api.listImages({ filters: { reference: ['storylabs/hello-http-*'] } })) {
  await api.getImage(image.Id).remove({ force: true });
}
const cold = await timeUp();
const warm: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeUp());
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)] ?? 0;

const version = await api.version();
console.log(`fixture lab 'hello-http' (one busybox httpd container, one network), Docker ${version.Version}`);
console.log(`cold up-to-ready (image build included): ${cold.toFixed(2)} s`);
console.log(
  `warm up-to-ready, median of ${WARM_RUNS}: ${median.toFixed(2)} s (min ${warm[0]?.toFixed(2)} s, max ${warm.at(-1)?.toFixed(2)} s)`,
);
process.exit(0);
