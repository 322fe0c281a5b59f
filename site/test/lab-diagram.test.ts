import { labSchema } from '@storylabs/lab-kit/manifest';
import { describe, expect, it } from 'vitest';
import { layoutLabDiagram } from '~/lib/lab-diagram.ts';
import { labs } from '~/lib/labs.ts';

const routerLab = labSchema.parse({
  id: 'nat-router',
  title: 'A NAT router',
  story: 'stories/nat-costs-iptables',
  summary: 'Route a private network through a NAT box.',
  difficulty: 'advanced',
  minutes: 60,
  briefing: 'Route it.',
  networks: {
    private: { subnet: '172.30.10.0/24', internal: true },
    internet: { subnet: '172.30.20.0/24' },
  },
  services: {
    node: { build: 'node', networks: [{ name: 'private', ip: '172.30.10.10' }] },
    nat: {
      build: 'nat',
      networks: [
        { name: 'private', ip: '172.30.10.2' },
        { name: 'internet', ip: '172.30.20.2' },
      ],
      ports: [{ container: 9100, host: 9100, label: 'counters' }],
    },
    web: { build: 'web', ports: [{ container: 80, label: 'HTTP' }] },
  },
  objectives: [
    { id: 'route', title: 'Route', hints: ['Look at the routes.'], check: async () => ({ ok: true }) },
  ],
  solution: { walkthrough: 'Do it.', apply: async () => {} },
});

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('layoutLabDiagram', () => {
  const diagram = layoutLabDiagram(routerLab);

  it('draws your machine and one box per service, none overlapping, all inside the picture', () => {
    expect(diagram.boxes.map((box) => box.kind)).toEqual(['host', 'service', 'service', 'service']);
    const services = diagram.boxes.filter((box) => box.kind === 'service');
    for (const [i, a] of services.entries()) {
      for (const b of services.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    }
    for (const box of diagram.boxes) {
      expect(box.x + box.width).toBeLessThanOrEqual(diagram.width);
      expect(box.y + box.height).toBeLessThanOrEqual(diagram.height);
    }
  });

  it('joins each service to each of its networks with a dot on that network', () => {
    // node 1, nat 2, web 1 (the default bridge), and one per published port: nat and web.
    expect(diagram.dots).toHaveLength(6);
    expect(diagram.texts.map((t) => t.text)).toEqual(
      expect.arrayContaining([
        'private · 172.30.10.0/24 · internal',
        'internet · 172.30.20.0/24',
        "Docker's default bridge",
        'private · 172.30.10.2',
        'internet · 172.30.20.2',
        '9100/tcp → 127.0.0.1:9100 · counters',
        '80/tcp → 127.0.0.1 · HTTP',
      ]),
    );
  });

  it('draws an internal network dashed', () => {
    const buses = diagram.lines.filter((line) => line.kind === 'network' && line.x1 === line.x2);
    expect(buses.filter((bus) => bus.dashed)).toHaveLength(1);
    expect(buses).toHaveLength(3);
  });

  it('says every connection in its text alternative', () => {
    expect(diagram.description).toBe(
      'Your machine is at 127.0.0.1. ' +
        'node is on the private network (172.30.10.0/24, internal: no route off the Docker host) at 172.30.10.10. ' +
        'nat publishes 9100/tcp (counters) on 127.0.0.1. ' +
        'nat is on the private network (172.30.10.0/24, internal: no route off the Docker host) at 172.30.10.2 and the internet network (172.30.20.0/24) at 172.30.20.2. ' +
        'web publishes 80/tcp (HTTP) on 127.0.0.1, on a free port. ' +
        "web is on Docker's default bridge.",
    );
  });
});

describe('every lab in the repository', () => {
  it.each(labs.map((lab) => [lab.id, lab] as const))(
    '%s gets a diagram naming each of its services',
    (_, lab) => {
      const diagram = layoutLabDiagram(lab);
      for (const name of Object.keys(lab.services)) expect(diagram.description).toContain(name);
      for (const name of Object.keys(lab.networks))
        expect(diagram.description).toContain(`the ${name} network`);
    },
  );
});
