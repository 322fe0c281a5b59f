// Wrong orders of the same moves fail by name: reads switched before any backfill (and the backfill
// skipped) leave region-b without the history; backfilling afterwards fixes the data but not the
// reads that were already served without it.
import { labHarness } from '@storylabs/lab-kit/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { backfill, retireRegionA, startDualWrites, switchReads } from '../solution/apply.ts';

const lab = labHarness(new URL('..', import.meta.url));

describe('vm-cost-sizing, a migration in the wrong order', () => {
  beforeAll(() => lab.up(), 900_000);
  afterAll(async () => {
    await lab.down();
    await lab.expectNothingLeft();
  }, 180_000);

  let began = 0;

  it('skipping the backfill leaves a gap before dual writing began and reads without history', async () => {
    began = await startDualWrites(lab.ctx);
    await switchReads(lab.ctx);
    await retireRegionA(lab.ctx);
    await lab.expectFail(
      'no-gap',
      /before dual writing began at .*: the backfill from region-a did not cover it/,
    );
    await lab.expectFail('backfill', /the history has not been backfilled/);
    await lab.expectFail(
      'reads-never-failed',
      /reads were switched to region-b before its backfill was complete/,
    );
    await lab.expectPass('reads-switched');
    await lab.expectPass('dual-write');
  }, 900_000);

  it('backfilling after the switch fixes the data, not the reads already served without it', async () => {
    const started = await lab.ctx.exec('region-a', ['svc', 'start'], { timeoutMs: 60_000 });
    if (started.exitCode !== 0) throw new Error(`svc start in region-a: ${started.stderr}`);
    await backfill(lab.ctx, began);
    const stopped = await lab.ctx.exec('region-a', ['svc', 'stop'], { timeoutMs: 60_000 });
    if (stopped.exitCode !== 0) throw new Error(`svc stop in region-a: ${stopped.stderr}`);
    await lab.expectPass('no-gap');
    await lab.expectPass('backfill');
    await lab.expectFail(
      'reads-never-failed',
      /reads were switched to region-b before its backfill was complete/,
    );
  }, 900_000);
});
