import { describe, expect, it } from 'vitest';
import { isWithinTolerance, parseNumericAnswer } from './answers.ts';
import { gcpCloudNatMonthlyCost } from './nat.ts';
import { gibFromTib } from './units.ts';

describe('parseNumericAnswer', () => {
  it.each([
    ['$4,608', 4608],
    ['4608', 4608],
    ['  4 608.50 ', 4608.5],
    ['4.6k', 4600],
    ['1.2M', 1_200_000],
    ['-12', -12],
    ['-$12', -12],
    ['45%', 45],
    ['.5', 0.5],
  ])('reads %s as %d', (text, value) => {
    expect(parseNumericAnswer(text)).toBe(value);
  });

  it('tells the learner how to write a number it cannot read', () => {
    expect(() => parseNumericAnswer('about five grand')).toThrow(
      new RangeError('could not read a number from "about five grand"; write it like 4608, 4,608.50 or 4.6k'),
    );
    expect(() => parseNumericAnswer('')).toThrow(RangeError);
    expect(() => parseNumericAnswer('1.2.3')).toThrow(RangeError);
  });
});

describe('isWithinTolerance', () => {
  it('accepts answers within 1% by default', () => {
    expect(isWithinTolerance(4600, 4608)).toBe(true); // 0.17% off
    expect(isWithinTolerance(4500, 4608)).toBe(false); // 2.3% off
    expect(isWithinTolerance(4500, 4608, { relative: 0.05 })).toBe(true);
  });

  it('needs an absolute allowance to check an expected 0', () => {
    expect(isWithinTolerance(0.005, 0)).toBe(false);
    expect(isWithinTolerance(0.005, 0, { absolute: 0.01 })).toBe(true);
  });

  it('never accepts a non-number', () => {
    expect(isWithinTolerance(Number.NaN, 10, { relative: 1 })).toBe(false);
  });

  it("checks a learner's answer against the model a lab uses", () => {
    const expected = gcpCloudNatMonthlyCost({ gibPerMonth: gibFromTib(100), vms: 20 }).processing;
    expect(isWithinTolerance(parseNumericAnswer('$4.6k'), expected)).toBe(true);
    expect(isWithinTolerance(parseNumericAnswer('$4,191'), expected)).toBe(false); // 100 decimal TB, not TiB
  });
});
