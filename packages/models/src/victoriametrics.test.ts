import { describe, expect, it } from 'vitest';
import { storyFigures } from './stories.ts';
import { awsRegions } from './types.ts';
import {
  historyTransferCost,
  interRegionTransferUsdPerGib,
  ramBytesPerActiveSeries,
  remoteWriteGibPerMonth,
  samplesPerSecondPerCore,
  storedSeconds,
  vmClusterSizing,
  vmLevers,
  vmMonthlyCost,
  vmMonthlyCostByRegion,
  vmRegionComparison,
} from './victoriametrics.ts';
import { vmLabMeasurement } from './victoriametrics-guidance.ts';

// Story 8: 30M series a minute, read as 30M active series scraped every 60 s, 6 months kept.
const story = {
  activeSeries: storyFigures.metricsSeriesPerMinute.value,
  scrapeIntervalSeconds: 60,
  retentionMonths: storyFigures.metricsRetentionMonths.value,
};

describe('rules of thumb taken from the Grammarly cluster', () => {
  it('costs about 7.5 KiB of RAM per active series', () => {
    // 250 GiB × 2^30 / 35,000,000 series = 7,669.58 bytes
    expect(ramBytesPerActiveSeries()).toBeCloseTo(7669.5844571, 6);
  });

  it('ingests about 79k samples per second per core', () => {
    expect(samplesPerSecondPerCore()).toBeCloseTo(79_166.6667, 3); // 950,000 / 12
  });
});

describe('storedSeconds', () => {
  it('adds a month of partition to retentions over 30 days', () => {
    expect(storedSeconds(6)).toBe(18_396_000); // (6 + 1) × 2,628,000 s
  });

  it('adds a day to retentions of 30 days or less', () => {
    expect(storedSeconds(0.5)).toBe(1_400_400); // 1,314,000 s (15.2 days) + 86,400 s
  });
});

