// Malformed input gets Redis's protocol error and a closed connection; nothing a client sends, or
// fails to send, disturbs the server or its other clients.

import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../solution/server.ts';
import type { RawClient, TestServer } from './solution-raw-client.ts';
import { encodeCommand, startTestServer } from './solution-raw-client.ts';

let server: TestServer;
let bystander: RawClient;

beforeAll(async () => {
  server = await startTestServer();
  bystander = await server.connect();
  await bystander.call('SET', 'bystander', 'still here');
});

afterAll(async () => {
  bystander.close();
  await server.stop();
});

async function bystanderStillServed(): Promise<void> {
  expect(await bystander.call('PING')).toBe('+PONG\r\n');
  expect(await bystander.call('GET', 'bystander')).toBe('$10\r\nstill here\r\n');
}

const protocolError = (what: string) => `-ERR Protocol error: ${what}\r\n`;

// Each reply is what redis-server 7.0.15 sends before it closes the connection.
const malformed: [string, string | Buffer, string][] = [
  ['a count that is not a number', '*abc\r\n', protocolError('invalid multibulk length')],
  ['an empty count', '*\r\n', protocolError('invalid multibulk length')],
  ['a count with a leading zero', '*03\r\n', protocolError('invalid multibulk length')],
  ['a count above INT_MAX', '*2147483648\r\n', protocolError('invalid multibulk length')],
  ['a count line ended by LF alone', '*1\n$4\r\nPING\r\n', protocolError('invalid multibulk length')],
  ['random bytes after *', Buffer.from([42, 255, 254, 13, 10]), protocolError('invalid multibulk length')],
  ["a bulk without '$'", '*1\r\nx4\r\nPING\r\n', protocolError("expected '$', got 'x'")],
  ["an empty line where '$' belongs", '*1\r\n\r\n', protocolError("expected '$', got ' '")],
  ['a negative bulk length', '*1\r\n$-1\r\n', protocolError('invalid bulk length')],
  ['a bulk length over 512 MB', '*1\r\n$536870913\r\n', protocolError('invalid bulk length')],
  ['a bulk length that is not a number', '*1\r\n$abc\r\n', protocolError('invalid bulk length')],
  ['a bulk length line ended by LF alone', '*1\r\n$4\nPING\r\n', protocolError('invalid bulk length')],
  ['unbalanced double quotes inline', 'ECHO "unbalanced\r\n', protocolError('unbalanced quotes in request')],
  ['a closing quote followed by a letter', 'ECHO "a"b\r\n', protocolError('unbalanced quotes in request')],
  ['an inline request over 64 KB', 'a'.repeat(65537), protocolError('too big inline request')],
  [
    'an inline line over 64 KB with its newline',
    `ECHO ${'a'.repeat(100_000)}\r\n`,
    protocolError('too big inline request'),
  ],
  ['a count line over 64 KB', `*${'1'.repeat(70000)}`, protocolError('too big mbulk count string')],
  [
    'a bulk length line over 64 KB',
    `*1\r\n$${'1'.repeat(70000)}`,
    protocolError('too big bulk count string'),
  ],
  [
    'a good command, then a bad one, in one write',
    'PING\r\n*1\r\n$x\r\nPING\r\n',
    `+PONG\r\n${protocolError('invalid bulk length')}`,
  ],
];

describe('malformed requests', () => {
  it.each(malformed)('%s: protocol error, then the connection closes', async (_, bytes, expected) => {
    const client = await server.connect();
    client.send(bytes);
    expect(await client.untilClosed()).toBe(expected);
    await bystanderStillServed();
  });

  it('accepts what Redis accepts: *0 and negative counts are skipped, the two bytes after a bulk are not checked', async () => {
    const client = await server.connect();
    client.send('*0\r\n*-1\r\n*1\r\n$4\r\nPINGXY*1\r\n$4\r\nPING\r\n');
    expect(await client.replies(2)).toEqual(['+PONG\r\n', '+PONG\r\n']);
    client.close();
  });
});

