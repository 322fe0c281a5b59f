// The harness every lab's self-tests use: an isolated instance of the lab (its own instance name,
// address block, state folder and workspace), so self-tests run while a learner's instance of the same
// lab is up, and never touch it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCheckContext,
  type ObjectiveResult,
  type OwnedCheckContext,
  type RunChecksOptions,
  recordAnswer,
  runChecks,
} from './checks.ts';
import { connectDocker, findResources } from './docker.ts';
import { down, findInstance, type RunningLab } from './environment.ts';
import { errorMessage } from './errors.ts';
import type { CheckContext } from './manifest.ts';
import { importLabDir, type LabEntry } from './registry.ts';
import type { Reporter } from './reporter.ts';
import { startSession } from './session.ts';

export interface LabHarness {
  /** The lab as loaded from its directory. */
  readonly entry: LabEntry;
  /** This harness's instance name (unique per harness). */
  readonly instance: string;
  /** The running instance (after up). */
  readonly running: RunningLab;
  /** A check context of the running instance (exec, address, endpoint, stop/start, ...). */
  readonly ctx: OwnedCheckContext;
  /** Starts the isolated instance (preflight first, like `pnpm lab up`). */
  up(): Promise<RunningLab>;
  /** Runs every objective (or one), recording progress in the harness's own state folder. */
  check(only?: string, options?: Omit<RunChecksOptions, 'only'>): Promise<ObjectiveResult[]>;
  /** Fails unless the objective's check fails, with a reason matching `reason` when given. Returns the result. */
  expectFail(objective: string, reason?: RegExp | string): Promise<ObjectiveResult>;
  /** Fails unless the objective (or, without one, every objective) passes. */
  expectPass(objective?: string): Promise<ObjectiveResult[]>;
  /** Applies the lab's reference solution. */
  solve(): Promise<void>;
  /** Records an answer as `pnpm lab answer` does. */
  answer(objective: string, value: string): Promise<boolean>;
  /** Removes the instance. */
  down(): Promise<void>;
  /** Fails unless nothing with the instance's labels is left (containers, networks, volumes). */
  expectNothingLeft(): Promise<void>;
}

export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

function describe(result: ObjectiveResult | undefined): string {
  if (!result) return 'it did not run';
  return `${result.status}${result.reason ? `: ${result.reason}` : ''}`;
}

export interface HarnessOptions {
  /** A fixed instance name (default: a unique "selftest-..." name). */
  instance?: string;
  /** See what `up` does (default: nothing). */
  reporter?: Reporter;
  /** The starter the instance's workspace is made from (`--starter`); default the lab's first. */
  starter?: string;
}

/**
 * A harness for one isolated instance of the lab in `labDir` (a path or file URL of the lab's folder).
 * It gives the process its own XDG_STATE_HOME and STORYLABS_WORKSPACES (temporary folders) unless the
 * test set them, so progress and workspaces never mix with a learner's.
 */
