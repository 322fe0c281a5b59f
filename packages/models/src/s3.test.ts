import { describe, expect, it } from 'vitest';
import { backupSteadyStateTerabytes, backupStorageCostByClass, s3MonthlyStorageCost } from './s3.ts';
import { storyFigures } from './stories.ts';

const gibPerTerabyte = 1e12 / 2 ** 30; // 931.3225746

describe('s3MonthlyStorageCost', () => {
  it('bills decimal terabytes as GiB-months in us-east-1 by default', () => {
    expect(s3MonthlyStorageCost({ terabytes: 1, storageClass: 'STANDARD' })).toBeCloseTo(
      gibPerTerabyte * 0.023,
      9,
    );
    expect(s3MonthlyStorageCost({ terabytes: 1, storageClass: 'STANDARD' })).toBeCloseTo(21.4204, 4);
  });

  it('uses the region asked for', () => {
    // Deep Archive is $0.002 per GiB-month in ap-south-1, twice us-east-1's $0.00099.
    expect(
      s3MonthlyStorageCost({ terabytes: 1, storageClass: 'DEEP_ARCHIVE', region: 'ap-south-1' }),
    ).toBeCloseTo(1.8626451, 6);
  });

  it("prices the story's ~700 TB a year: about $645 a month in Deep Archive against $15k in Standard", () => {
    const terabytes = storyFigures.backupTerabytesPerYear.value;
    // 700 × 931.32 GiB × $0.00099 = $645.40; × $0.023 = $14,994.29. facts.md's $700 and $16k count
    // 1,000 GB per TB; a bill counts 931.32 GiB.
    expect(s3MonthlyStorageCost({ terabytes, storageClass: 'DEEP_ARCHIVE' })).toBeCloseTo(645.4, 1);
    expect(s3MonthlyStorageCost({ terabytes, storageClass: 'STANDARD' })).toBeCloseTo(14_994.29, 1);
  });

  it('rejects a negative volume', () => {
    expect(() => s3MonthlyStorageCost({ terabytes: -1, storageClass: 'GLACIER' })).toThrow(/terabytes/);
  });
});

describe('backupSteadyStateTerabytes', () => {
  it('keeps a year of 1.5 TB days', () => {
    expect(backupSteadyStateTerabytes({ tbPerDay: 1.5, retentionDays: 365 })).toBe(547.5);
    expect(backupSteadyStateTerabytes({ tbPerDay: 0, retentionDays: 365 })).toBe(0);
  });

  it('rejects negative inputs', () => {
    expect(() => backupSteadyStateTerabytes({ tbPerDay: 1, retentionDays: -1 })).toThrow(/retentionDays/);
  });
});

describe('backupStorageCostByClass', () => {
  const byClass = backupStorageCostByClass({
    tbPerDay: storyFigures.backupTerabytesPerDay.value,
    retentionDays: storyFigures.backupRetentionDays.value,
  });

  it('lists every class from hot to cold, each cheaper than the last', () => {
    expect(byClass.map((c) => c.storageClass)).toEqual([
      'STANDARD',
      'STANDARD_IA',
      'GLACIER_IR',
      'GLACIER',
      'DEEP_ARCHIVE',
    ]);
    for (let i = 1; i < byClass.length; i += 1) {
      expect(byClass[i]?.monthlyUsd).toBeLessThan(byClass[i - 1]?.monthlyUsd ?? 0);
    }
  });

  it('prices the 547.5 TB steady state', () => {
    const gib = 547.5 * gibPerTerabyte; // 509,899.11 GiB
    expect(byClass[0]?.monthlyUsd).toBeCloseTo(gib * 0.023, 6); // $11,727.68
    expect(byClass[4]?.monthlyUsd).toBeCloseTo(504.8001, 4); // × $0.00099
  });
});
