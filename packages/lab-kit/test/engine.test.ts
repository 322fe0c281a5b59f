import { describe, expect, it } from 'vitest';
import { endpointHost, endpointWarning, hostPort, publishAddress, remoteEngineHost } from '../src/engine.ts';

describe('where published ports are reached from', () => {
  it('is this machine for a local engine', () => {
    for (const DOCKER_HOST of [
      undefined,
      '',
      'unix:///var/run/docker.sock',
      'unix:///run/user/1000/podman/podman.sock',
      'npipe:////./pipe/docker_engine',
      'tcp://127.0.0.1:2375',
      'tcp://localhost:2376',
      'tcp://[::1]:2375',
    ]) {
      expect(remoteEngineHost({ DOCKER_HOST }), String(DOCKER_HOST)).toBeUndefined();
      expect(endpointHost({ DOCKER_HOST })).toBe('127.0.0.1');
      expect(endpointWarning({ DOCKER_HOST })).toBeUndefined();
    }
  });

  it("is the engine's host for a remote engine over ssh or tcp", () => {
    expect(endpointHost({ DOCKER_HOST: 'ssh://instructor@lab-host.local' })).toBe('lab-host.local');
    expect(endpointHost({ DOCKER_HOST: 'ssh://instructor@10.0.5.20:2222' })).toBe('10.0.5.20');
    expect(endpointHost({ DOCKER_HOST: 'tcp://lab-host.local:2376' })).toBe('lab-host.local');
    expect(endpointHost({ DOCKER_HOST: 'tcp://[fd00::5]:2376' })).toBe('fd00::5');
    expect(endpointHost({ DOCKER_HOST: 'lab-host.local:2375' })).toBe('lab-host.local');
  });

  it('is STORYLABS_ENDPOINT_HOST when set (the name learners use for the engine)', () => {
    expect(endpointHost({ DOCKER_HOST: 'ssh://me@lab-host', STORYLABS_ENDPOINT_HOST: 'lab.example' })).toBe(
      'lab.example',
    );
    expect(
      endpointWarning({ DOCKER_HOST: 'ssh://me@lab-host', STORYLABS_ENDPOINT_HOST: 'lab.example' }),
    ).toBe(undefined);
  });

  it('publishes on 127.0.0.1 unless told otherwise, and warns when a remote engine then hides the ports', () => {
    expect(publishAddress({})).toBe('127.0.0.1');
    expect(publishAddress({ STORYLABS_PUBLISH_ADDRESS: '0.0.0.0' })).toBe('0.0.0.0');
    expect(endpointWarning({ DOCKER_HOST: 'ssh://me@lab-host' })).toMatch(
      /runs on lab-host .* published on its 127\.0\.0\.1 only: this machine cannot reach them\. Set STORYLABS_PUBLISH_ADDRESS/,
    );
    expect(
      endpointWarning({ DOCKER_HOST: 'ssh://me@lab-host', STORYLABS_PUBLISH_ADDRESS: '0.0.0.0' }),
    ).toBeUndefined();
  });

  it('brackets IPv6 hosts in host:port', () => {
    expect(hostPort('lab-host', 8080)).toBe('lab-host:8080');
    expect(hostPort('fd00::5', 8080)).toBe('[fd00::5]:8080');
  });
});