export function labHarness(labDir: string | URL, options: HarnessOptions = {}): LabHarness {
  const dir = typeof labDir === 'string' ? labDir : fileURLToPath(labDir);
  const instance = options.instance ?? `selftest-${process.pid % 100000}-${randomBytes(2).toString('hex')}`;
  process.env.XDG_STATE_HOME ??= mkdtempSync(path.join(os.tmpdir(), 'storylabs-selftest-state-'));
  process.env.STORYLABS_WORKSPACES ??= mkdtempSync(path.join(os.tmpdir(), 'storylabs-selftest-ws-'));
  let entry: LabEntry | undefined;
  let running: RunningLab | undefined;
  let ctx: OwnedCheckContext | undefined;
  const load = async () => {
    entry ??= await importLabDir(dir);
    return entry;
  };
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new HarnessError(`${what}: call up() first`);
    return value;
  };
  const refresh = async () => {
    const lab = await load();
    running = (await findInstance(lab, instance)) ?? running;
    const docker = await connectDocker();
    if (running) ctx = createCheckContext(lab, running, docker);
    return need(running, 'refresh');
  };
  const harness: LabHarness = {
    get entry() {
      return need(entry, 'entry');
    },
    instance,
    get running() {
      return need(running, 'running');
    },
    get ctx() {
      return need(ctx, 'ctx');
    },
    async up() {
      const lab = await load();
      const session = await startSession(lab, {
        instance,
        detach: true,
        ...(options.reporter ? { reporter: options.reporter } : {}),
        ...(options.starter ? { starter: options.starter } : {}),
      });
      running = session.running;
      return refresh();
    },
    async check(only, checkOptions = {}) {
      const lab = await load();
      const current = await refresh();
      return runChecks(lab, current, { ...checkOptions, ...(only ? { only } : {}) });
    },
    async expectFail(objective, reason) {
      const results = await harness.check(objective);
      const result = results.find((r) => r.id === objective);
      if (result?.status !== 'fail' && result?.status !== 'needs-answer') {
        throw new HarnessError(`expected objective '${objective}' to fail, but ${describe(result)}`);
      }
      if (reason !== undefined) {
        const matches =
          typeof reason === 'string'
            ? (result.reason ?? '').includes(reason)
            : reason.test(result.reason ?? '');
        if (!matches)
          throw new HarnessError(
            `objective '${objective}' failed for another reason than ${String(reason)}: ${result.reason}`,
          );
      }
      return result;
    },
    async expectPass(objective) {
      const results = await harness.check(objective);
      const wanted = objective ? results.filter((r) => r.id === objective) : results;
      const failing = wanted.filter((r) => r.status !== 'pass');
      if (wanted.length === 0 || failing.length > 0) {
        throw new HarnessError(
          `expected ${objective ? `objective '${objective}'` : 'every objective'} to pass, but:\n${(failing.length ? failing : wanted).map((r) => `  ${r.id}: ${describe(r)}`).join('\n') || '  nothing ran'}`,
        );
      }
      return wanted;
    },
    async solve() {
      const lab = await load();
      await refresh();
      try {
        await lab.lab.solution.apply(need(ctx, 'solve'));
      } catch (error) {
        throw new HarnessError(`the reference solution failed to apply: ${errorMessage(error)}`);
      }
    },
    async answer(objective, value) {
      const lab = await load();
      const result = await recordAnswer(lab, await refresh(), objective, value);
      return result.correct;
    },
    async down() {
      const lab = await load();
      await down(lab.id, { instance });
      running = undefined;
      ctx = undefined;
    },
    async expectNothingLeft() {
      const lab = await load();
      const found = await findResources(await connectDocker(), lab.id, instance);
      const left = [
        ...found.containers.map((c) => `container ${c.name}`),
        ...found.networks.map((n) => `network ${n.name}`),
        ...found.volumes.map((v) => `volume ${v.name}`),
      ];
      if (left.length > 0)
        throw new HarnessError(`instance '${instance}' of lab '${lab.id}' left behind: ${left.join(', ')}`);
    },
  };
  return harness;
}

/**
 * A CheckContext for unit tests of check code that needs no running lab: every method that would reach
 * Docker throws "not available", unless the test gives its own.
 */
export function fakeCheckContext(overrides: Partial<CheckContext> = {}): CheckContext {
  const unavailable = (what: string) => () => {
    throw new HarnessError(`${what} is not available in a fake check context`);
  };
  return {
    labId: 'fake',
    instance: 'default',
    instanceId: 'default',
    endpoint: unavailable('endpoint'),
    exec: () => Promise.reject(new HarnessError('exec is not available in a fake check context')),
    address: unavailable('address'),
    subnet: unavailable('subnet'),
    gateway: unavailable('gateway'),
    stop: () => Promise.reject(new HarnessError('stop is not available in a fake check context')),
    start: () => Promise.reject(new HarnessError('start is not available in a fake check context')),
    restart: () => Promise.reject(new HarnessError('restart is not available in a fake check context')),
    store: { get: () => undefined, set: () => undefined },
    workspace: undefined,
    answer: () => undefined,
    signal: new AbortController().signal,
    debug: () => undefined,
    ...overrides,
  };
}
