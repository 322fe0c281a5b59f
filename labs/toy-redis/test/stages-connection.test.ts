// The tester's reads on a busy machine: time during which the tester itself did not run does not count
// against the server, and a reply that arrived meanwhile is taken as a reply. A silent server still
// times out, with the same message.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, expect, test } from 'vitest';
import { Patience } from '../checks/clock.ts';
import { RespConnection } from '../checks/connection.ts';

/** Blocks this process's event loop, the way a busy machine keeps the tester from running. */
function freeze(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spin.
  }
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A server in another process (it keeps running while this one is frozen): replies +PONG after `delayMs`, or never. */
async function startServer(delayMs: number | undefined): Promise<number> {
  const reply = delayMs === undefined ? '' : `setTimeout(() => s.write('+PONG\\r\\n'), ${delayMs})`;
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('node:net').createServer((s) => { s.on('error', () => {}); s.on('data', () => { ${reply} }); })` +
        `.listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return Number(line.toString().trim());
}

test('a reply that came while the tester was kept from running for longer than the timeout is read as the reply', async () => {
  const port = await startServer(100);
  const connection = await RespConnection.open({ host: '127.0.0.1', port });
  try {
    await connection.write(Buffer.from('*1\r\n$4\r\nPING\r\n'));
    // The server answers after 100 ms; the tester does not run from 20 ms to 2.52 s. The pause is in
    // the event loop's check phase: the next turn runs due timers before it reads the socket, so a
    // plain 2 s timer would declare a timeout with the reply already waiting.
    setTimeout(() => setImmediate(() => freeze(2500)), 20);
    const outcome = await connection.read(2000);
    expect(outcome.kind).toBe('reply');
  } finally {
    connection.close();
  }
});

test('a silent server still times out after the same time when the tester runs freely', async () => {
  const port = await startServer(undefined);
  const connection = await RespConnection.open({ host: '127.0.0.1', port });
  try {
    await connection.write(Buffer.from('*1\r\n$4\r\nPING\r\n'));
    const started = performance.now();
    const outcome = await connection.read(2000);
    const waited = performance.now() - started;
    expect(outcome).toMatchObject({ kind: 'timeout', waitedMs: 2000 });
    // The budget is the tester's running time: never less than the limit, and on a free tester not
    // much more (generous bounds: this asserts the budget, not the machine's speed).
    expect(waited).toBeGreaterThanOrEqual(2000);
    expect(waited).toBeLessThan(20_000);
  } finally {
    connection.close();
  }
});

test('a silent server times out also when the tester was kept from running meanwhile', async () => {
  const port = await startServer(undefined);
  const connection = await RespConnection.open({ host: '127.0.0.1', port });
  try {
    await connection.write(Buffer.from('*1\r\n$4\r\nPING\r\n'));
    setTimeout(() => setImmediate(() => freeze(2500)), 20);
    expect(await connection.read(2000)).toMatchObject({ kind: 'timeout', waitedMs: 2000 });
  } finally {
    connection.close();
  }
});

test("time the server spent waiting for a CPU (a busy machine) does not count against it; a sleeping server's does", async () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const started = performance.now();
  // A server kept off the CPU for 90% of the time, as /proc/<pid>/schedstat would report it.
  const starved = new Patience(300, () => (performance.now() - started) * 0.9);
  const sleeping = new Patience(300, () => 0);
  for (let i = 0; i < 6; i++) {
    await sleep(100);
    starved.spent();
    sleeping.spent();
  }
  expect(sleeping.exhausted()).toBe(true);
  expect(starved.exhausted()).toBe(false);
});
