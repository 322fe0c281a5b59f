// Checks of replies that depend on time (TTL, PTTL), bounded by what the tester's own clock saw: the
// server handled the SET and the TTL somewhere between when the tester sent each and when it had the
// reply. On an idle machine the bounds are tight; on a busy one they widen by exactly the wait.
import type { CallOptions } from '../harness.ts';
import { PTTL_TOLERANCE_MS, TTL_TOLERANCE_S } from './replies.ts';

/** Servers count whole milliseconds; the tester's clock is finer. */
export const CLOCK_MARGIN_MS = 5;

/**
 * What TTL may reply, TTL_TOLERANCE_S aside, for a key set with EX `seconds` by a command sent at
 * `setSentAt`: at most `seconds`, at least what is left after all the time the tester has seen pass.
 */
export function ttlWindow(setSentAt: number, seconds: number): CallOptions['within'] {
  return ({ repliedAt }) => {
    const elapsed = Math.ceil(repliedAt - setSentAt) + CLOCK_MARGIN_MS;
    return {
      min: BigInt(Math.floor((seconds * 1000 - elapsed) / 1000) - TTL_TOLERANCE_S),
      max: BigInt(seconds + TTL_TOLERANCE_S),
      why: `the key was set with EX ${seconds} ${Math.round(elapsed)} ms before this reply at most, so`,
    };
  };
}

/**
 * What PTTL may reply, PTTL_TOLERANCE_MS aside, for a key set with PX `ms` by a command sent at
 * `setSentAt` and answered at `setRepliedAt`: the server handled the SET and the PTTL somewhere in
 * those windows, so the time left lies between these bounds on any machine, busy or not.
 */
export function pttlWindow(setSentAt: number, setRepliedAt: number, ms: number): CallOptions['within'] {
  return ({ sentAt, repliedAt }) => {
    const most = Math.ceil(repliedAt - setSentAt) + CLOCK_MARGIN_MS;
    const least = Math.max(0, Math.floor(sentAt - setRepliedAt) - CLOCK_MARGIN_MS);
    return {
      min: BigInt(ms - most - PTTL_TOLERANCE_MS),
      max: BigInt(ms - least + PTTL_TOLERANCE_MS),
      why: `the key was set with PX ${ms} between ${least} and ${most} ms before this reply, so`,
    };
  };
}
