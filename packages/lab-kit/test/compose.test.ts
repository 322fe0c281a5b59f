import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  type ComposeExportOptions,
  composeHeader,
  composeProject,
  healthcheckOf,
  toYaml,
} from '../src/compose.ts';
import { containerName, networkName, volumeName } from '../src/environment.ts';
import { LABEL_INSTANCE, LABEL_LAB, LABEL_MANAGED, LABEL_SERVICE, LABEL_SLOT } from '../src/labels.ts';
import { defineLab, type Lab } from '../src/manifest.ts';
import { loadLabs } from '../src/registry.ts';
import helloHttp from './fixtures/labs/hello-http/lab.ts';
import routerLab from './fixtures/labs/router-lab/lab.ts';

const { $schema, ...schema } = JSON.parse(
  readFileSync(new URL('../compose-spec/compose-spec.json', import.meta.url), 'utf8'),
);
// The schema names draft-07 by an https URI ajv does not map; draft-07 is ajv's default dialect. Not
// strict: the schema carries annotations ajv does not know (deprecated); it uses no formats.
expect($schema).toBe('https://json-schema.org/draft-07/schema');
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function options(lab: Lab, overrides: Partial<ComposeExportOptions> = {}): ComposeExportOptions {
  return {
    instance: 'room-1',
    slot: 0,
    images: Object.fromEntries(
      Object.keys(lab.services).map((s) => [s, `storylabs/${lab.id}-${s}:0123456789abcdef`]),
    ),
    labDir: `/srv/labs/${lab.id}`,
    ...overrides,
  };
}

