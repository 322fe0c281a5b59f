// A TCP proxy between a real client (ioredis, redis-cli) and the learner's server that records the bytes
// both ways, so a failure can show what the client sent and what the server answered.
import net from 'node:net';
import type { Endpoint } from '@storylabs/lab-kit/manifest';
import { escapeBytes } from './resp.ts';

interface Chunk {
  from: 'client' | 'server';
  bytes: Buffer;
}

export interface RecordingProxy {
  endpoint: Endpoint;
  /** The recorded exchange since the last `reset()`, oldest first, as indented lines. */
  transcript(clientName: string, maxChunks?: number): string;
  reset(): void;
  close(): Promise<void>;
}

export function startRecordingProxy(target: Endpoint): Promise<RecordingProxy> {
  let chunks: Chunk[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.host, port: target.port });
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (bytes: Buffer) => {
      chunks.push({ from: 'client', bytes });
      upstream.write(bytes);
    });
    upstream.on('data', (bytes: Buffer) => {
      chunks.push({ from: 'server', bytes });
      client.write(bytes);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address !== 'object') {
        reject(new Error('the recording proxy has no port'));
        return;
      }
      resolve({
        endpoint: { host: '127.0.0.1', port: address.port },
        transcript(clientName, maxChunks = 12) {
          if (chunks.length === 0) return '  (nothing was sent either way)';
          const shown = chunks.slice(-maxChunks);
          const lines = shown.map((chunk) => {
            const who = chunk.from === 'client' ? `${clientName} sent:` : 'your server replied:';
            return `  ${who.padEnd(Math.max(clientName.length + 6, 20))} ${escapeBytes(chunk.bytes, 200)}`;
          });
          if (shown.length < chunks.length)
            lines.unshift(`  (${chunks.length - shown.length} earlier chunks left out)`);
          return lines.join('\n');
        },
        reset() {
          chunks = [];
        },
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
