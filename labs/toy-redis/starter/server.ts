// Your toy Redis. It starts, listens and accepts connections, and does nothing else yet: the first
// stage after `bind` fails until it answers PING. Grow it stage by stage (README.md lists them).
//
// Node.js 22.18+ runs this file directly (TypeScript types are stripped). Print whatever helps you:
// when a check fails, the tester shows your program's last lines of output.
import net from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '6379' },
    dir: { type: 'string', default: '.' },
  },
});
const port = Number(values.port);

const server = net.createServer((socket) => {
  console.log(`client connected from port ${socket.remotePort}`);

  socket.on('data', (chunk: Buffer) => {
    // The bytes of one or more commands (or part of one). Showing them escaped makes RESP visible:
    // PING arrives as "*1\r\n$4\r\nPING\r\n".
    console.log(`received ${JSON.stringify(chunk.toString('latin1'))}`);
    // Stage ping: reply to PING with the simple string "+PONG\r\n", e.g. socket.write('+PONG\r\n').
  });

  socket.on('error', (err) => {
    // A client that disconnects abruptly causes ECONNRESET: log it, never crash on it.
    console.log(`client error: ${err.message}`);
  });

  socket.on('close', () => {
    console.log('client disconnected');
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`toy redis listening on 127.0.0.1:${port} (data directory: ${values.dir})`);
});
