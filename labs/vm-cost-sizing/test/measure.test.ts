// The ingestion rate is read from the raw samples of region-a's own row counter, which climbs in
// steps (vmagent writes a whole scrape at once every 10 s).
import { describe, expect, it } from 'vitest';
import { counterRate, RATE_SPAN_S } from '../checks/measure.ts';

/** Self-scrapes every 10 s of a counter that vmagent's scrapes raise by `step` every 10 s. */
function steps(count: number, step: number, first = 0): { timestamps: number[]; values: number[] } {
  const timestamps = Array.from({ length: count }, (_, i) => 1_000_000 + i * 10_000);
  const values = timestamps.map((_, i) => first + i * step);
  return { timestamps, values };
}

describe('counterRate', () => {
  it('reads 2,000/s from 20,000 rows every 10 s', () => {
    const { timestamps, values } = steps(13, 20_000);
    expect(counterRate(timestamps, values)).toEqual({ perSecond: 2000, spanS: 120 });
  });

  it('does not count the value the counter had before the window', () => {
    const { timestamps, values } = steps(13, 20_000, 5_000_000);
    expect(counterRate(timestamps, values).perSecond).toBe(2000);
  });

  it('counts a drop as a restart from zero', () => {
    const timestamps = [0, 10_000, 20_000, 30_000];
    expect(counterRate(timestamps, [100_000, 120_000, 15_000, 35_000]).perSecond).toBe(55_000 / 30);
  });

  it('has no rate from one sample or none', () => {
    expect(counterRate([5_000], [42])).toEqual({ perSecond: 0, spanS: 0 });
    expect(counterRate([], [])).toEqual({ perSecond: 0, spanS: 0 });
  });

  it('needs enough span that one scrape more or less stays well inside the 25% tolerance', () => {
    // the worst case: the window catches one of vmagent's writes more (or fewer) than it spans
    const { timestamps, values } = steps(RATE_SPAN_S / 10 + 1, 20_000);
    values[values.length - 1] = (values.at(-1) as number) + 20_000;
    const { perSecond } = counterRate(timestamps, values);
    expect(Math.abs(perSecond - 2000) / 2000).toBeLessThan(0.1);
  });
});
