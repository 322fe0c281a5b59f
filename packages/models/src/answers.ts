// Labs ask for numbers ("what does this traffic cost per month?") and check the learner's answer
// against the same model the story page uses. Learners type "$4,608", "4608.00" or "4.6k".

import { requireNonNegative } from './validate.ts';

const suffixes: Record<string, number> = { k: 1e3, m: 1e6 };

/** Reads "$4,608", "4 608.50", "-12", "4.6k", "1.2M" or "45%" (as 45). Throws a RangeError otherwise. */
export function parseNumericAnswer(text: string): number {
  const cleaned = text
    .trim()
    .replace(/^\$|[\s,_$]/g, '')
    .replace(/%$/, '');
  const match = /^(-?(?:\d+\.?\d*|\.\d+))([kKmM]?)$/.exec(cleaned);
  if (!match) {
    throw new RangeError(`could not read a number from "${text}"; write it like 4608, 4,608.50 or 4.6k`);
  }
  const [, digits = '', suffix = ''] = match;
  return Number(digits) * (suffix ? (suffixes[suffix.toLowerCase()] ?? 1) : 1);
}

/**
 * True when `actual` is within `relative` (default 1%) of `expected`, or within `absolute` of it:
 * the absolute allowance is what makes an expected 0 checkable.
 */
export function isWithinTolerance(
  actual: number,
  expected: number,
  o?: { relative?: number; absolute?: number },
): boolean {
  const relative = requireNonNegative('relative', o?.relative ?? 0.01);
  const absolute = requireNonNegative('absolute', o?.absolute ?? 0);
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  return Math.abs(actual - expected) <= Math.max(absolute, relative * Math.abs(expected));
}
