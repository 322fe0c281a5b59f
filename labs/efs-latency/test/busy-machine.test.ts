// The standard load's judgement on a machine other programs keep busy: a fixed system passes against
// limits scaled by the CPU the lab was left with; neither half fix does.
import { describe, expect, it } from 'vitest';
import { BUSY_SHARE, busyMachine, judgeLatency, MAX_STRETCH } from '../checks/busy-machine.ts';

const limits = { p90Limit: 300, p99Limit: 1000 };
const overlapping = { 'api-1': 8, 'api-2': 8 };
const oneAtATime = { 'api-1': 1, 'api-2': 1 };
/** 2 CPUs, a 20 s window, the lab using 3 CPU-seconds of it and other programs `others` CPUs. */
const machine = (others: number) =>
  busyMachine({ cpus: 2, wallMs: 20_000, labMs: 3000, busyMs: 3000 + others * 20_000 });

describe('busyMachine', () => {
  it("counts what the machine did beyond the lab's own containers", () => {
    const quiet = machine(0.1);
    expect(quiet.otherCpus).toBeCloseTo(0.1, 9);
    expect(quiet.share).toBeCloseTo(0.05, 9);
    expect(quiet.stretch).toBeCloseTo(2 / 1.9, 9);
  });

  it('stretches by the CPUs left to the lab, at most 4x', () => {
    expect(machine(1).stretch).toBeCloseTo(2, 9);
    expect(machine(1.9).stretch).toBe(MAX_STRETCH);
    expect(machine(5).share).toBe(1);
  });
});

describe('judgeLatency', () => {
  it('passes under the limits whatever the machine did, with nothing to say on a quiet one', () => {
    expect(judgeLatency({ p90: 145, p99: 160, ...limits, busy: machine(0), connections: {} })).toEqual({
      ok: true,
      problems: [],
      note: undefined,
    });
    expect(judgeLatency({ p90: 215, p99: 253, ...limits, busy: machine(1.7), connections: {} })).toEqual({
      ok: true,
      problems: [],
      note: 'this machine was busy: other programs used 1.7 of its CPUs during the window, and the plain limits held',
    });
  });

  it('on a quiet machine, judges the plain limits and says by how much', () => {
    const verdict = judgeLatency({
      p90: 580,
      p99: 700,
      ...limits,
      busy: machine(0.2),
      connections: oneAtATime,
    });
    expect(verdict).toEqual({
      ok: false,
      problems: ['p90 580 ms, needs < 300 ms: 1.9x the limit'],
      note: undefined,
    });
    expect(machine(0.2).share).toBeLessThanOrEqual(BUSY_SHARE);
  });

  it('when it cannot tell how busy the machine was, judges the plain limits', () => {
    const verdict = judgeLatency({
      p90: 379,
      p99: 536,
      ...limits,
      busy: undefined,
      connections: overlapping,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.note).toBeUndefined();
  });

  it('on a busy machine, passes the fixed system against scaled limits, and says so', () => {
    // seen with other programs on 1.3 of 2 CPUs: p90 379 ms where a quiet machine gives 145 ms
    const verdict = judgeLatency({
      p90: 379,
      p99: 536,
      ...limits,
      busy: machine(1.3),
      connections: overlapping,
    });
    expect(verdict.ok).toBe(true);
    expect(verdict.note).toMatch(
      /^this machine was busy: other programs used 1\.3 of its CPUs .* judged against 857 ms and 2\.86 s \(the limits x2\.9\)$/,
    );
  });

  it('on a busy machine, fails the index-only fix: its requests still wait in line', () => {
    const verdict = judgeLatency({
      p90: 612,
      p99: 757,
      ...limits,
      busy: machine(1.3),
      connections: oneAtATime,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['p90 612 ms, needs < 300 ms: 2.0x the limit']);
    expect(verdict.note).toMatch(
      /requests that reached api-1 and api-2 together were still served one after another$/,
    );
  });

  it('on a busy machine, fails the pool-only fix: it misses the scaled limits too', () => {
    const verdict = judgeLatency({
      p90: 15_070,
      p99: 16_550,
      ...limits,
      busy: machine(1.3),
      connections: overlapping,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toHaveLength(2);
    expect(verdict.note).toMatch(/: it misses those too$/);
  });

  it('on a busy machine, fails when how the replicas served their requests could not be read', () => {
    const verdict = judgeLatency({ p90: 379, p99: 536, ...limits, busy: machine(1.3), connections: {} });
    expect(verdict.ok).toBe(false);
    expect(verdict.note).toMatch(/could not be read$/);
  });
});