describe('vmClusterSizing', () => {
  it('sizes story 8 following the capacity-planning guidance', () => {
    const sizing = vmClusterSizing(story);
    expect(sizing.samplesPerSecond).toBe(500_000); // 30,000,000 series / 60 s
    // 1 byte × 500,000/s × 18,396,000 s = 9.198e12 bytes; × 1.2 index ÷ 0.8 free = 1.3797e13 bytes
    expect(sizing.diskGiB).toBeCloseTo(12_849.457562, 5); // 1.3797e13 / 2^30, about 12.5 TiB
    // 30M × 7,669.58 bytes = 214.29 GiB used (250 × 30/35); ÷ 0.5 for 50% spare RAM
    expect(sizing.ramGiB).toBeCloseTo(428.5714286, 6);
    // 500,000 / 79,166.67 = 6.32 cores used; ÷ 0.5 spare = 12.63, rounded up
    expect(sizing.vcpus).toBe(13);
    // RAM decides: ceil(428.57 GiB / 128 GiB per r6i.4xlarge) = 4 vmstorage nodes
    expect(sizing.nodes).toEqual({ vminsert: 2, vmselect: 2, vmstorage: 4 });
    expect(sizing.instanceTypes).toEqual({
      vminsert: 'c6i.xlarge',
      vmselect: 'm6i.xlarge',
      vmstorage: 'r6i.4xlarge',
    });
    expect(sizing.diskGiBPerStorageNode).toBeCloseTo(12_849.457562 / 4, 5);
  });

  it("matches VictoriaMetrics' own worked disk example: 5k samples/s, RF 2, a year, 397 GB before the index", () => {
    const sizing = vmClusterSizing({
      activeSeries: 5000,
      scrapeIntervalSeconds: 1,
      retentionMonths: 12,
      replicationFactor: 2,
    });
    // Theirs: 1 × 5,000 × 2 × 34,128,000 s × 1.25 / 2^30 = 397.3. Ours stores 13 × 730 h = 34,164,000 s.
    expect(sizing.diskGiB / 1.2).toBeCloseTo(397.7, 1);
  });

  it('multiplies disk, RAM and CPU by the replication factor and keeps 2N-1 storage nodes', () => {
    const sizing = vmClusterSizing({ ...story, replicationFactor: 2 });
    expect(sizing.diskGiB).toBeCloseTo(2 * 12_849.457562, 5);
    expect(sizing.ramGiB).toBeCloseTo(857.1428571, 6);
    expect(sizing.vcpus).toBe(26); // ceil(2 × 6.3158 / 0.5) = ceil(25.26)
    expect(sizing.nodes.vmstorage).toBe(7); // ceil(857.14 / 128)
    const tiny = vmClusterSizing({
      activeSeries: 1000,
      scrapeIntervalSeconds: 30,
      retentionMonths: 1,
      replicationFactor: 3,
    });
    expect(tiny.nodes.vmstorage).toBe(5); // 2 × 3 − 1, to keep 3 copies with 2 nodes down
  });

  it('keeps the HA minimum of two nodes per service for an empty workload', () => {
    const empty = vmClusterSizing({ activeSeries: 0, scrapeIntervalSeconds: 15, retentionMonths: 1 });
    expect(empty).toMatchObject({ samplesPerSecond: 0, diskGiB: 0, ramGiB: 0, vcpus: 0 });
    expect(empty.nodes).toEqual({ vminsert: 2, vmselect: 2, vmstorage: 2 });
  });

  it('runs on Graviton when asked, with the same shapes', () => {
    const sizing = vmClusterSizing({ ...story, architecture: 'arm64', vminsertNodes: 3 });
    expect(sizing.instanceTypes).toEqual({
      vminsert: 'c6g.xlarge',
      vmselect: 'm6g.xlarge',
      vmstorage: 'r6g.4xlarge',
    });
    expect(sizing.nodes).toEqual({ vminsert: 3, vmselect: 2, vmstorage: 4 });
  });

  it('rejects impossible inputs with the name of the input', () => {
    expect(() => vmClusterSizing({ ...story, activeSeries: -5 })).toThrow(
      /activeSeries must be a whole number/,
    );
    expect(() => vmClusterSizing({ ...story, scrapeIntervalSeconds: 0 })).toThrow(/scrapeIntervalSeconds/);
    expect(() => vmClusterSizing({ ...story, retentionMonths: 0 })).toThrow(/retentionMonths/);
    expect(() => vmClusterSizing({ ...story, replicationFactor: 1.5 })).toThrow(/replicationFactor/);
    expect(() => vmClusterSizing({ ...story, vmselectNodes: 0 })).toThrow(/vmselectNodes/);
  });
});

