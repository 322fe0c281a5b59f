import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  connectDocker,
  findInstance,
  findLab,
  findResources,
  LABEL_INSTANCE,
  LABEL_LAB,
} from '@storylabs/lab-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureLabs, isolateState, lab, leftovers } from './helpers.ts';

const LAB = 'hello-http';

beforeAll(async () => {
  isolateState();
  await lab(['down', LAB]);
}, 120_000);

beforeEach(async () => {
  await lab(['down', LAB]);
}, 120_000);

afterAll(async () => {
  await lab(['down', LAB]);
}, 120_000);

describe('a lab from up to down', { timeout: 300_000 }, () => {
  it('starts, fails its check, is solved, passes, and leaves nothing behind', async () => {
    const started = await lab(['up', LAB, '--detach', '--json']);
    expect(started.code, started.stderr).toBe(0);
    const info = started.json<{
      started: boolean;
      services: { name: string; ports: { container: number; host: number; url: string }[] }[];
    }>();
    expect(info.started).toBe(true);
    const web = info.services.find((s) => s.name === 'web');
    expect(web?.ports[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // Ports are published on loopback only, and the container has its fixed address on the lab network.
    const docker = await connectDocker();
    const [summary] = (await findResources(docker, LAB, 'default')).containers;
    const inspect = await docker.container.dockerode.getContainer(summary?.id ?? '').inspect();
    const bindings = Object.values(inspect.NetworkSettings.Ports ?? {}).flat();
    expect(bindings.length).toBeGreaterThan(0);
    for (const binding of bindings) expect(binding?.HostIp).toBe('127.0.0.1');
    // The lab declares 10.231.7.10 for web in its first address block (slot 0); an instance gets the first
    // block no other network holds, and other test files run other instances of this lab meanwhile
    // (workshop.docker.test.ts), so the address is the one the instance's layout gives.
    const running = await findInstance(await findLab(LAB, fixtureLabs), 'default');
    const networks = Object.values(inspect.NetworkSettings.Networks ?? {});
    expect(networks.map((n) => n.IPAddress)).toEqual([running?.layout.addresses.web?.lan]);
    expect(inspect.HostConfig.Privileged).toBe(false);

    // A second `up` shows the running lab instead of starting another.
    const again = await lab(['up', LAB, '--detach']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Lab '${LAB}' is already running`);
    expect((await leftovers(LAB)).containers).toBe(1);

    const failing = await lab(['check', LAB]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('✖ status-ok');
    expect(failing.stdout).toContain('GET /status returned 404, expected 200');
    expect(failing.stdout).toMatch(/hint \d\/2:/);

    const failingJson = await lab(['check', LAB, '--json']);
    expect(failingJson.code).toBe(1);
    expect(failingJson.json()).toMatchObject({
      lab: LAB,
      passed: 0,
      total: 2,
      objectives: [
        { id: 'status-ok', status: 'fail', reason: 'GET /status returned 404, expected 200' },
        { id: 'body-bytes', status: 'needs-answer' },
      ],
    });

    const solved = await lab(['solve', LAB]);
    expect(solved.code, solved.stderr).toBe(0);

    const wrong = await lab(['answer', LAB, 'body-bytes', '2']);
    expect(wrong.code).toBe(1);
    const right = await lab(['answer', LAB, 'body-bytes', '3', '--json']);
    expect(right.json()).toEqual({ lab: LAB, objective: 'body-bytes', value: '3', read: 3, correct: true });

    const passing = await lab(['check', LAB]);
    expect(passing.code, passing.stdout).toBe(0);
    expect(passing.stdout).toContain('All 2 objectives pass.');

    const executed = await lab(['exec', LAB, 'web', '--', 'cat', '/srv/www/status']);
    expect(executed.code).toBe(0);
    expect(executed.stdout).toBe('ok\n');

    const logs = await lab(['logs', LAB, 'web']);
    expect(logs.code).toBe(0);
    expect(logs.stdout + logs.stderr).toContain('response:404');

    // `status <lab>` lists every running instance of the lab; other test files may run some meanwhile.
    const status = await lab(['status', LAB, '--json']);
    const listed = status.json<{ labs: { instance: string }[] }>().labs;
    expect(listed.filter((l) => l.instance === 'default')).toMatchObject([
      { id: LAB, running: true, progress: { passed: 2, total: 2 } },
    ]);

    const stopped = await lab(['down', LAB, '--json']);
    expect(stopped.json()).toEqual({
      lab: LAB,
      instances: ['default'],
      removed: { containers: 1, networks: 1, volumes: 0 },
    });
    expect(await leftovers(LAB)).toEqual({ containers: 0, networks: 0, volumes: 0 });

    const notRunning = await lab(['check', LAB]);
    expect(notRunning.code).toBe(2);
    expect(notRunning.stderr).toContain(`start it with \`pnpm lab ${LAB}\``);

    const downAgain = await lab(['down', LAB]);
    expect(downAgain.code).toBe(0);
    expect(downAgain.stdout).toContain('was not running');
  });

  it('Ctrl-C of a foreground lab tears everything down', async () => {
    const controller = new AbortController();
    // Press "Ctrl-C" once the lab is up and waiting.
    const result = await lab([LAB], {
      signal: controller.signal,
      onOutput: (all) => {
        if (all.includes('The lab runs until you press Ctrl-C')) controller.abort();
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Endpoints (127.0.0.1 only)');
    expect(result.stdout).toContain(`Lab '${LAB}' stopped`);
    expect(await leftovers(LAB)).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  it('Ctrl-C in the middle of `up` removes what was started', async () => {
    const controller = new AbortController();
    const result = await lab([LAB], {
      signal: controller.signal,
      onOutput: (all) => {
        if (all.includes('Creating networks')) controller.abort();
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Interrupted');
    expect(await leftovers(LAB)).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  it('the `lab` command stays in the foreground until SIGINT, then removes everything', async () => {
    const bin = fileURLToPath(new URL('../bin/lab.js', import.meta.url));
    const child = spawn(process.execPath, [bin, LAB], {
      env: { ...process.env, STORYLABS_LABS_DIR: fixtureLabs, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('The lab runs until you press Ctrl-C')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', () => resolve());
    });
    // Still running a moment later: waiting for Ctrl-C, not exiting on its own.
    await new Promise((r) => setTimeout(r, 1000));
    expect(child.exitCode, output).toBeNull();
    expect((await leftovers(LAB)).containers).toBe(1);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain(`Lab '${LAB}' stopped`);
    expect(await leftovers(LAB)).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  it('SIGKILL of the CLI in the middle of `up`, then `down`, leaves nothing behind', async () => {
    const bin = fileURLToPath(new URL('../bin/lab.js', import.meta.url));
    const child = spawn(process.execPath, [bin, LAB], {
      env: { ...process.env, STORYLABS_LABS_DIR: fixtureLabs, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const started = new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Starting web')) resolve();
      };
      child.once('exit', () => resolve());
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    await started;
    expect(output).toContain('Starting web');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const down = await lab(['down', LAB]);
    expect(down.code).toBe(0);
    // Docker may still be finishing a create the dead CLI asked for; a second down catches that too.
    await lab(['down', LAB]);
    expect(await leftovers(LAB)).toEqual({ containers: 0, networks: 0, volumes: 0 });
    // Any container of this instance, in any state and whatever else it is labelled with. Only this
    // instance: other test files run other instances of the same lab meanwhile (workshop.docker.test.ts).
    const docker = await connectDocker();
    const stray = await docker.container.dockerode.listContainers({
      all: true,
      filters: { label: [`${LABEL_LAB}=${LAB}`, `${LABEL_INSTANCE}=default`] },
    });
    expect(stray).toEqual([]);
  });
});
