import type { Stage } from '../stage.ts';
import { PONG } from './replies.ts';

export const concurrentClients: Stage = {
  id: 'concurrent-clients',
  title: 'Concurrent clients',
  timeoutMs: 20_000,
  spec: `Checks that one client cannot hold up the others.

1. Opens connection 1 and sends nothing on it: an idle client that stays connected.
2. Opens connections 2, 3 and 4 and sends 8 to 12 \`PING\`s, each on a randomly chosen one of them,
   waiting for each reply.
3. Closes connection 3, then sends a \`PING\` on connection 2 and on connection 4.
4. Finally sends a \`PING\` on the idle connection 1.

- **Expects** \`+PONG\\r\\n\` to every \`PING\`, each within 2 s.`,
  hints: [
    'Serve every connection at the same time: a server that handles one client until it disconnects fails here.',
    'In Node one `net.createServer` callback per connection does this for free, as long as nothing blocks the event loop (no synchronous loop waiting for data).',
    'Closing one client must not affect the others: handle "error" and "close" on each socket, and keep no per-server "current socket".',
  ],
  async run(t) {
    await t.startProgram();
    const idle = await t.connect();
    const active = [await t.connect(), await t.connect(), await t.connect()];
    const hint = 'Each connection must be served while the others stay open, idle or busy.';
    const pings = t.rng.int(8, 12);
    for (let i = 0; i < pings; i++) {
      await t.rng.pick(active).call(['PING'], { expect: PONG, hint });
    }
    const [second, third, fourth] = active;
    if (!second || !third || !fourth) throw new Error('three active connections');
    third.close();
    await second.call(['PING'], {
      expect: PONG,
      hint: 'Another client just disconnected: that must not affect this one.',
    });
    await fourth.call(['PING'], {
      expect: PONG,
      hint: 'Another client just disconnected: that must not affect this one.',
    });
    await idle.call(['PING'], {
      expect: PONG,
      hint: 'This connection stayed idle since it opened; it must still be served.',
    });
  },
};