describe('vmMonthlyCostByRegion', () => {
  const sizing = vmClusterSizing(story);

  it('prices the story cluster in eu-west-1', () => {
    const cost = vmMonthlyCostByRegion(sizing, 'eu-west-1');
    // 4 × r6i.4xlarge (8 × $0.141) + 2 × c6i.xlarge (2 × $0.0912) + 2 × m6i.xlarge (2 × $0.107)
    // = 4.512 + 0.3648 + 0.428 = $5.3048 an hour × 730 h
    expect(cost.compute).toBeCloseTo(3872.504, 6);
    expect(cost.storage).toBeCloseTo(12_849.457562 * 0.088, 4); // $1,130.75 of gp3
    expect(cost.total).toBeCloseTo(cost.compute + cost.storage, 9);
  });

  it('prices the story cluster in ap-south-1: cheaper machines, dearer disks', () => {
    const cost = vmMonthlyCostByRegion(sizing, 'ap-south-1');
    // 4 × 8 × $0.13 + 2 × 2 × $0.085 + 2 × 2 × $0.101 = 4.16 + 0.34 + 0.404 = $4.904 an hour × 730 h
    expect(cost.compute).toBeCloseTo(3579.92, 6);
    expect(cost.storage).toBeCloseTo(12_849.457562 * 0.0912, 4); // $1,171.87: gp3 is $0.0912 here, $0.088 in Ireland
    const ireland = vmMonthlyCostByRegion(sizing, 'eu-west-1');
    expect(cost.storage).toBeGreaterThan(ireland.storage);
    // On Intel machines the move saves 5%: (5,003.26 − 4,751.79) / 5,003.26
    expect(1 - cost.total / ireland.total).toBeCloseTo(0.0503, 4);
  });

  it('finds the larger saving on Graviton, where Mumbai machines cost about 40% less', () => {
    const graviton = vmClusterSizing({ ...story, architecture: 'arm64' });
    const mumbai = vmMonthlyCostByRegion(graviton, 'ap-south-1');
    const ireland = vmMonthlyCostByRegion(graviton, 'eu-west-1');
    // 4 × 8 × $0.065 + 2 × 2 × $0.0426 + 2 × 2 × $0.0506 = $2.4528 an hour × 730 = $1,790.54
    expect(mumbai.compute).toBeCloseTo(1790.544, 6);
    // 4 × 8 × $0.1128 + 2 × 2 × $0.073 + 2 × 2 × $0.086 = $4.2456 an hour × 730 = $3,099.29
    expect(ireland.compute).toBeCloseTo(3099.288, 6);
    expect(1 - mumbai.total / ireland.total).toBeCloseTo(0.2997, 4); // (4,230.04 − 2,962.41) / 4,230.04
  });
});

describe('vmRegionComparison', () => {
  const sizing = vmClusterSizing(story);

  it('compares every region, cheapest first', () => {
    const costs = vmRegionComparison(sizing);
    expect(costs.map((c) => c.region).sort()).toEqual([...awsRegions].sort());
    const totals = costs.map((c) => c.total);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(costs.at(-1)?.region).toBe('ap-southeast-1');
  });

  it('compares only the regions asked for', () => {
    const costs = vmRegionComparison(sizing, ['eu-west-1', 'ap-south-1']);
    expect(costs.map((c) => c.region)).toEqual(['ap-south-1', 'eu-west-1']);
  });
});

describe('measured per-sample costs', () => {
  it('feeds the disk and RAM figures a lab measured instead of the published ones', () => {
    const measured = vmClusterSizing({ ...story, bytesPerSampleOnDisk: 0.75, ramBytesPerActiveSeries: 8500 });
    expect(measured.diskGiB).toBeCloseTo(12_849.457562 * 0.75, 4); // disk scales with bytes per sample
    // 30M × 8,500 bytes = 237.49 GiB used; ÷ 0.5 spare = 474.97 GiB; ceil(474.97 / 128) = 4 nodes
    expect(measured.ramGiB).toBeCloseTo((30_000_000 * 8500) / 2 ** 30 / 0.5, 6);
    expect(measured.nodes.vmstorage).toBe(4);
    expect(() => vmClusterSizing({ ...story, bytesPerSampleOnDisk: 0 })).toThrow(/bytesPerSampleOnDisk/);
    expect(() => vmClusterSizing({ ...story, ramBytesPerActiveSeries: Number.NaN })).toThrow(
      /ramBytesPerActiveSeries/,
    );
  });
});