describe('clients that are slow, many or large', () => {
  it('serves others while a client has sent half a command, and finishes it when the rest comes', async () => {
    const stalled = await server.connect();
    stalled.send('*2\r\n$3\r\nGET\r\n$9\r\nbysta');
    const stalledInline = await server.connect();
    stalledInline.send('ECHO "half');
    await bystanderStillServed();
    stalled.send('nder\r\n');
    expect(await stalled.replies(1)).toEqual(['$10\r\nstill here\r\n']);
    stalledInline.send(' a line"\r\n');
    expect(await stalledInline.replies(1)).toEqual(['$11\r\nhalf a line\r\n']);
    stalled.close();
    stalledInline.close();
  });

  it('answers a client that sends its commands and then shuts its side (nc at the end of input)', async () => {
    const client = await server.connect();
    client.send('SET piped 1\r\nINCR piped\r\nGET piped\r\n*2\r\n$3\r\nGET\r\n$3\r\nunf');
    client.endSending();
    expect(await client.untilClosed()).toBe('+OK\r\n:2\r\n$1\r\n2\r\n');
  });

  it('reassembles a command sent one byte at a time', async () => {
    const client = await server.connect();
    const bytes = encodeCommand(['SET', 'slow', 'drip']);
    for (const byte of bytes) {
      client.send(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await client.replies(1)).toEqual(['+OK\r\n']);
    expect(await client.call('GET', 'slow')).toBe('$4\r\ndrip\r\n');
    client.close();
  });

  it('takes an 8 MB value arriving in small pieces', async () => {
    const client = await server.connect();
    const value = Buffer.alloc(8 * 1024 * 1024, 'x');
    value.write('start', 0);
    value.write('end', value.length - 3);
    const bytes = encodeCommand(['SET', 'big', value]);
    for (let offset = 0; offset < bytes.length; offset += 4096)
      client.send(bytes.subarray(offset, offset + 4096));
    expect(await client.replies(1)).toEqual(['+OK\r\n']);
    const reply = await client.call('GET', 'big');
    expect(reply.length).toBe(value.length + `$${value.length}\r\n\r\n`.length);
    expect(reply.slice(-5)).toBe('end\r\n');
    client.close();
  });

  it('keeps the replies of a client that does not read them, in order, until it does', async () => {
    const value = Buffer.alloc(1024 * 1024, 'v');
    expect(await bystander.call('SET', 'large', value)).toBe('+OK\r\n');
    // 64 MB of replies, far more than the kernel's socket buffers hold: the server must queue them.
    const count = 64;
    const slow = connect({ port: server.server.port, host: '127.0.0.1' });
    slow.pause();
    await new Promise((resolve) => slow.once('connect', resolve));
    const requests: Buffer[] = [];
    for (let i = 0; i < count; i++)
      requests.push(encodeCommand(['GET', 'large']), encodeCommand(['ECHO', `#${i}`]));
    slow.write(Buffer.concat(requests));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await bystanderStillServed();

    const expected = Buffer.concat(
      Array.from({ length: count }, (_, i) => [
        Buffer.from(`$${value.length}\r\n`),
        value,
        Buffer.from(`\r\n$${`#${i}`.length}\r\n#${i}\r\n`),
      ]).flat(),
    );
    const received: Buffer[] = [];
    let length = 0;
    await new Promise<void>((resolve, reject) => {
      slow.on('data', (chunk: Buffer) => {
        received.push(chunk);
        length += chunk.length;
        if (length >= expected.length) resolve();
      });
      slow.once('error', reject);
      slow.resume();
    });
    expect(Buffer.concat(received).equals(expected)).toBe(true);
    // Reading resumed once the queued replies were out.
    slow.removeAllListeners('data');
    const pong = new Promise<string>((resolve) =>
      slow.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    slow.write(encodeCommand(['PING']));
    expect(await pong).toBe('+PONG\r\n');
    slow.destroy();
  });

  it('serves others after a client that left without reading its queued replies', async () => {
    const value = Buffer.alloc(1024 * 1024, 'w');
    expect(await bystander.call('SET', 'large', value)).toBe('+OK\r\n');
    const gone = connect({ port: server.server.port, host: '127.0.0.1' });
    gone.pause();
    gone.on('error', () => {});
    await new Promise((resolve) => gone.once('connect', resolve));
    gone.write(Buffer.concat(Array.from({ length: 32 }, () => encodeCommand(['GET', 'large']))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    gone.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bystanderStillServed();
  });

  it('serves 1,000 concurrent connections, each with its own SET and GET', async () => {
    const keysBefore = Number((await bystander.call('DBSIZE')).slice(1, -2));
    const clients = await Promise.all(Array.from({ length: 1000 }, () => server.connect()));
    const replies = await Promise.all(
      clients.map(async (client, i) => [
        await client.call('SET', `conn:${i}`, `value-${i}`),
        await client.call('GET', `conn:${i}`),
      ]),
    );
    replies.forEach((pair, i) => {
      expect(pair).toEqual(['+OK\r\n', `$${`value-${i}`.length}\r\nvalue-${i}\r\n`]);
    });
    expect(await bystander.call('DBSIZE')).toBe(`:${keysBefore + 1000}\r\n`);
    for (const client of clients) client.close();
  });
});

describe('starting', () => {
  it('fails with the listen error when the port is taken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toy-redis-port-taken-'));
    try {
      await expect(startServer({ port: server.server.port, dir })).rejects.toThrow('EADDRINUSE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await bystanderStillServed();
  });
});
