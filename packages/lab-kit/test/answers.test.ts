import { beforeEach, describe, expect, it } from 'vitest';
import { formatAnswer, keptWhenRight, parseAnswer, withinTolerance } from '../src/answers.ts';

describe('parseAnswer', () => {
  it('reads what learners type', () => {
    expect(parseAnswer('4608')).toBe(4608);
    expect(parseAnswer('4,608.50')).toBe(4608.5);
    expect(parseAnswer('4.6k')).toBe(4600);
    expect(parseAnswer('1.2M')).toBe(1_200_000);
    expect(parseAnswer('-12')).toBe(-12);
    expect(parseAnswer('$4,644', '$')).toBe(4644);
    expect(parseAnswer('4.6k $', '$')).toBe(4600);
    expect(parseAnswer('$4.6k', '$')).toBe(4600);
    expect(parseAnswer('45%', '%')).toBe(45);
  });

  it('converts between units of one kind into the unit asked for', () => {
    expect(parseAnswer('300ms', 'ms')).toBe(300);
    expect(parseAnswer('1.2 s', 'ms')).toBeCloseTo(1200);
    expect(parseAnswer('0.5', 's')).toBe(0.5);
    expect(parseAnswer('5m', 's')).toBe(300);
    expect(parseAnswer('12 GiB', 'MiB')).toBe(12 * 1024);
    expect(parseAnswer('1 TB', 'GiB')).toBeCloseTo(931.32, 2);
    expect(parseAnswer('100 TB', 'TB')).toBe(100);
    expect(parseAnswer('2048', 'bytes')).toBe(2048);
    expect(parseAnswer('1.5 samples/s', 'samples/s')).toBe(1.5);
  });

  it('refuses another kind of unit, naming the one expected', () => {
    expect(() => parseAnswer('12 GiB', 'ms')).toThrow(
      /is a size, but this answer is a time in ms: e\.g\. 350ms/,
    );
    expect(() => parseAnswer('300ms', '$')).toThrow(/is a time, but this answer is an amount of money/);
    expect(() => parseAnswer('12 parsecs', 'ms')).toThrow(/unknown unit "parsecs"; this answer is in ms/);
    expect(() => parseAnswer('12 ms')).toThrow(/a plain number, without a unit/);
    expect(() => parseAnswer('12 ms', 'series')).toThrow(/this answer is in series, not ms/);
  });

  it('refuses what is not a number', () => {
    expect(() => parseAnswer('about twelve', 'ms')).toThrow(
      /could not read a number from "about twelve"; this answer is in ms/,
    );
    expect(() => parseAnswer('')).toThrow(/could not read a number/);
    expect(() => parseAnswer('4,60')).toThrow(/comma in an odd place/);
  });
});

describe('withinTolerance', () => {
  it('accepts answers within an absolute or relative tolerance', () => {
    expect(withinTolerance(4608, 4608, { absolute: 0 })).toBe(true);
    expect(withinTolerance(4600, 4608, { absolute: 10 })).toBe(true);
    expect(withinTolerance(4500, 4608, { absolute: 10 })).toBe(false);
    expect(withinTolerance(4500, 4608, { relative: 0.05 })).toBe(true);
    expect(withinTolerance(4300, 4608, { relative: 0.05 })).toBe(false);
  });

  it('never accepts a non-number', () => {
    expect(withinTolerance(Number.NaN, 3, { relative: 1 })).toBe(false);
    expect(withinTolerance(Number.POSITIVE_INFINITY, 3, { absolute: 1e9 })).toBe(false);
  });

  it('formats values for messages', () => {
    expect(formatAnswer(4644.2, '$')).toBe('$4,644');
    expect(formatAnswer(0.123456, 's')).toBe('0.123 s');
    expect(formatAnswer(45, '%')).toBe('45%');
  });
});

describe('keptWhenRight', () => {
  function context(answers: Record<string, string>) {
    const kept = new Map<string, unknown>();
    return {
      answer: (id: string) => answers[id],
      store: {
        get: <T>(key: string) => kept.get(key) as T | undefined,
        set: (key: string, value: unknown) => void kept.set(key, value),
      },
    };
  }
  let measured = 100;
  const expected = (ctx: ReturnType<typeof context>) =>
    keptWhenRight(ctx, 'p50', { relative: 0.1 }, async () => measured);
  beforeEach(() => {
    measured = 100;
  });

  it('keeps a right answer right after the measured figure moves, and only that answer', async () => {
    const ctx = context({ p50: '104' });
    expect(await expected(ctx)).toBe(100);
    measured = 300;
    expect(await expected(ctx)).toBe(100);
    const changed = context({ p50: '250' });
    changed.store.set('expected:p50', { given: '104', expected: 100 });
    expect(await expected(changed)).toBe(300);
  });

  it('keeps nothing for a wrong answer: the next try is measured again', async () => {
    const ctx = context({ p50: '150' });
    expect(await expected(ctx)).toBe(100);
    measured = 150;
    expect(await expected(ctx)).toBe(150);
  });
});
