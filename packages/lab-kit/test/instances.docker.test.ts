// lab-kit's own Docker tests on the multi-network fixture: three instances at once, each checked on
// its own, `down` of one leaving the others untouched, and nothing left at the end.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker, findResources } from '../src/docker.ts';
import { labHarness } from '../src/testing.ts';

const fixture = new URL('./fixtures/labs/router-lab/', import.meta.url);
const names = ['a', 'b', 'c'].map((n) => `kit-${process.pid % 10000}-${n}`);
const labs = names.map((instance) => labHarness(fixture, { instance }));

async function containersOf(instance: string): Promise<number> {
  return (await findResources(await connectDocker(), 'router-lab', instance)).containers.length;
}

beforeAll(async () => {
  // All three start at once: they race for address slots and must each get their own.
  await Promise.all(labs.map((lab) => lab.up()));
}, 900_000);

afterAll(async () => {
  await Promise.all(labs.map((lab) => lab.down()));
}, 300_000);

describe('three instances of a five-service, three-network lab', { timeout: 300_000 }, () => {
  it('get non-overlapping subnets, and their fixed addresses move with them', () => {
    const subnets = labs.map((lab) => lab.ctx.subnet('left'));
    expect(new Set(subnets).size).toBe(3);
    for (const lab of labs) {
      const left = lab.ctx.subnet('left').split('.').slice(0, 3).join('.');
      expect(lab.ctx.address('router', 'left')).toBe(`${left}.2`);
      expect(lab.ctx.address('left-host', 'left')).toBe(`${left}.10`);
    }
  });

  it('share one image across the five services', async () => {
    const docker = await connectDocker();
    const images = new Set<string>();
    for (const service of Object.values(labs[0]?.running.services ?? {})) {
      images.add((await docker.container.dockerode.getContainer(service.containerId).inspect()).Image);
    }
    expect(images.size).toBe(1);
  });

  it('pass the set-up objectives, each against its own volume and addresses', async () => {
    for (const lab of labs) {
      await lab.expectPass('addresses');
      await lab.expectPass('shared');
    }
  });

  it('stop and start a service from a check, on one instance only', async () => {
    const [a, b] = labs;
    await a?.expectPass('restart');
    expect(b?.running.services.web?.state).toBe('running');
  });

  it('are solved one at a time: solving b leaves a and c failing', async () => {
    const [a, b, c] = labs;
    await a?.expectFail('solved', 'no /shared/solved yet');
    await b?.solve();
    await b?.expectPass();
    await a?.expectFail('solved', 'no /shared/solved yet');
    await c?.expectFail('solved', 'no /shared/solved yet');
  });

  it('kill a command that outlives its time limit', async () => {
    const started = Date.now();
    const result = await labs[0]?.ctx.exec('router', ['sleep', '61'], { timeoutMs: 1000 });
    expect(result?.exitCode).toBe(124);
    expect(result?.stderr).toContain('killed: it ran longer than 1 s');
    const ps = await labs[0]?.ctx.exec('router', ['ps', '-eo', 'args']);
    expect(ps?.stdout).toContain('sleep infinity'); // the container's own process stays
    expect(ps?.stdout).not.toContain('sleep 61');
    expect(Date.now() - started).toBeLessThan(55_000);
  });

  it('`down` of one leaves the other two running, then nothing is left', async () => {
    const [a, b, c] = labs;
    await b?.down();
    await b?.expectNothingLeft();
    expect(await containersOf(names[0] ?? '')).toBe(5);
    expect(await containersOf(names[2] ?? '')).toBe(5);
    await a?.expectPass('addresses');
    await a?.down();
    await c?.down();
    for (const lab of labs) await lab.expectNothingLeft();
  });
});
