// `pnpm lab compose` with a real Compose implementation: the five-service, three-network fixture is
// exported, started by Compose (v2's `docker compose` when present, else docker-compose 1.29), and
// checked by the kit exactly as an instance `pnpm lab up` started beside it; `down -v` then leaves
// nothing with the instance's labels.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { composeProjectName, connectDocker } from '@storylabs/lab-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolateState, lab, leftovers } from './helpers.ts';

const run = promisify(execFile);
const LAB = 'router-lab';
const tag = process.pid % 10000;
const viaCompose = `compose-${tag}`;
const viaKit = `kit-${tag}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'storylabs-compose-'));
const file = path.join(dir, `${LAB}.yaml`);
const project = composeProjectName(LAB, viaCompose);

/** The Compose command of this machine: `docker compose` (v2) or `docker-compose` (1.29). */
async function composeCommand(): Promise<string[]> {
  for (const candidate of [['docker', 'compose'], ['docker-compose']]) {
    const [command = '', ...args] = candidate;
    const found = await run(command, [...args, 'version'], { timeout: 30_000 }).then(
      () => true,
      () => false,
    );
    if (found) return candidate;
  }
  throw new Error('no Compose implementation: run `bash scripts/provision.sh compose`');
}

async function compose(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const [command = '', ...prefix] = await composeCommand();
  return run(command, [...prefix, '-p', project, '-f', file, ...args], {
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

interface Objective {
  id: string;
  status: string;
  reason?: string;
}

async function checks(instance: string): Promise<Objective[]> {
  const result = await lab(['check', LAB, '--instance', instance, '--json']);
  expect([0, 1], result.stderr).toContain(result.code);
  return result
    .json<{ objectives: Objective[] }>()
    .objectives.map(({ id, status, reason }) => ({ id, status, ...(reason ? { reason } : {}) }));
}

beforeAll(async () => {
  isolateState();
  const prepared = await lab(['prepare', LAB]);
  expect(prepared.code, prepared.stderr).toBe(0);
}, 900_000);

afterAll(async () => {
  await compose('down', '-v', '--timeout', '1').catch(() => undefined);
  await lab(['down', LAB, '--instance', viaCompose]);
  await lab(['down', LAB, '--instance', viaKit]);
}, 300_000);

describe('a lab exported with `pnpm lab compose` and started by Compose', { timeout: 900_000 }, () => {
  it('validates with Compose itself, starts, and passes the same checks as a kit-started instance', async () => {
    const exported = await lab(['compose', LAB, '--instance', viaCompose, '-o', file]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`docker compose -p ${project} -f ${file} up -d`);
    expect(readFileSync(file, 'utf8')).toMatch(/^# .*pnpm lab prepare/m);
    await compose('config', '-q');

    await compose('up', '-d');
    const status = await lab(['status', LAB, '--instance', viaCompose, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const setup = await lab(['setup', LAB, '--instance', viaCompose]);
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('Writing the marker');

    const kit = await lab(['up', LAB, '--instance', viaKit, '--detach']);
    expect(kit.code, kit.stderr).toBe(0);

    // Broken state: the same results, for the same reasons, on both.
    const composeBefore = await checks(viaCompose);
    expect(composeBefore).toEqual(await checks(viaKit));
    expect(composeBefore.map((o) => o.status)).toEqual(['pass', 'pass', 'pass', 'fail']);
    expect(composeBefore[3]?.reason).toMatch(/no \/shared\/solved yet/);

    // Solved: every objective passes on both.
    for (const instance of [viaCompose, viaKit]) {
      const solved = await lab(['solve', LAB, '--instance', instance]);
      expect(solved.code, solved.stderr).toBe(0);
    }
    const composeAfter = await checks(viaCompose);
    expect(composeAfter).toEqual(await checks(viaKit));
    expect(composeAfter.every((o) => o.status === 'pass')).toBe(true);
  });

  it('publishes ports on 127.0.0.1 only, and uses its own address block', async () => {
    const docker = await connectDocker();
    const containers = await docker.container.dockerode.listContainers({
      filters: { label: [`dev.storylabs.instance=${viaCompose}`, 'dev.storylabs.service=web'] },
    });
    const ports = containers[0]?.Ports ?? [];
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port.IP).toBe('127.0.0.1');
    const networks = await docker.container.dockerode.listNetworks({
      filters: { label: [`dev.storylabs.instance=${viaCompose}`] },
    });
    expect(networks.map((n) => n.Name).sort()).toEqual(
      ['edge', 'left', 'right'].map((n) => `storylabs-${LAB}-${viaCompose}-${n}`),
    );
  });

  it('leaves nothing behind after `down -v`', async () => {
    expect((await leftovers(LAB, viaCompose)).containers).toBe(5);
    await compose('down', '-v', '--timeout', '1');
    expect(await leftovers(LAB, viaCompose)).toEqual({ containers: 0, networks: 0, volumes: 0 });
    const docker = await connectDocker();
    const filters = { label: [`com.docker.compose.project=${project}`] };
    expect(await docker.container.dockerode.listContainers({ all: true, filters })).toEqual([]);
    expect(await docker.container.dockerode.listNetworks({ filters })).toEqual([]);
  });
});
