// Self-tests of the efs-latency lab on an isolated instance: the broken system fails the index and
// standard-load objectives with measured numbers; each fix alone still fails the standard load and says by
// how much; the reference solution passes everything; nothing is left behind.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { labHarness } from '@storylabs/lab-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latencyPercentile, medianFileWork, psql } from '../checks/objectives.ts';
import { addIndex, setPool } from '../solution/apply.ts';

const lab = labHarness(new URL('..', import.meta.url));

const BY_HOW_MUCH =
  /p90 [\d.]+ (ms|s), needs < 300 ms: [\d.]+x the limit|p99 [\d.]+ (ms|s), needs < 1\.00 s: [\d.]+x the limit/;

async function dropIndex(): Promise<void> {
  await psql(lab.ctx, 'DROP INDEX CONCURRENTLY IF EXISTS jobs_request_id_idx', 120_000);
}

async function setTiming(on: boolean): Promise<void> {
  const script = `const fs=require('node:fs');const p='/etc/video-api/config.json';const c=JSON.parse(fs.readFileSync(p,'utf8'));c.log.timing=${on};fs.writeFileSync(p+'.new',JSON.stringify(c,null,2));fs.renameSync(p+'.new',p)`;
  const result = await lab.ctx.exec('tools', ['node', '-e', script]);
  expect(result.exitCode, result.stderr).toBe(0);
}

/**
 * The percentile answers need at least 100 of the learner-side traffic's requests in nginx's log. On a
 * quiet machine the phases before run faster than loadgen sends them, so wait (bounded) for them.
 */
async function untilLogged(): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      await latencyPercentile(lab.ctx, 50);
      return;
    } catch (error) {
      if (!/logged only/.test(String(error)) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

/** `count` processes that keep a CPU busy each, for at most `ms`; stop() ends them at once. */
function busyLoops(count: number, ms: number): { stop(): void } {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', `const end = Date.now() + ${ms}; while (Date.now() < end) {}`], {
      stdio: 'ignore',
    }),
  );
  return {
    stop() {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}

beforeAll(() => lab.up(), 900_000);
afterAll(async () => {
  await lab.down();
  await lab.expectNothingLeft();
}, 180_000);

describe('efs-latency', () => {
  it('broken: the final statement scans the table and the standard load is far too slow, with figures', async () => {
    const index = await lab.expectFail(
      'index',
      /reads the whole jobs table \(Seq Scan\).*took [\d.]+ (ms|s)/,
    );
    console.log(`broken, index: ${index.reason}`);
    const load = await lab.expectFail('standard-load', BY_HOW_MUCH);
    console.log(`broken, standard-load: ${load.reason}`);
  }, 300_000);

  it('index only: the statement is fast, the standard load still fails and says by how much', async () => {
    await addIndex(lab.ctx);
    await lab.expectPass('index');
    const load = await lab.expectFail('standard-load', BY_HOW_MUCH);
    console.log(`index only, standard-load: ${load.reason}`);
  }, 400_000);

  it('pool only: the standard load still fails and says by how much', async () => {
    // The lab's own traffic pauses while the table is scanned by many jobs at once (the check resumes it).
    await lab.ctx.stop('loadgen');
    await dropIndex();
    await setPool(lab.ctx, 8);
    await lab.expectFail('index', /Seq Scan/);
    const load = await lab.expectFail('standard-load', BY_HOW_MUCH);
    console.log(`pool only, standard-load: ${load.reason}`);
    await setPool(lab.ctx, 1);
  }, 400_000);

  it('the reference solution passes every objective, answers included', async () => {
    await lab.solve();
    await setTiming(true);
    await new Promise((r) => setTimeout(r, 8000));
    await untilLogged();
    for (const p of [50, 90, 99] as const) {
      expect(await lab.answer(`p${p}`, `${await latencyPercentile(lab.ctx, p)}ms`)).toBe(true);
    }
    expect(await lab.answer('file-work', `${await medianFileWork(lab.ctx)}ms`)).toBe(true);
    const results = await lab.expectPass();
    console.log(results.map((r) => `${r.id}: ${r.status}${r.detail ? ` (${r.detail})` : ''}`).join('\n'));
  }, 600_000);

  it('with other programs keeping every CPU busy, the fixed system still passes the standard load, and the check says why its limits moved', async () => {
    const loops = busyLoops(availableParallelism(), 180_000);
    try {
      const [result] = await lab.expectPass('standard-load');
      console.log(`busy machine, standard-load: ${result?.detail}`);
      // the loops load this machine: the note appears when the Docker engine runs here too
      if (!process.env.DOCKER_HOST || process.env.DOCKER_HOST.startsWith('unix:')) {
        expect(result?.detail).toMatch(/this machine was busy: other programs used [\d.]+ of its CPUs/);
      }
    } finally {
      loops.stop();
    }
  }, 600_000);

  it('a wrong answer is refused', async () => {
    expect(await lab.answer('p90', '1ms')).toBe(false);
  }, 60_000);
});
