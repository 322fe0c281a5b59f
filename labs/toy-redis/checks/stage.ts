import type { StageContext } from './harness.ts';

/** Stable ids, in the order the stages build on each other. */
export const STAGE_IDS = [
  'bind',
  'ping',
  'ping-inline',
  'multiple-commands',
  'concurrent-clients',
  'echo',
  'set-get',
  'del-exists',
  'incr-decr',
  'expiry',
  'transactions',
  'select',
  'compact',
  'pipelining',
  'persistence',
] as const;

export type StageId = (typeof STAGE_IDS)[number];

export interface Stage {
  id: StageId;
  title: string;
  /** The whole stage, program start included. */
  timeoutMs: number;
  /** Markdown, for the README: exactly what the tester sends and what it expects. */
  spec: string;
  /** Progressive hints, from gentle to specific. */
  hints: [string, string, ...string[]];
  run(t: StageContext): Promise<void>;
}
