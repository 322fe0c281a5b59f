import { describe, expect, it } from 'vitest';
import {
  GiB,
  gibFromBytes,
  gibFromTerabytes,
  gibFromTib,
  HOURS_PER_MONTH,
  SECONDS_PER_MONTH,
  TB,
  TiB,
} from './units.ts';

describe('units', () => {
  it('counts binary GiB and TiB in bytes', () => {
    expect(GiB).toBe(1_073_741_824); // 2^30
    expect(TiB).toBe(1_099_511_627_776); // 2^40
  });

  it('uses the 730-hour billing month', () => {
    expect(HOURS_PER_MONTH).toBe(8760 / 12);
    expect(SECONDS_PER_MONTH).toBe(2_628_000); // 730 h × 3,600 s
  });

  it('converts TiB to GiB', () => {
    expect(gibFromTib(100)).toBe(102_400); // 100 × 1,024
    expect(gibFromTib(0)).toBe(0);
  });

  it('converts the decimal TB stories quote into the GiB bills count', () => {
    // 10^12 / 2^30 = 931.32257... GiB: a "TB" is 7% smaller than a TiB.
    expect(gibFromTerabytes(1)).toBeCloseTo(931.3225746, 6);
    expect(gibFromBytes(TB)).toBeCloseTo(931.3225746, 6);
  });

  it('rejects negative and non-finite amounts with the name of the input', () => {
    expect(() => gibFromTib(-1)).toThrow(new RangeError('tib must be a finite number of at least 0, got -1'));
    expect(() => gibFromTerabytes(Number.NaN)).toThrow(RangeError);
    expect(() => gibFromBytes(Number.POSITIVE_INFINITY)).toThrow(/bytes/);
  });
});
