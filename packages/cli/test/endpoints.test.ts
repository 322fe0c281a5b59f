import { findLab, type RunningLab } from '@storylabs/lab-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { endpointLines, upJson } from '../src/shared.ts';
import { fixtureLabs } from './helpers.ts';

const running = (labId: string): RunningLab => ({
  labId,
  instance: 'default',
  instanceId: 'default',
  slot: 0,
  layout: { slot: 0, subnets: {}, gateways: {}, addresses: {} },
  complete: true,
  services: {
    web: {
      name: 'web',
      containerId: 'c0ffee',
      containerName: `storylabs-${labId}-default-web`,
      state: 'running',
      ports: [{ container: 8080, host: 32768, protocol: 'tcp', label: 'web server', scheme: 'http' }],
      addresses: {},
    },
  },
});

describe('the endpoints the CLI prints', () => {
  const saved = process.env.DOCKER_HOST;
  afterEach(() => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  });

  it('are on 127.0.0.1 with a local engine', async () => {
    delete process.env.DOCKER_HOST;
    const entry = await findLab('hello-http', fixtureLabs);
    expect(endpointLines(entry, running(entry.id), [])[0]).toMatch(
      /^ {2}web +http:\/\/127\.0\.0\.1:32768 +web server$/,
    );
    expect(upJson(entry, running(entry.id), true).services[0]?.ports[0]?.url).toBe('http://127.0.0.1:32768');
  });

  it("are on the engine's host when DOCKER_HOST names a remote engine", async () => {
    process.env.DOCKER_HOST = 'ssh://instructor@lab-host.local';
    const entry = await findLab('hello-http', fixtureLabs);
    expect(endpointLines(entry, running(entry.id), [])[0]).toMatch(
      /^ {2}web +http:\/\/lab-host\.local:32768 /,
    );
    expect(upJson(entry, running(entry.id), true).services[0]?.ports[0]?.url).toBe(
      'http://lab-host.local:32768',
    );
  });
});
