// Story 12's evidence pack: the reads and writes of a toy Redis server whose reader takes one command
// per read, printed the way `strace -tt -e trace=read,write -s 65536` prints them. A seeded simulation,
// not a recording: one client pipelines 30 commands in a single write and waits; another pipelines
// 200 commands in 4 KiB writes, so its reads end in the middle of a command. The commands are RESP
// arrays of SET and INCR with keys and values of ours.
import { seededRandom } from './random.ts';

export const pipelineStraceSettings = {
  seed: 20231012,
  pid: 4242,
  /** The first client: commands in one write, and how long it waits before giving up. */
  small: { fd: 7, commands: 30, waitSeconds: 5 },
  /** The second client: commands, written in chunks of this many bytes. */
  large: { fd: 8, commands: 200, chunkBytes: 4096 },
} as const;

function resp(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** The bytes as strace shows them: \r and \n escaped, the rest printable here. */
function straceString(bytes: string): string {
  return bytes.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

export function pipelineStrace(settings = pipelineStraceSettings): string {
  const random = seededRandom(settings.seed);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const counters = new Map<string, number>();
  const commands = (n: number) =>
    Array.from({ length: n }, () => {
      if (random() < 0.3) {
        const key = `counter:${String(Math.floor(random() * 12)).padStart(2, '0')}`;
        counters.set(key, (counters.get(key) ?? 0) + 1);
        return { bytes: resp(['INCR', key]), reply: `:${counters.get(key)}\r\n` };
      }
      const key = `key:${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
      return { bytes: resp(['SET', key, `v-${hex(4 + Math.floor(random() * 12))}`]), reply: '+OK\r\n' };
    });

  let t = 10 * 3600 + 42 * 60 + 1.1 + random() * 0.1;
  const lines = [`strace: Process ${settings.pid} attached`];
  const at = () => {
    const h = Math.floor(t / 3600);
    const m = Math.floor((t % 3600) / 60);
    const s = t % 60;
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(6).padStart(9, '0')}`;
  };
  const read = (fd: number, bytes: string) => {
    lines.push(`${at()} read(${fd}, "${straceString(bytes)}", 65536) = ${Buffer.byteLength(bytes)}`);
    t += 0.00002 + random() * 0.00004;
  };
  const write = (fd: number, bytes: string) => {
    const n = Buffer.byteLength(bytes);
    lines.push(`${at()} write(${fd}, "${straceString(bytes)}", ${n}) = ${n}`);
    t += 0.00002 + random() * 0.00004;
  };

  // The first client: one write of 30 commands, one read of all of them, one reply, then silence
  // until the client gives up and closes.
  const small = commands(settings.small.commands);
  const start = t;
  read(settings.small.fd, small.map((c) => c.bytes).join(''));
  write(settings.small.fd, small[0]?.reply ?? '');
  t += 0.2 + random() * 0.3;

  // The second client: its pipeline arrives in chunks; each read gets one reply, to the command the
  // chunk starts with when it starts with one.
  const large = commands(settings.large.commands);
  const stream = large.map((c) => c.bytes).join('');
  const starts: number[] = [];
  large.reduce((at, c) => {
    starts.push(at);
    return at + c.bytes.length;
  }, 0);
  for (let offset = 0; offset < stream.length; offset += settings.large.chunkBytes) {
    const chunk = stream.slice(offset, offset + settings.large.chunkBytes);
    read(settings.large.fd, chunk);
    const first = starts.indexOf(offset);
    if (first !== -1) write(settings.large.fd, large[first]?.reply ?? '');
    t += 0.0005 + random() * 0.001;
  }

  // Both clients give up waiting for the rest of their replies, and close.
  t = start + settings.small.waitSeconds + random() * 0.01;
  read(settings.small.fd, '');
  t += 1 + random();
  read(settings.large.fd, '');
  return `${lines.join('\n')}\n`;
}
