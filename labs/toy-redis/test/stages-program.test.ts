// The program runner: how it starts the learner's program, what it says when the program does not
// bind, and that stopping leaves no process behind. Small shell programs stand in for servers.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { StageFailure } from '../checks/failure.ts';
import { freePort, Program } from '../checks/program.ts';

const workspaces: string[] = [];

async function workspaceWith(script: string | undefined, mode = 0o755): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'toy-redis-program-test-'));
  workspaces.push(dir);
  if (script !== undefined) {
    await writeFile(join(dir, 'your_program.sh'), `#!/bin/sh\n${script}\n`);
    await chmod(join(dir, 'your_program.sh'), mode);
  }
  return dir;
}

/** Running, and not a zombie waiting for its parent (an exited tester's orphans are reaped by init). */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

afterEach(async () => {
  await Promise.all(workspaces.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function startFailure(program: Program, bindTimeoutMs = 600): Promise<StageFailure> {
  const dir = await mkdtemp(join(tmpdir(), 'toy-redis-program-data-'));
  workspaces.push(dir);
  try {
    await program.start({ port: await freePort(), dir, bindTimeoutMs });
  } catch (err) {
    if (err instanceof StageFailure) return err;
    throw err;
  } finally {
    await program.stop();
  }
  throw new Error('the program started');
}

describe('Program', () => {
  test('passes --port and --dir, runs in the workspace, and waits until the port accepts', async () => {
    const workspace = await workspaceWith(
      'echo "args: $*"; echo "cwd: $(pwd)"; exec node -e "require(\'net\').createServer().listen(Number(process.argv[1]), \'127.0.0.1\')" "$2"',
    );
    const program = new Program(workspace, () => {});
    const port = await freePort();
    try {
      const endpoint = await program.start({ port, dir: '/tmp/data-dir', bindTimeoutMs: 5000 });
      expect(endpoint).toEqual({ host: '127.0.0.1', port });
      expect(program.lastOutput()).toEqual([`args: --port ${port} --dir /tmp/data-dir`, `cwd: ${workspace}`]);
    } finally {
      await program.stop();
    }
  });

  test('a program that never binds: says it is still running, and shows its output', async () => {
    const program = new Program(await workspaceWith('echo "listening on 6379"; exec sleep 30'), () => {});
    const failure = await startFailure(program);
    expect(failure.message).toMatch(
      /^Nothing accepted a connection on 127\.0\.0\.1:\d+ within 0\.6 s of starting your program, and it is still running\./,
    );
    expect(failure.message).toMatch(/The tester ran: \.\/your_program\.sh --port \d+ --dir \S+/);
    expect(failure.hints).toEqual([
      'Listen on the port given by --port (not a fixed 6379), on 127.0.0.1 or 0.0.0.0.',
    ]);
    expect(program.lastOutput()).toEqual(['listening on 6379']);
  });

  test('a program that exits at once: gives up early with its exit code', async () => {
    const program = new Program(
      await workspaceWith('echo "SyntaxError: Unexpected token" >&2; exit 3'),
      () => {},
    );
    // With a 60 s budget, only bailing out on the exit lets this finish within the test's time limit.
    const failure = await startFailure(program, 60_000);
    expect(failure.message).toMatch(
      /^Your program exited with code 3 before it accepted a connection on 127\.0\.0\.1:\d+\./,
    );
    expect(program.lastOutput()).toEqual(['SyntaxError: Unexpected token']);
  });

  test('a server on IPv6 loopback only is told to listen on 127.0.0.1', async () => {
    const program = new Program(
      await workspaceWith(
        'exec node -e "require(\'net\').createServer().listen(Number(process.argv[1]), \'::1\')" "$2"',
      ),
      () => {},
    );
    const failure = await startFailure(program, 1500);
    expect(failure.hints[0]).toMatch(/listens on \[::1\]:\d+ \(IPv6\) only: listen on 127\.0\.0\.1/);
  });

  test('a missing or non-executable your_program.sh is named', async () => {
    const missing = await startFailure(new Program(await workspaceWith(undefined), () => {}));
    expect(missing.message).toMatch(/^There is no your_program\.sh in your workspace/);
    const notExecutable = await startFailure(new Program(await workspaceWith('exit 0', 0o644), () => {}));
    expect(notExecutable.message).toBe('your_program.sh is not executable.');
    expect(notExecutable.hints[0]).toMatch(/^Run: chmod \+x .*your_program\.sh$/);
  });

  test('stop() ends the whole process group, even children of a script without exec', async () => {
    const workspace = await workspaceWith(
      [
        'sleep 60 &',
        'echo $! > child.pid',
        "trap '' TERM", // a script that ignores SIGTERM: stop() must escalate to SIGKILL
        'node -e "require(\'net\').createServer().listen(Number(process.argv[1]), \'127.0.0.1\')" "$2"',
      ].join('\n'),
    );
    const program = new Program(workspace, () => {});
    await program.start({ port: await freePort(), dir: workspace, bindTimeoutMs: 5000 });
    const childPid = Number(await readFile(join(workspace, 'child.pid'), 'utf8'));
    expect(await alive(childPid)).toBe(true);
    await program.stop(300);
    expect(await alive(childPid)).toBe(false);
    expect(program.exit()).toBeDefined();
  });

  test('a tester that exits in the middle of a start takes the program with it', async () => {
    const workspace = await workspaceWith('echo $$ > program.pid; exec sleep 60');
    const pidFile = join(workspace, 'program.pid');
    const tester = [
      `import { existsSync } from 'node:fs';`,
      `import { Program } from ${JSON.stringify(join(import.meta.dirname, '..', 'checks', 'program.ts'))};`,
      `const run = new Program(${JSON.stringify(workspace)}, () => {});`,
      `run.start({ port: 1, dir: ${JSON.stringify(workspace)}, bindTimeoutMs: 60000 }).catch(() => {});`,
      // Exits the way a CLI does on Ctrl-C, once the program is running.
      `const wait = () => (existsSync(${JSON.stringify(pidFile)}) ? process.exit(0) : setTimeout(wait, 20));`,
      'wait();',
    ].join('\n');
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', tester]);
    const pid = Number(await readFile(pidFile, 'utf8'));
    const leaked = await alive(pid);
    if (leaked) process.kill(pid, 'SIGKILL');
    expect(leaked).toBe(false);
  });

  const listen =
    'exec node -e "require(\'net\').createServer().listen(Number(process.argv[1]), \'127.0.0.1\')" "$2"';

  test('the output keeps the last 20 lines', async () => {
    const program = new Program(
      await workspaceWith(`for i in $(seq 1 30); do echo "line $i"; done; ${listen}`),
      () => {},
    );
    try {
      await program.start({ port: await freePort(), dir: tmpdir(), bindTimeoutMs: 5000 });
      expect(program.lastOutput()).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 11}`));
    } finally {
      await program.stop();
    }
  });

  test('a restart is marked in the output', async () => {
    const program = new Program(await workspaceWith(`echo started; ${listen}`), () => {});
    try {
      await program.start({ port: await freePort(), dir: tmpdir(), bindTimeoutMs: 5000 });
      await program.stop();
      await program.start({ port: await freePort(), dir: tmpdir(), bindTimeoutMs: 5000 });
      expect(program.lastOutput()).toEqual([
        'started',
        '--- the tester started ./your_program.sh again ---',
        'started',
      ]);
    } finally {
      await program.stop();
    }
  });
});
