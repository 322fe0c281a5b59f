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

  it("prices the story's ~700 TB a year: about $645 a month in Deep Archive against $13.9k in Standard", () => {
    const terabytes = storyFigures.backupTerabytesPerYear.value;
    // 700 TB = 651,925.80 GiB. Deep Archive: × $0.00099 = $645.41. Standard by band:
    // 51,200 × $0.023 + 460,800 × $0.022 + 139,925.80 × $0.021 = 1,177.60 + 10,137.60 + 2,938.44 = $14,253.64.
    // facts.md's $700 and $16k count 1,000 GB per TB and one price for every band.
    expect(s3MonthlyStorageCost({ terabytes, storageClass: 'DEEP_ARCHIVE' })).toBeCloseTo(645.41, 2);
    expect(s3MonthlyStorageCost({ terabytes, storageClass: 'STANDARD' })).toBeCloseTo(14_253.64, 1);
  });

  it('bills S3 Standard band by band: 50 TB at the first price, the next 450 TB cheaper, the rest cheaper still', () => {
    const tib = 1024 / gibPerTerabyte; // one binary TB in decimal TB: 1.0995
    expect(s3MonthlyStorageCost({ terabytes: 50 * tib, storageClass: 'STANDARD' })).toBeCloseTo(1_177.6, 6);
    expect(s3MonthlyStorageCost({ terabytes: 500 * tib, storageClass: 'STANDARD' })).toBeCloseTo(
      1_177.6 + 460_800 * 0.022,
      6,
    );
    expect(s3MonthlyStorageCost({ terabytes: 600 * tib, storageClass: 'STANDARD' })).toBeCloseTo(
      1_177.6 + 10_137.6 + 102_400 * 0.021,
      6,
    );
    // eu-central-1's bands: $0.0245, $0.0235, $0.0225.
    expect(
      s3MonthlyStorageCost({ terabytes: 100 * tib, storageClass: 'STANDARD', region: 'eu-central-1' }),
    ).toBeCloseTo(51_200 * 0.0245 + 51_200 * 0.0235, 6);
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

  it('prices the 547.5 TB steady state with S3 Standard tiered', () => {
    const gib = 547.5 * gibPerTerabyte; // 509,899.11 GiB: inside the second band (51,200 to 512,000)
    expect(byClass[0]?.monthlyUsd).toBeCloseTo(51_200 * 0.023 + (gib - 51_200) * 0.022, 6); // $11,268.98
    expect(byClass[0]?.monthlyUsd).toBeCloseTo(11_268.98, 2);
    expect(byClass[4]?.monthlyUsd).toBeCloseTo(504.8001, 4); // × $0.00099
  });
});
