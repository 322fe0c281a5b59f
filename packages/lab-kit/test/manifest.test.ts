import { describe, expect, it } from 'vitest';
import { defineLab, ManifestError, withinTolerance } from '../src/manifest.ts';

const valid = {
  id: 'demo',
  title: 'Demo',
  story: 'stories/demo',
  summary: 'A demo.',
  difficulty: 'beginner' as const,
  minutes: 10,
  briefing: 'Fix it.',
  services: { web: { build: 'environment/web', networks: [{ name: 'lan', ip: '10.1.2.3' }] } },
  networks: { lan: { subnet: '10.1.2.0/24' } },
  objectives: [
    { id: 'works', title: 'It works', check: async () => ({ ok: true as const }), hints: ['Look.'] },
  ],
  solution: { walkthrough: 'Do it.', apply: async () => {} },
};

describe('defineLab', () => {
  it('fills defaults', () => {
    const lab = defineLab(valid);
    expect(lab.services.web?.ports).toEqual([]);
    expect(lab.services.web?.wait).toEqual({ type: 'ports' });
    expect(lab.networks.lan?.internal).toBe(false);
    expect(lab.ordered).toBe(false);
    expect(lab.objectives[0]?.timeoutMs).toBe(30_000);
  });

  it('names the lab and each offending field', () => {
    const broken = {
      ...valid,
      minutes: 0,
      services: { web: { build: 'x', networks: [{ name: 'nowhere' }] } },
      objectives: [{ id: 'Bad Id', title: 'x', hints: [] }],
    };
    expect(() => defineLab(broken as never)).toThrow(ManifestError);
    try {
      defineLab(broken as never);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("lab 'demo' has an invalid manifest");
      expect(message).toContain('minutes:');
      expect(message).toContain("services.web.networks[0].name: unknown network 'nowhere'");
      expect(message).toContain('objectives[0].id: must be lower-case');
      expect(message).toContain('objectives[0].hints:');
      expect(message).toContain('objectives[0]: an objective needs a check, an answer, or both');
    }
  });

  it('rejects duplicate objective ids and processes without a starter', () => {
    const objective = valid.objectives[0];
    const broken = () =>
      defineLab({
        ...valid,
        objectives: [objective, objective],
        processes: { server: { command: ['x'] } },
      } as never);
    expect(broken).toThrow("objectives[1].id: duplicate objective id 'works'");
    expect(broken).toThrow('processes: processes run from a workspace: set `starter`');
  });

  it('checks subnets and addresses', () => {
    expect(() => defineLab({ ...valid, networks: { lan: { subnet: '10.1.2.0' } } })).toThrow(
      /networks\.lan\.subnet: must be an IPv4 subnet/,
    );
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
});
