import { describe, expect, it } from 'vitest';
import { gp2BaselineIops, gp2Figures, gp2Step } from './gp2.ts';

describe('gp2 burst credits', () => {
  it('earns 3 IOPS per GiB, never under 100', () => {
    expect(gp2BaselineIops(560)).toBe(1680);
    expect(gp2BaselineIops(20)).toBe(100);
    expect(() => gp2BaselineIops(0)).toThrow(/sizeGib/);
  });

  it('sustains the burst rate for 30 minutes from a full bucket on a volume with a tiny baseline', () => {
    // 5.4 M credits / (3,000 − 100) a second ≈ 31 minutes
    let credits: number = gp2Figures.bucketCredits.value;
    let seconds = 0;
    while (gp2Step(20, credits, 3000).served === 3000) {
      credits = gp2Step(20, credits, 3000).credits;
      seconds++;
    }
    expect(seconds).toBe(Math.floor(5_400_000 / 2900));
  });

  it('falls back to the baseline when the bucket is empty, and refills below it', () => {
    expect(gp2Step(560, 0, 5000)).toEqual({ served: 1680, credits: 0, ceiling: 1680 });
    expect(gp2Step(560, 0, 680).credits).toBe(1000);
    expect(gp2Step(560, gp2Figures.bucketCredits.value, 0).credits).toBe(gp2Figures.bucketCredits.value);
  });
});
