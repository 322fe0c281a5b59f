// runChecks without Docker: a fake engine is injected and the checks observe nothing but their inputs.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type CheckEvent, recordAnswer, revealHint, runChecks } from '../src/checks.ts';
import type { Docker } from '../src/docker.ts';
import type { RunningLab } from '../src/environment.ts';
import { defineLab, type LabInput } from '../src/manifest.ts';
import type { LabEntry } from '../src/registry.ts';
import { loadProgress } from '../src/state.ts';

const docker = {} as Docker;

function entry(overrides: Partial<LabInput>): LabEntry {
  const lab = defineLab({
    id: 'fake-lab',
    title: 'Fake',
    story: 'stories/x',
    summary: 's',
    difficulty: 'beginner',
    minutes: 1,
    briefing: 'b',
    services: { web: { build: '.' } },
    objectives: [{ id: 'one', title: 'One', check: async () => ({ ok: true }), hints: ['h'] }],
    solution: { walkthrough: 'w', apply: async () => {} },
    ...overrides,
  });
  return { id: lab.id, dir: '/nowhere', lab };
}

function running(instance = 'default'): RunningLab {
  return {
    labId: 'fake-lab',
    instance,
    instanceId: instance,
    slot: 0,
    layout: { slot: 0, subnets: {}, gateways: {}, addresses: {} },
    services: {},
    complete: true,
  };
}

const pass = async () => ({ ok: true as const });
const fail = (reason: string) => async () => ({ ok: false as const, reason });

beforeEach(() => {
  process.env.XDG_STATE_HOME = mkdtempSync(path.join(os.tmpdir(), 'storylabs-runchecks-'));
});

describe('runChecks', () => {
  it('stops an ordered lab at the first failure, marks the rest not run, and reveals one hint', async () => {
    const lab = entry({
      ordered: true,
      objectives: [
        { id: 'a', title: 'A', check: pass, hints: ['a1'] },
        { id: 'b', title: 'B', check: fail('b is broken'), hints: ['b1', 'b2'] },
        { id: 'c', title: 'C', check: pass, hints: ['c1'] },
      ],
    });
    const results = await runChecks(lab, running(), { docker });
    expect(results.map((r) => [r.id, r.status, r.reason])).toEqual([
      ['a', 'pass', undefined],
      ['b', 'fail', 'b is broken'],
      ['c', 'not-run', "pass 'b' first"],
    ]);
    expect(results[1]?.hint).toEqual({ number: 1, of: 2, text: 'b1' });
    const again = await runChecks(lab, running(), { docker });
    expect(again[1]?.hint).toEqual({ number: 2, of: 2, text: 'b2' });
    expect(loadProgress('fake-lab').passed).toEqual(['a']);
  });

  it('runs every objective of an unordered lab, and one with `only`', async () => {
    const lab = entry({
      objectives: [
        { id: 'a', title: 'A', check: fail('no'), hints: ['a1'] },
        { id: 'b', title: 'B', check: pass, hints: ['b1'] },
      ],
    });
    expect((await runChecks(lab, running(), { docker })).map((r) => r.status)).toEqual(['fail', 'pass']);
    expect((await runChecks(lab, running(), { docker, only: 'b' })).map((r) => r.id)).toEqual(['b']);
    await expect(runChecks(lab, running(), { docker, only: 'zzz' })).rejects.toThrow(
      "has no objective 'zzz'",
    );
  });

  it('fails a check that outlives its time limit, and aborts its signal', async () => {
    let aborted = false;
    const lab = entry({
      objectives: [
        {
          id: 'slow',
          title: 'Slow',
          timeoutMs: 200,
          check: (ctx) =>
            new Promise((resolve) => {
              ctx.signal.addEventListener('abort', () => {
                aborted = true;
                resolve({ ok: true });
              });
            }),
          hints: ['h'],
        },
      ],
    });
    const [result] = await runChecks(lab, running(), { docker });
    expect(result?.status).toBe('fail');
    expect(result?.reason).toContain('did not finish within 0.2 s');
    expect(aborted).toBe(true);
  });

  it('turns a check that throws into a failure that says so', async () => {
    const lab = entry({
      objectives: [
        { id: 'boom', title: 'Boom', check: () => Promise.reject(new Error('kaboom')), hints: ['h'] },
      ],
    });
    const [result] = await runChecks(lab, running(), { docker });
    expect(result?.reason).toBe('the check could not complete: kaboom');
  });

  it('emits started and finished events per objective, then one at the end', async () => {
    const lab = entry({
      objectives: [
        { id: 'a', title: 'A', check: pass, hints: ['a1'] },
        { id: 'b', title: 'B', check: fail('nope'), hints: ['b1'] },
      ],
    });
    const events: CheckEvent[] = [];
    await runChecks(lab, running('ada'), { docker, onEvent: (e) => events.push(e) });
    expect(
      events.map((e) =>
        e.type === 'objective-started'
          ? `start ${e.objective}`
          : e.type === 'objective-finished'
            ? `${e.result.status} ${e.result.id}`
            : `end ${e.results.length}/${e.total}`,
      ),
    ).toEqual(['start a', 'pass a', 'start b', 'fail b', 'end 2/2']);
    expect(events.every((e) => e.instance === 'ada')).toBe(true);
  });

  it('keeps instances’ progress apart', async () => {
    const lab = entry({});
    await runChecks(lab, running('ada'), { docker });
    expect(loadProgress('fake-lab', 'ada').passed).toEqual(['one']);
    expect(loadProgress('fake-lab', 'grace').passed).toEqual([]);
  });
});