describe('vmMonthlyCost: compute, storage and transfer as separate line items', () => {
  const sizing = vmClusterSizing(story);

  it("charges no transfer when the workloads run in the cluster's region", () => {
    const cost = vmMonthlyCost(sizing, { region: 'eu-west-1' });
    expect(cost.transfer).toBe(0);
    expect(cost).toEqual(vmMonthlyCostByRegion(sizing, 'eu-west-1'));
  });

  it("prices st1 disks at the region's st1 rate", () => {
    const cost = vmMonthlyCost(sizing, { region: 'eu-west-1', disk: 'st1' });
    expect(cost.storage).toBeCloseTo(12_849.457562 * 0.05, 4); // $642.47 instead of $1,130.75 on gp3
  });

  it('charges the samples vmagent sends across regions to the source region', () => {
    // 500,000 samples/s × 17.1 bytes × 2,628,000 s = 2.2469e13 bytes = 20,926 GiB a month
    expect(remoteWriteGibPerMonth(500_000, 17.1)).toBeCloseTo((500_000 * 17.1 * 2_628_000) / 2 ** 30, 6);
    const cost = vmMonthlyCost(sizing, { region: 'ap-south-1', workloadRegion: 'eu-west-1' });
    expect(vmLabMeasurement.remoteWriteBytesPerSample.value).toBe(17.1);
    expect(cost.transfer).toBeCloseTo(((500_000 * 17.1 * 2_628_000) / 2 ** 30) * 0.02, 6); // $418.52
    expect(cost.total).toBeCloseTo(cost.compute + cost.storage + cost.transfer, 9);
    const zstd = vmMonthlyCost(sizing, {
      region: 'ap-south-1',
      workloadRegion: 'eu-west-1',
      remoteWriteBytesPerSample: 4,
    });
    expect(zstd.transfer).toBeCloseTo((cost.transfer * 4) / 17.1, 6);
  });

  it('refuses a source region whose transfer rate was not read', () => {
    expect(interRegionTransferUsdPerGib('eu-west-1')).toBe(0.02);
    expect(() => vmMonthlyCost(sizing, { region: 'eu-west-1', workloadRegion: 'ap-south-1' })).toThrow(
      /no inter-region transfer price from ap-south-1/,
    );
  });
});

describe('historyTransferCost', () => {
  it("prices copying the story's 35 TB out of eu-west-1 once", () => {
    // 35 × 10^12 bytes = 32,596.46 GiB × $0.02
    expect(historyTransferCost(35, 'eu-west-1')).toBeCloseTo(651.9258, 4);
    expect(() => historyTransferCost(-1, 'eu-west-1')).toThrow(/storedTerabytes/);
  });
});

describe("vmLevers: which lever gives the story's cut", () => {
  const { baseline, levers } = vmLevers({ load: story, replicationFactor: 1 });
  const byChange = (text: string) => levers.find((l) => l.change.includes(text));

  it("starts from today's Intel, gp3 cluster in eu-west-1", () => {
    expect(baseline).toEqual(vmMonthlyCostByRegion(vmClusterSizing(story), 'eu-west-1'));
  });

  it('finds that moving the Intel cluster alone costs more once the samples cross regions', () => {
    const region = levers.find((l) => l.lever === 'region');
    // compute 3,579.92 + gp3 1,171.87 + transfer 418.52 = 5,170.31 against 5,003.26
    expect(region?.cost.total).toBeCloseTo(5170.31, 1);
    expect(region?.saving).toBeLessThan(0);
  });

  it('finds Graviton, st1 and replication each save on their own, and Graviton in Mumbai most of all', () => {
    expect(levers.find((l) => l.lever === 'instance family')?.savingShare).toBeCloseTo(0.1545, 3);
    expect(levers.find((l) => l.lever === 'disk type')?.savingShare).toBeCloseTo(0.0976, 3);
    const rf2 = levers.find((l) => l.lever === 'replication');
    expect(rf2?.change).toMatch(/replication factor 2 instead of 1/);
    expect(rf2?.saving).toBeLessThan(0); // from RF 1 the lever only adds cost
    expect(byChange('Graviton in ap-south-1')?.savingShare).toBeCloseTo(0.3243, 3);
    expect(byChange('Graviton and st1')?.savingShare).toBeCloseTo(0.4275, 3);
    const { levers: fromRf2 } = vmLevers({ load: story, replicationFactor: 2 });
    expect(fromRf2.find((l) => l.lever === 'replication')?.savingShare).toBeCloseTo(0.4185, 3);
  });
});