function expectValid(file: unknown): void {
  const ok = validate(file);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

describe('composeProject', () => {
  it('validates against the Compose specification for every fixture and every lab of the repository', async () => {
    const labs = [helloHttp, routerLab, ...(await loadLabs()).map((entry) => entry.lab)];
    expect(labs.length).toBeGreaterThanOrEqual(4);
    for (const lab of labs) {
      for (const slot of [0, 3]) expectValid(composeProject(lab, options(lab, { slot })));
    }
  });

  it('the schema catches a file that is not Compose (the validator is really on)', () => {
    const file = composeProject(helloHttp, options(helloHttp)) as Record<string, unknown>;
    expect(validate({ ...file, servics: {} })).toBe(false);
    expect(validate({ services: { web: { image: 'x', cap_add: 'NET_ADMIN' } } })).toBe(false);
  });

  it('names and labels containers, networks and volumes as `pnpm lab up` does, so check finds them', () => {
    const file = composeProject(routerLab, options(routerLab, { slot: 2 }));
    const router = file.services?.router;
    expect(router?.container_name).toBe(containerName('router-lab', 'router', 'room-1'));
    expect(router?.labels).toEqual({
      [LABEL_MANAGED]: 'true',
      [LABEL_LAB]: 'router-lab',
      [LABEL_INSTANCE]: 'room-1',
      [LABEL_SERVICE]: 'router',
      [LABEL_SLOT]: '2',
    });
    expect(file.networks?.left).toMatchObject({
      name: networkName('router-lab', 'left', 'room-1'),
      internal: true,
      labels: {
        [LABEL_LAB]: 'router-lab',
        [LABEL_INSTANCE]: 'room-1',
        'dev.storylabs.network': 'left',
        [LABEL_SLOT]: '2',
      },
    });
    expect(file.volumes?.shared).toMatchObject({
      name: volumeName('router-lab', 'shared', 'room-1'),
      labels: { [LABEL_MANAGED]: 'true', 'dev.storylabs.volume': 'shared' },
    });
  });

  it("uses the instance's address block: slot k shifts subnets, gateways and fixed addresses", () => {
    const file = composeProject(routerLab, options(routerLab, { slot: 2 }));
    expect(file.networks?.left?.ipam?.config).toEqual([{ subnet: '10.232.3.0/24', gateway: '10.232.3.1' }]);
    expect(file.networks?.edge?.ipam?.config).toEqual([{ subnet: '10.232.3.32/28', gateway: '10.232.3.33' }]);
    expect(file.services?.router?.networks).toEqual({
      left: { aliases: ['router'], ipv4_address: '10.232.3.2' },
      right: { aliases: ['router'], ipv4_address: '10.232.4.2' },
    });
    expect(file.services?.probe?.networks).toEqual({ edge: { aliases: ['probe'] } });
  });

  it('carries images by tag, capabilities, sysctls, command, mounts and loopback-only ports', () => {
    const file = composeProject(routerLab, options(routerLab));
    const router = file.services?.router;
    expect(router?.image).toBe('storylabs/router-lab-router:0123456789abcdef');
    expect(router?.build).toBeUndefined();
    expect(router?.cap_add).toEqual(['NET_ADMIN']);
    expect(router?.sysctls).toEqual({ 'net.ipv4.ip_forward': '1' });
    expect(file.services?.web?.ports).toEqual(['127.0.0.1::8080/tcp']);
    expect(file.services?.['left-host']?.command).toEqual([
      'sh',
      '-c',
      'echo box is ready; exec sleep infinity',
    ]);
    expect(file.services?.['left-host']?.volumes).toEqual([
      { type: 'volume', source: 'shared', target: '/shared' },
      {
        type: 'bind',
        source: '/srv/labs/router-lab/environment/box/Dockerfile',
        target: '/etc/box/Dockerfile',
        read_only: true,
      },
    ]);
    expect(file.services?.['right-host']?.volumes).toEqual([
      { type: 'volume', source: 'shared', target: '/shared', read_only: true },
      { type: 'tmpfs', target: '/scratch' },
    ]);
  });

  it('waits as the manifest says: health checks where Compose can express them, service_healthy or service_started', () => {
    const file = composeProject(routerLab, options(routerLab));
    expect(file.services?.router?.healthcheck?.test).toEqual(['CMD-SHELL', 'iptables -t nat -S >/dev/null']);
    // right-host relies on its image's HEALTHCHECK; left-host waits for a log line, which Compose cannot see.
    expect(file.services?.['right-host']?.healthcheck).toBeUndefined();
    expect(file.services?.['left-host']?.depends_on).toEqual({ router: { condition: 'service_healthy' } });
    expect(file.services?.probe?.depends_on).toEqual({
      web: { condition: 'service_healthy' },
      'left-host': { condition: 'service_started' },
    });
    expect((file['x-storylabs'] as { notes: string[] }).notes.join('\n')).toMatch(
      /left-host: ready when it prints/,
    );
    expect((file['x-storylabs'] as { notes: string[] }).notes.join('\n')).toMatch(
      /pnpm lab setup router-lab --instance room-1/,
    );
  });

  it('turns a ports wait into a /proc/net/tcp probe with the port in hex, and retries up to the startup timeout', () => {
    const check = healthcheckOf(helloHttp.services.web as Lab['services'][string]);
    expect(check?.test).toEqual([
      'CMD-SHELL',
      "grep -qiE '^ *[0-9]+: [0-9a-f]+:1F90 [0-9a-f]+:[0-9a-f]+ 0A' /proc/net/tcp /proc/net/tcp6",
    ]);
    expect(check).toMatchObject({ interval: '2s', retries: 90 });
  });

  it('escapes dollars, so Compose does not read them as variables', () => {
    const lab = defineLab({
      ...helloHttp,
      services: {
        web: {
          ...(helloHttp.services.web as Lab['services'][string]),
          env: { PS1: '$ ' },
          command: ['sh', '-c', 'echo $HOME'],
        },
      },
    });
    const file = composeProject(lab, options(lab));
    expect(file.services?.web?.environment).toEqual({ PS1: '$$ ' });
    expect(file.services?.web?.command).toEqual(['sh', '-c', 'echo $$HOME']);
    expectValid(file);
  });

  it('leaves a service without networks on the default bridge, as up does', () => {
    const lab = defineLab({ ...helloHttp, networks: {}, services: { web: { build: 'environment/web' } } });
    const file = composeProject(lab, options(lab));
    expect(file.services?.web?.network_mode).toBe('bridge');
    expect(file.networks).toBeUndefined();
    expectValid(file);
  });

  it('refuses to write a service without an image tag', () => {
    expect(() => composeProject(helloHttp, options(helloHttp, { images: {} }))).toThrow(
      /no image tag for service 'web'/,
    );
  });
});

describe('toYaml', () => {
  it('writes the header as comments, block mappings and sequences, every string quoted', () => {
    const file = composeProject(helloHttp, options(helloHttp));
    const yaml = toYaml(file, composeHeader(helloHttp, options(helloHttp)));
    expect(yaml).toMatch(/^# Lab 'hello-http'.*instance 'room-1'/);
    expect(yaml).toMatch(/^# .*pnpm lab prepare/m);
    expect(yaml).toContain('services:\n  web:\n    image: "storylabs/hello-http-web:0123456789abcdef"\n');
    expect(yaml).toContain('    ports:\n      - "127.0.0.1::8080/tcp"\n');
    expect(yaml).toContain(
      '      config:\n        - subnet: "10.231.7.0/24"\n          gateway: "10.231.7.1"\n',
    );
    expect(yaml).toContain('      dev.storylabs.managed: "true"\n');
  });

  it('quotes keys YAML would read as something else', () => {
    expect(toYaml({ services: {}, 'x-a': { yes: 1, 'a b': true, '1x': [] } })).toBe(
      'services: {}\nx-a:\n  "yes": 1\n  "a b": true\n  "1x": []\n',
    );
  });
});
