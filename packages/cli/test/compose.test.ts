import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolateState, lab } from './helpers.ts';

// Its own file: the Docker client is cached per process, and this one must never have connected.
describe('lab compose with no engine to ask', () => {
  it('still writes the file (slot 0), and says what it could not check', async () => {
    isolateState();
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    try {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'storylabs-compose-'));
      const json = await lab([
        'compose',
        'hello-http',
        '--instance',
        'ada',
        '-o',
        path.join(dir, 'lab.json'),
      ]);
      expect(json.code, json.stderr).toBe(0);
      expect(json.stderr).toMatch(/warning: no Docker engine answered .*address slot 0/);
      expect(json.stdout).toContain('docker compose -p storylabs-hello-http-ada -f');
      expect(json.stdout).toContain('pnpm lab check hello-http --instance ada');
      const file = JSON.parse(readFileSync(path.join(dir, 'lab.json'), 'utf8'));
      expect(file.services.web.container_name).toBe('storylabs-hello-http-ada-web');
      expect(file.services.web.image).toMatch(/^storylabs\/hello-http-web:[0-9a-f]{16}$/);
      expect(file.networks.lan.ipam.config).toEqual([{ subnet: '10.231.7.0/24', gateway: '10.231.7.1' }]);

      const yaml = await lab(['compose', 'hello-http']);
      expect(yaml.code).toBe(0);
      expect(yaml.stdout).toMatch(/^# Lab 'hello-http'/);
      expect(yaml.stdout).toContain('    container_name: "storylabs-hello-http-default-web"\n');
    } finally {
      delete process.env.DOCKER_HOST;
    }
  });
});
