// A learner with more than one terminal: a foreground lab owns its instance, another terminal's
// `status` and `logs` see its program, `reset` there stops it cleanly instead of tearing its containers
// down behind it, and after `kill -9` of the foreground CLI, `down` also stops the orphaned program.
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { connectDocker, findResources } from '@storylabs/lab-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolateState, lab } from './helpers.ts';

const labsDir = fileURLToPath(new URL('../../lab-kit/test/fixtures/process-labs/', import.meta.url));
const LAB = 'echo-lab';
const bin = fileURLToPath(new URL('../bin/lab.js', import.meta.url));

/** A first terminal: `pnpm lab echo-lab` in the foreground, as the real binary. */
function foreground(instance: string): {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [bin, LAB, '--instance', instance], {
    env: { ...process.env, STORYLABS_LABS_DIR: labsDir, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('The lab runs until you press Ctrl-C') && output.includes('listening on'))
        resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the foreground lab exited (${code}):\n${output}`)));
  });
  return { child, output: () => output, ready, exited };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function containers(instance: string): Promise<number> {
  return (await findResources(await connectDocker(), LAB, instance)).containers.length;
}

interface StatusJson {
  labs: {
    instance: string;
    running: boolean;
    owner?: { pid: number };
    processes?: { name: string; port: number }[];
  }[];
}

beforeAll(() => isolateState());
afterAll(async () => {
  await lab(['down', LAB, '--all'], { labsDir });
}, 120_000);

describe('a lab used from two terminals', { timeout: 600_000 }, () => {
  it('shows the first terminal’s program elsewhere, and `reset` there stops that terminal cleanly', async () => {
    const first = foreground('two');
    await first.ready;
    const status = await lab(['status', LAB, '--instance', 'two', '--json'], { labsDir });
    const row = status.json<StatusJson>().labs[0];
    expect(row?.owner?.pid).toBe(first.child.pid);
    const port = row?.processes?.find((p) => p.name === 'server')?.port ?? 0;
    expect(await answers(port)).toBe(true);
    const plain = await lab(['status', LAB, '--instance', 'two'], { labsDir });
    expect(plain.stdout).toMatch(/server\s+127\.0\.0\.1:\d+\s+your server \(from your workspace\)/);
    expect(plain.stdout).toContain(`foreground, process ${first.child.pid}`);

    const logs = await lab(['logs', LAB, 'server', '--instance', 'two'], { labsDir });
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain(`listening on ${port}`);

    // Terminal 2 resets: terminal 1 stops by itself (exit 0), and the new lab belongs to terminal 2.
    const controller = new AbortController();
    const second = lab(['reset', LAB, '--instance', 'two'], {
      labsDir,
      signal: controller.signal,
      onOutput: (all) => {
        if (all.includes('The lab runs until you press Ctrl-C')) controller.abort();
      },
    });
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain(`Lab '${LAB}' stopped`);
    const result = await second;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Stopping the lab running in the foreground of another terminal');
    expect(await containers('two')).toBe(0);
  });

  it('`down` after `kill -9` of the foreground CLI also stops the orphaned program', async () => {
    const first = foreground('killed');
    await first.ready;
    const status = await lab(['status', LAB, '--instance', 'killed', '--json'], { labsDir });
    const port = status.json<StatusJson>().labs[0]?.processes?.[0]?.port ?? 0;
    first.child.kill('SIGKILL');
    await first.exited;
    // The program outlived its terminal, and the containers are still there.
    expect(await answers(port)).toBe(true);
    expect(await containers('killed')).toBe(1);
    const down = await lab(['down', LAB, '--instance', 'killed'], { labsDir });
    expect(down.code, down.stderr).toBe(0);
    expect(await containers('killed')).toBe(0);
    let stillAnswers = true;
    for (let i = 0; i < 50 && stillAnswers; i++) {
      stillAnswers = await answers(port);
      if (stillAnswers) await new Promise((r) => setTimeout(r, 100));
    }
    expect(stillAnswers).toBe(false);
  });
});
