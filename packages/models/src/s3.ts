// Story 2: 1.5 TB of tar.gz logs a day to S3, kept for a year (the story says ~700 TB a year with
// growth). Stories count decimal TB; S3 bills GiB-months, so every figure converts on the way in.

import { prices } from './prices.ts';
import { type AwsRegion, type S3StorageClass, s3StorageClasses } from './types.ts';
import { gibFromTerabytes } from './units.ts';
import { requireNonNegative } from './validate.ts';

export type { S3StorageClass } from './types.ts';

/**
 * USD per month to keep `terabytes` (decimal) in one class. STANDARD is billed by volume band
 * (first 50 TB, next 450 TB, over 500 TB, in AWS's binary TB), each band at its own price; the
 * colder classes have one price. Requests, retrievals and minimum-duration charges are not included.
 */
export function s3MonthlyStorageCost(o: {
  terabytes: number;
  storageClass: S3StorageClass;
  region?: AwsRegion;
}): number {
  const gib = gibFromTerabytes(requireNonNegative('terabytes', o.terabytes));
  const rates = prices.aws[o.region ?? 'us-east-1'];
  if (o.storageClass !== 'STANDARD') return gib * rates.s3GibMonth[o.storageClass].usd;
  let cost = 0;
  let bandStart = 0;
  for (const tier of rates.s3StandardTiers) {
    const inBand = Math.max(0, Math.min(gib, tier.upToGib) - bandStart);
    cost += inBand * tier.price.usd;
    bandStart = tier.upToGib;
  }
  return cost;
}

/** Decimal TB held once every day's backup is kept for `retentionDays`: the bucket stops growing there. */
export function backupSteadyStateTerabytes(o: { tbPerDay: number; retentionDays: number }): number {
  return requireNonNegative('tbPerDay', o.tbPerDay) * requireNonNegative('retentionDays', o.retentionDays);
}

/** The steady-state monthly storage bill in every class, hot to cold. */
export function backupStorageCostByClass(o: {
  tbPerDay: number;
  retentionDays: number;
  region?: AwsRegion;
}): Array<{ storageClass: S3StorageClass; monthlyUsd: number }> {
  const terabytes = backupSteadyStateTerabytes(o);
  return s3StorageClasses.map((storageClass) => ({
    storageClass,
    monthlyUsd: s3MonthlyStorageCost({ terabytes, storageClass, region: o.region }),
  }));
}
