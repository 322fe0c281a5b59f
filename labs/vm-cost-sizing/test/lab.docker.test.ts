// The lab proves itself: a fresh instance fails every Part 3 check for the right reason, the Part 1
// answers a learner reads from /metrics are accepted, the reference migration passes everything, and
// nothing is left behind.
import { labHarness } from '@storylabs/lab-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measured } from '../checks/measure.ts';
import { monthlyCost, monthlyTransfer, oneTimeHistoryTransfer } from '../checks/price.ts';

const lab = labHarness(new URL('..', import.meta.url));

describe('vm-cost-sizing, broken then solved', () => {
  beforeAll(() => lab.up(), 900_000);
  afterAll(() => lab.down(), 180_000);

  it('fails every Part 3 check before the move, saying why', async () => {
    await lab.expectFail('dual-write', /vmagent does not write to region-b/);
    await lab.expectFail('no-gap', /not written to region-b yet/);
    await lab.expectFail('backfill', /region-b holds 0 of the \d+ series/);
    await lab.expectFail('reads-switched', /answered by region-a, not region-b/);
    await lab.expectFail('reads-never-failed', /the move has not begun/);
  }, 600_000);

  it('accepts the figures a learner reads from /metrics and the model', async () => {
    const read = {
      'ingestion-rate': await measured(lab.ctx, 'ingestionRate'),
      'active-series': await measured(lab.ctx, 'activeSeries'),
      'bytes-per-sample': await measured(lab.ctx, 'bytesPerSample'),
      'memory-per-series': await measured(lab.ctx, 'memoryPerSeries'),
      'cost-eu-west-1': monthlyCost('eu-west-1'),
      'cost-ap-south-1': monthlyCost('ap-south-1'),
      'transfer-per-month': monthlyTransfer(await measured(lab.ctx, 'remoteWriteBytesPerSample')),
      'history-transfer': oneTimeHistoryTransfer(),
    };
    console.log('measured and priced:', read);
    // ~20,000 workload series every 10 s: about 2,000 samples a second
    expect(read['ingestion-rate']).toBeGreaterThan(1500);
    expect(read['ingestion-rate']).toBeLessThan(2600);
    for (const [id, value] of Object.entries(read)) {
      expect(await lab.answer(id, String(value)), id).toBe(true);
      await lab.expectPass(id);
    }
    expect(await lab.answer('cost-eu-west-1', '$4,000')).toBe(false);
  }, 600_000);

  it('passes everything after the reference migration', async () => {
    await lab.solve();
    const results = await lab.expectPass();
    console.log(results.map((r) => `${r.id}: ${r.status}`).join('\n'));
  }, 900_000);

  it('leaves nothing behind', async () => {
    await lab.down();
    await lab.expectNothingLeft();
  }, 180_000);
});
