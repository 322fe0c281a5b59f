import { describe, expect, it } from 'vitest';
import { linearScale, linePath, niceStep, niceTicks } from '~/lib/chart.ts';

describe('niceTicks', () => {
  it('ends on the first nice tick at or above the maximum', () => {
    expect(niceTicks(9_500, 5)).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000]);
    expect(niceTicks(200, 4)).toEqual([0, 50, 100, 150, 200]);
  });

  it('uses steps of 1, 2 or 5 times a power of ten', () => {
    for (const max of [0.7, 3, 42, 999, 12_345, 4_608, 600_000]) {
      const step = niceStep(max, 5);
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5, 10]).toContain(Math.round(mantissa * 1e9) / 1e9);
      const ticks = niceTicks(max, 5);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(12);
    }
  });

  it('gives labels without floating-point noise', () => {
    expect(niceTicks(0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('still gives an axis for an all-zero series', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('linearScale', () => {
  it('maps the domain onto the range, including an inverted range for y', () => {
    const y = linearScale([0, 100], [300, 40]);
    expect(y(0)).toBe(300);
    expect(y(100)).toBe(40);
    expect(y(50)).toBe(170);
  });
});

describe('linePath', () => {
  it('moves to the first point and draws to the rest, rounded to hundredths', () => {
    expect(
      linePath([
        [0, 0],
        [10.004, 5.5],
        [20, 1 / 3],
      ]),
    ).toBe('M0 0 L10 5.5 L20 0.33');
  });
});
