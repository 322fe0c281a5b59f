// The one reading of a learner's numeric answer and the one tolerance rule, used by `pnpm lab answer`,
// by lab checks and by their self-tests. Learners type what they see: "$4,644", "4.6k", "45%",
// "300ms", "1.2 s", "12 GiB". An answer in another unit of the same kind is converted to the unit the
// objective asks for; an answer of another kind is refused with a message naming the expected unit.

type Kind = 'time' | 'size' | 'money' | 'percent';

const UNITS: Record<string, { kind: Kind; factor: number; name: string }> = {};
function unit(kind: Kind, factor: number, name: string, ...spellings: string[]): void {
  for (const spelling of [name, ...spellings]) UNITS[spelling.toLowerCase()] = { kind, factor, name };
}
unit('time', 1e-3, 'ms', 'msec', 'millisecond', 'milliseconds');
unit('time', 1e-6, 'µs', 'us', 'microsecond', 'microseconds');
unit('time', 1, 's', 'sec', 'secs', 'second', 'seconds');
unit('time', 60, 'min', 'mins', 'minute', 'minutes');
unit('time', 3600, 'h', 'hr', 'hrs', 'hour', 'hours');
unit('size', 1, 'bytes', 'b', 'byte');
for (const [index, prefix] of ['K', 'M', 'G', 'T', 'P'].entries()) {
  unit('size', 1000 ** (index + 1), `${prefix}B`);
  unit('size', 1024 ** (index + 1), `${prefix}iB`);
}
unit('money', 1, '$', 'usd', 'dollars');
unit('percent', 1, '%', 'percent');

const KIND_NAMES: Record<Kind, string> = {
  time: 'a time',
  size: 'a size',
  money: 'an amount of money',
  percent: 'a percentage',
};
const MULTIPLIERS: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, m: 1e6, bn: 1e9 };

export class AnswerError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerError';
  }
}

function example(expected: string | undefined): string {
  const known = expected ? UNITS[expected.toLowerCase()] : undefined;
  if (!known) return expected ? `e.g. 4608 or 4.6k ${expected}` : 'e.g. 4608, 4,608.5 or 4.6k';
  return {
    time: `e.g. 350${known.name} (other time units work too: 0.35s, 350ms)`,
    size: `e.g. 12 ${known.name} (other sizes work too: bytes, KB, MiB, GB, TiB, ...)`,
    money: 'e.g. $4,644 or 4.6k',
    percent: 'e.g. 45%',
  }[known.kind];
}

/**
 * Reads a learner's answer as a number in `expectedUnit` (the objective's `unit`). Throws an
 * AnswerError that says what was expected when the text is not a number or has the wrong kind of unit.
 */
export function parseAnswer(text: string, expectedUnit?: string): number {
  const expected = expectedUnit ? UNITS[expectedUnit.toLowerCase()] : undefined;
  let rest = text.trim();
  let currency = false;
  if (rest.startsWith('$')) {
    currency = true;
    rest = rest.slice(1).trim();
  }
  const match = /^([-+]?(?:\d[\d,_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*(k|K|M|m|bn)?\s*([^\d\s].*)?$/.exec(
    rest,
  );
  const wanted = expectedUnit ? `${expectedUnit === '$' ? 'dollars' : expectedUnit}` : 'a number';
  if (!match) {
    throw new AnswerError(
      `could not read a number from "${text}"; this answer is in ${wanted}: ${example(expectedUnit)}`,
    );
  }
  const [, digits = '', multiplierText, unitText] = match;
  if (/,\d{1,2}(?!\d)|,\d{4}/.test(digits)) {
    throw new AnswerError(
      `"${text}" has a comma in an odd place; write thousands as 4,608 or 4608 (and decimals with a point)`,
    );
  }
  let value = Number(digits.replace(/[,_]/g, ''));
  let given = unitText?.trim();
  let multiplier = multiplierText;
  // "5m" for a time is five minutes, not five million.
  if (multiplier === 'm' && !given && expected?.kind === 'time') {
    multiplier = undefined;
    given = 'min';
  }
  // "12M" alone, or "12 MB": M is a multiplier only when no unit follows that it belongs to.
  if (multiplier && given && UNITS[`${multiplier}${given}`.toLowerCase()]) {
    given = `${multiplier}${given}`;
    multiplier = undefined;
  }
  if (multiplier) value *= MULTIPLIERS[multiplier] ?? 1;
  if (currency) {
    if (given && UNITS[given.toLowerCase()]?.kind !== 'money') {
      throw new AnswerError(`"${text}" mixes dollars with ${given}; give one unit`);
    }
    given = '$';
  }
  if (!given) return value;
  const found = UNITS[given.toLowerCase()];
  if (!expected) {
    if (expectedUnit && given.toLowerCase() === expectedUnit.toLowerCase()) return value;
    throw new AnswerError(
      expectedUnit
        ? `this answer is in ${expectedUnit}, not ${given}: ${example(expectedUnit)}`
        : `this answer is a plain number, without a unit ("${given}"): ${example(undefined)}`,
    );
  }
  if (!found)
    throw new AnswerError(
      `unknown unit "${given}"; this answer is in ${expected.name}: ${example(expectedUnit)}`,
    );
  if (found.kind !== expected.kind) {
    throw new AnswerError(
      `"${text}" is ${KIND_NAMES[found.kind]}, but this answer is ${KIND_NAMES[expected.kind]} in ${expected.name}: ${example(expectedUnit)}`,
    );
  }
  return (value * found.factor) / expected.factor;
}

/** An objective's tolerance: within `absolute` of the expected value, or within `relative` of it. */
export interface Tolerance {
  absolute?: number | undefined;
  relative?: number | undefined;
}

/** The pass/fail decision for a numeric answer. An absolute allowance is what makes an expected 0 checkable. */
export function withinTolerance(actual: number, expected: number, tolerance: Tolerance): boolean {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  const diff = Math.abs(actual - expected);
  if (tolerance.absolute !== undefined && diff <= tolerance.absolute) return true;
  if (tolerance.relative !== undefined && diff <= Math.abs(expected) * tolerance.relative) return true;
  return false;
}

/** What `keptWhenRight` needs of a check context: the learner's recorded answers and the instance's store. */
export interface AnswerContext {
  answer(objectiveId: string): string | undefined;
  store: { get<T = unknown>(key: string): T | undefined; set(key: string, value: unknown): void };
}

/**
 * The expected value of an answer objective measured from the running lab (`measured: true`). Once the
 * learner's answer was right, it stays right for that same answer while the instance runs: logs grow,
 * figures move after a fix, and what the learner measured may no longer be there to measure again.
 */
export async function keptWhenRight(
  ctx: AnswerContext,
  objectiveId: string,
  tolerance: Tolerance,
  compute: () => Promise<number>,
): Promise<number> {
  const given = ctx.answer(objectiveId);
  const key = `expected:${objectiveId}`;
  const kept = ctx.store.get<{ given: string; expected: number }>(key);
  if (kept && given !== undefined && kept.given === given) return kept.expected;
  const expected = await compute();
  if (given !== undefined && withinTolerance(Number(given), expected, tolerance)) {
    ctx.store.set(key, { given, expected });
  }
  return expected;
}

/** "4,644 $" style formatting of a value in a unit, for messages. */
export function formatAnswer(value: number, unitName?: string): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
  const text = rounded.toLocaleString('en-US');
  if (unitName === '$') return `$${text}`;
  if (unitName === '%') return `${text}%`;
  return unitName ? `${text} ${unitName}` : text;
}
