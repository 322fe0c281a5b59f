// Objective 5's expected answers and the site's NAT calculator price the same inputs with the same
// models, and show the same dollars.
import { formatUsd, gibFromTerabytes, prices, TB, TiB } from '@storylabs/models';
import { describe, expect, it } from 'vitest';
import { natResult } from '../../../site/src/lib/calculators.ts';
import { gcpCloudNatCost, gcpNatVmsCost, scenario, scenarioGib } from '../checks/cost.ts';
import lab from '../lab.ts';

/** The calculator's input for the lab's scenario, whichever unit the calculator's traffic field takes. */
function calculatorInput(): Parameters<typeof natResult>[0] {
  const base = {
    vms: scenario.vms,
    natInstances: scenario.natMachines,
    machineType: scenario.gcpMachineType,
  };
  const traffic = {
    tbPerMonth: scenario.terabytesPerMonth,
    tibPerMonth: (scenario.terabytesPerMonth * TB) / TiB,
  };
  return { ...base, ...traffic } as Parameters<typeof natResult>[0];
}

describe('cost answers', () => {
  it('reads the story as 100 decimal TB: 93,132 GiB a month', () => {
    expect(scenario.terabytesPerMonth).toBe(100);
    expect(scenarioGib()).toBeCloseTo(93_132.26, 1);
    expect(scenarioGib()).toBe(gibFromTerabytes(100));
  });

  it('agree with the NAT calculator on the story page for the same inputs', () => {
    const shown = natResult(calculatorInput());
    expect(shown.cloudNat).toBe(formatUsd(gcpCloudNatCost()));
    expect(shown.selfManaged).toBe(formatUsd(gcpNatVmsCost()));
  });

  it('expect exactly those figures, and refuse 100 TiB read for 100 TB', async () => {
    const objective = (id: string) => {
      const found = lab.objectives.find((o) => o.id === id);
      if (!found?.answer) throw new Error(`no answer objective ${id}`);
      return found.answer;
    };
    const noCtx = {} as Parameters<ReturnType<typeof objective>['expected']>[0];
    const cloudNat = objective('cost-gcp-cloud-nat');
    expect(await cloudNat.expected(noCtx)).toBe(gcpCloudNatCost());
    expect(await objective('cost-gcp-nat-vms').expected(noCtx)).toBe(gcpNatVmsCost());
    // Reading 100 TB as 100 TiB overstates the processing line by 7.4%: outside the tolerance.
    const tibReading =
      gcpCloudNatCost() +
      (gibFromTerabytes((100 * TiB) / TB) - scenarioGib()) * prices.gcp.cloudNat.processingPerGib.usd;
    const relative = cloudNat.tolerance.relative ?? 0;
    expect(Math.abs(tibReading - gcpCloudNatCost()) / gcpCloudNatCost()).toBeGreaterThan(relative);
  });
});
