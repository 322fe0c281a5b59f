// EBS gp2 burst credits (story 5): a gp2 volume earns I/O credits at its baseline rate, 3 IOPS per
// GiB (at least 100), and spends them to burst up to 3,000 IOPS; its bucket holds 5.4 million credits,
// enough for 30 minutes at the ceiling from a standing start. CloudWatch reports the balance as
// BurstBalance, a percentage of the bucket.

import type { Figure, Source } from './types.ts';
import { requirePositive } from './validate.ts';

const burstBalanceArticle: Source = {
  title:
    'AWS re:Post Knowledge Center: low burst balance on an RDS for PostgreSQL DB instance (gp2 I/O credits)',
  url: 'https://repost.aws/knowledge-center/rds-low-burst-balance',
  retrieved: '2026-12-02',
};

export const gp2Figures = {
  baselineIopsPerGib: { value: 3, unit: 'IOPS of baseline per provisioned GiB', source: burstBalanceArticle },
  minimumBaselineIops: { value: 100, unit: 'IOPS, the smallest baseline', source: burstBalanceArticle },
  burstIops: { value: 3000, unit: 'IOPS while credits last', source: burstBalanceArticle },
  bucketCredits: { value: 5_400_000, unit: 'I/O credits a full bucket holds', source: burstBalanceArticle },
} as const satisfies Record<string, Figure>;

/** Baseline IOPS of a gp2 volume of `sizeGib`. */
export function gp2BaselineIops(sizeGib: number): number {
  return Math.max(
    gp2Figures.minimumBaselineIops.value,
    requirePositive('sizeGib', sizeGib) * gp2Figures.baselineIopsPerGib.value,
  );
}

export interface Gp2Second {
  /** I/O operations served this second. */
  served: number;
  /** Credits left after this second, 0 to the bucket size. */
  credits: number;
  /** The ceiling this second: the burst rate while credits last, else the baseline. */
  ceiling: number;
}

/**
 * One second of a gp2 volume asked for `demandIops`, starting with `credits`: it serves up to the burst
 * rate while credits last (and earns its baseline meanwhile), up to the baseline once they are gone.
 */
export function gp2Step(sizeGib: number, credits: number, demandIops: number): Gp2Second {
  const baseline = gp2BaselineIops(sizeGib);
  const bucket = gp2Figures.bucketCredits.value;
  const burstable = Math.min(gp2Figures.burstIops.value, baseline + credits);
  const ceiling = baseline >= gp2Figures.burstIops.value ? baseline : Math.max(baseline, burstable);
  const served = Math.min(demandIops, ceiling);
  const left = Math.min(bucket, Math.max(0, credits + baseline - served));
  return { served, credits: left, ceiling };
}