describe('answers and hints', () => {
  const lab = entry({
    objectives: [
      {
        id: 'latency',
        title: 'p90',
        answer: { prompt: 'p90 in ms', unit: 'ms', tolerance: { relative: 0.1 }, expected: () => 800 },
        hints: ['look at the log', 'sort -n'],
      },
    ],
  });

  it('reads an answer in another unit of the same kind, and refuses another kind', async () => {
    expect((await recordAnswer(lab, running(), 'latency', '0.78 s', undefined, docker)).correct).toBe(true);
    expect((await recordAnswer(lab, running(), 'latency', '500ms', undefined, docker)).correct).toBe(false);
    await expect(recordAnswer(lab, running(), 'latency', '12 GiB', undefined, docker)).rejects.toThrow(
      /is a size, but this answer is a time in ms/,
    );
  });

  it('keeps a right measured answer right after the figure moves; a computed one follows its figure', async () => {
    let figure = 800;
    const moving = entry({
      objectives: [
        {
          id: 'measured-p90',
          title: 'p90, measured',
          answer: {
            prompt: 'p90',
            unit: 'ms',
            tolerance: { relative: 0.1 },
            expected: () => figure,
            measured: true,
          },
          hints: ['h'],
        },
        {
          id: 'computed-p90',
          title: 'p90, computed',
          answer: { prompt: 'p90', unit: 'ms', tolerance: { relative: 0.1 }, expected: () => figure },
          hints: ['h'],
        },
      ],
    });
    expect((await recordAnswer(moving, running(), 'measured-p90', '790', undefined, docker)).correct).toBe(
      true,
    );
    expect((await recordAnswer(moving, running(), 'computed-p90', '790', undefined, docker)).correct).toBe(
      true,
    );
    figure = 2000;
    const results = await runChecks(moving, running(), { docker });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['measured-p90', 'pass'],
      ['computed-p90', 'fail'],
    ]);
    // Only the answer that was right is kept: another one is compared with the figure as it is now.
    expect((await recordAnswer(moving, running(), 'measured-p90', '800', undefined, docker)).correct).toBe(
      false,
    );
    expect((await recordAnswer(moving, running(), 'measured-p90', '2 s', undefined, docker)).correct).toBe(
      true,
    );
  });

  it('reveals hints one at a time, then says all are revealed', () => {
    expect(revealHint(lab).hint?.text).toBe('look at the log');
    expect(revealHint(lab).hint?.text).toBe('sort -n');
    expect(revealHint(lab).allRevealed).toBe(true);
  });
});

describe('ctx.endpoint', () => {
  const withPort = (): RunningLab => ({
    ...running(),
    services: {
      web: {
        name: 'web',
        containerId: 'c0ffee',
        containerName: 'storylabs-fake-lab-default-web',
        state: 'running',
        ports: [{ container: 8080, host: 32771, protocol: 'tcp', label: undefined, scheme: 'http' }],
        addresses: {},
      },
    },
  });
  const endpointSeen = async (): Promise<unknown> => {
    let seen: unknown;
    const lab = entry({
      objectives: [
        {
          id: 'one',
          title: 'One',
          check: async (ctx) => {
            seen = ctx.endpoint('web', 8080);
            return { ok: true };
          },
          hints: ['h'],
        },
      ],
    });
    await runChecks(lab, withPort(), { docker });
    return seen;
  };
  const saved = process.env.DOCKER_HOST;

  it("is 127.0.0.1 with a local engine, and the engine's host when DOCKER_HOST names a remote one", async () => {
    try {
      delete process.env.DOCKER_HOST;
      expect(await endpointSeen()).toEqual({ host: '127.0.0.1', port: 32771 });
      process.env.DOCKER_HOST = 'tcp://lab-host.example:2376';
      expect(await endpointSeen()).toEqual({ host: 'lab-host.example', port: 32771 });
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
