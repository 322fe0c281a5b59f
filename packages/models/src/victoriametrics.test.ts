import { describe, expect, it } from 'vitest';
import { storyFigures } from './stories.ts';
import { awsRegions } from './types.ts';
import {
  ramBytesPerActiveSeries,
  samplesPerSecondPerCore,
  storedSeconds,
  vmClusterSizing,
  vmMonthlyCostByRegion,
  vmRegionComparison,
} from './victoriametrics.ts';

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
