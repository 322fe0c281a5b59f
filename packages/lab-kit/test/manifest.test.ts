import { describe, expect, it } from 'vitest';
import { defineLab, ManifestError } from '../src/manifest.ts';

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

  it('checks subnets and addresses, naming the field', () => {
    const lab =
      (networks: unknown, serviceNetworks: unknown = []) =>
      () =>
        defineLab({
          ...valid,
          networks,
          services: { web: { build: '.', networks: serviceNetworks } },
        } as never);
    expect(lab({ lan: { subnet: '10.1.2.0' } })).toThrow(
      /networks\.lan\.subnet: must look like 172\.30\.10\.0\/24/,
    );
    expect(lab({ lan: { subnet: '10.1.256.0/24' } })).toThrow(
      /networks\.lan\.subnet: '10\.1\.256\.0' is not an IPv4 address/,
    );
    expect(lab({ lan: { subnet: '10.1.2.5/24' } })).toThrow(/did you mean 10\.1\.2\.0\/24/);
    expect(lab({ a: { subnet: '10.1.0.0/16' }, b: { subnet: '10.1.2.0/24' } })).toThrow(
      "networks.b.subnet: overlaps network 'a'",
    );
    expect(lab({ lan: { subnet: '10.1.2.0/24' } }, [{ name: 'lan', ip: '10.1.3.4' }])).toThrow(
      'services.web.networks[0].ip: 10.1.3.4 is not inside 10.1.2.0/24',
    );
    expect(lab({ lan: { subnet: '10.1.2.0/24' } }, [{ name: 'lan', ip: '10.1.2.1' }])).toThrow(
      "services.web.networks[0].ip: 10.1.2.1 is the gateway of 'lan'",
    );
    expect(lab({ lan: { subnet: '10.1.2.0/24' } }, [{ name: 'lan', ip: '10.1.2.300' }])).toThrow(
      'services.web.networks[0].ip: must be an IPv4 address',
    );
  });

  it('checks volumes, dependsOn and waits, naming the field', () => {
    const broken = () =>
      defineLab({
        ...valid,
        volumes: { efs: {} },
        services: {
          api: {
            build: '.',
            dependsOn: ['db', 'nope'],
            mounts: [{ type: 'volume', source: 'disk', target: '/mnt' }],
          },
          db: { build: '.', dependsOn: ['api'], wait: { type: 'http', path: '/', port: 80 } },
        },
      } as never);
    expect(broken).toThrow("services.api.mounts[0].source: unknown volume 'disk' (declared: efs)");
    expect(broken).toThrow("services.api.dependsOn[1]: unknown service 'nope'");
    expect(broken).toThrow('services.db.wait.port: port 80 is not one of the service');
    expect(broken).toThrow('dependsOn has a cycle: api -> db -> api');
  });
});

describe('instructor notes', () => {
  const notes = {
    timings: [{ what: 'warm start', figure: '12 s', source: 'README, 2026-12-01' }],
    wrongTurns: [{ objective: 'works', text: 'Looks in the wrong place first.' }],
    debrief: ['What did you measure first?'],
  };

  it('are optional, and kept as given', () => {
    expect(defineLab(valid).instructor).toBeUndefined();
    expect(defineLab({ ...valid, instructor: notes }).instructor).toEqual(notes);
    expect(defineLab({ ...valid, instructor: { ...notes, timings: undefined } }).instructor?.timings).toEqual(
      [],
    );
  });

  it('tie each wrong turn to an objective of the lab, and need a debrief question', () => {
    expect(() =>
      defineLab({ ...valid, instructor: { ...notes, wrongTurns: [{ objective: 'nope', text: 'x' }] } }),
    ).toThrow(/instructor\.wrongTurns\[0\]\.objective: unknown objective 'nope' \(objectives: works\)/);
    expect(() => defineLab({ ...valid, instructor: { ...notes, debrief: [] } })).toThrow(
      /instructor\.debrief/,
    );
  });
});
