// Part 2's expected answers come from @storylabs/models with the same inputs as the story page's
// calculator; this test holds the two together and states the lab's plain findings.
import { fileURLToPath } from 'node:url';
import { parseAnswer } from '@storylabs/lab-kit/manifest';
import {
  historyTransferCost,
  vmClusterSizing,
  vmLabMeasurement,
  vmLevers,
  vmMonthlyCost,
  vmMonthlyCostByRegion,
} from '@storylabs/models';
import { describe, expect, it } from 'vitest';
import {
  FROM,
  monthlyCost,
  monthlyTransfer,
  oneTimeHistoryTransfer,
  type PerSampleCosts,
  perSampleCosts,
  referenceCosts,
  sizedWith,
  storyLoad,
  storySizing,
  TO,
} from '../checks/price.ts';
import lab from '../lab.ts';

type VmResult = (input: {
  activeSeries: number;
  scrapeIntervalSeconds: number;
  retentionMonths: number;
  replicationFactor: number;
  bytesPerSampleOnDisk?: number;
  ramBytesPerActiveSeries?: number;
  from: string;
  to: string;
}) => { fromCost: string; toCost: string };

// Imported by path at run time: the site's module also uses DOM types this package does not compile.
const calculators = fileURLToPath(new URL('../../../site/src/lib/calculators.ts', import.meta.url));

function objective(id: string) {
  const found = lab.objectives.find((o) => o.id === id);
  if (!found?.answer) throw new Error(`no answer objective ${id}`);
  return found.answer;
}

/** A check context where the learner has answered the Part 1 figures given (or none). */
function answered(answers: Record<string, string> = {}) {
  return { answer: (id: string) => answers[id] } as unknown as Parameters<
    ReturnType<typeof objective>['expected']
  >[0];
}

async function agree(ctx: ReturnType<typeof answered>, costs: PerSampleCosts): Promise<void> {
  const { vmResult } = (await import(calculators)) as { vmResult: VmResult };
  const shown = vmResult({
    ...storyLoad,
    bytesPerSampleOnDisk: costs.bytesPerSampleOnDisk,
    ramBytesPerActiveSeries: costs.ramBytesPerActiveSeries,
    from: FROM,
    to: TO,
  });
  const fromExpected = await objective('cost-eu-west-1').expected(ctx);
  const toExpected = await objective('cost-ap-south-1').expected(ctx);
  // The calculator rounds to whole dollars; the objectives accept 2%.
  expect(Math.abs(parseAnswer(shown.fromCost, '$') - fromExpected)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(parseAnswer(shown.toCost, '$') - toExpected)).toBeLessThanOrEqual(0.5);
}

describe("Part 2's answers", () => {
  it("agree with the story page's calculator given the lab's reference measurement, before Part 1 is answered", async () => {
    await agree(answered(), referenceCosts);
    expect(perSampleCosts(answered({ 'bytes-per-sample': '0.8' })).from).toBe(
      "the lab's reference measurement",
    );
  });

  it("agree with the calculator given the learner's own Part 1 answers, and size with them", async () => {
    const mine = answered({ 'bytes-per-sample': '1.1', 'memory-per-series': '6200' });
    const costs = perSampleCosts(mine);
    expect(costs).toEqual({
      bytesPerSampleOnDisk: 1.1,
      ramBytesPerActiveSeries: 6200,
      from: 'your Part 1 answers',
    });
    await agree(mine, costs);
    // their figures move the bill both ways: 1.1 bytes a sample needs more gp3 than the lab's 0.75,
    // 6,200 bytes a series fits in 3 vmstorage nodes where 8,500 needs 4
    const theirs = vmMonthlyCostByRegion(storySizing(costs), FROM);
    const reference = vmMonthlyCostByRegion(storySizing(referenceCosts), FROM);
    expect(theirs.storage).toBeGreaterThan(reference.storage);
    expect(storySizing(costs).nodes.vmstorage).toBe(3);
    expect(theirs.compute).toBeLessThan(reference.compute);
    expect(sizedWith(costs)).toMatch(
      /^sized with your Part 1 answers: 1\.1 bytes per sample on disk, 6,200 bytes/,
    );
  });

  it("are the model's figures for the story at the lab's measurement: about $4,721 in eu-west-1 and $4,459 in ap-south-1", () => {
    const sizing = vmClusterSizing({
      ...storyLoad,
      bytesPerSampleOnDisk: vmLabMeasurement.bytesPerSampleOnDisk.value,
      ramBytesPerActiveSeries: vmLabMeasurement.ramBytesPerActiveSeries.value,
    });
    expect(monthlyCost(FROM)).toBeCloseTo(vmMonthlyCost(sizing, { region: FROM }).total, 9);
    expect(monthlyCost(FROM)).toBeCloseTo(4720.57, 1);
    expect(monthlyCost(TO)).toBeCloseTo(4458.82, 1);
  });

  it('price the transfer from the bytes per sample vmagent sends, and the history copy once', () => {
    // 500,000 samples/s × 17.1 bytes × 2,628,000 s / 2^30 × $0.02
    expect(monthlyTransfer(vmLabMeasurement.remoteWriteBytesPerSample.value)).toBeCloseTo(418.52, 1);
    expect(oneTimeHistoryTransfer()).toBeCloseTo(historyTransferCost(35, 'eu-west-1'), 9);
    expect(oneTimeHistoryTransfer()).toBeCloseTo(651.93, 1);
  });

  it('say plainly that list prices do not make the region move alone a drastic cut', () => {
    const { levers } = vmLevers({ load: { ...storyLoad, ...referenceCosts }, replicationFactor: 1 });
    const region = levers.find((l) => l.lever === 'region');
    expect(region?.saving).toBeLessThan(0); // moving Intel machines costs 3% more once samples cross regions
    const best = levers.find((l) => l.change.startsWith('Graviton and st1'));
    expect(best?.savingShare).toBeGreaterThan(0.4);
    expect(lab.solution.walkthrough).toMatch(/does not pay on Intel/);
  });
});
