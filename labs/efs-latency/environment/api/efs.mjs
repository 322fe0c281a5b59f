// The "EFS" side of the service: the chunks of each video on the shared file system, and the combined
// output written back next to them.
//
// The lab's shared file system is a Docker volume on a local disk, which answers in microseconds. EFS is
// NFS over the network: every open, read, write, flush and close is a round trip to a mount target, and
// AWS describes its per-operation latency as sub-millisecond to low single-digit milliseconds. So that the
// file work takes as long here as it did in production, each operation waits EFS_READ_MS (reads, opens,
// closes) or EFS_WRITE_MS (writes and flushes) after the local disk has answered. Nothing here waits for
// this machine's disk (no fsync): the file work must cost the same whatever else the machine is doing.
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export const VIDEOS = 200;
export const CHUNKS = 4;
export const CHUNK_BYTES = 16 * 1024;

export const chunkPath = (root, video, chunk) => `${root}/videos/${video}/chunk-${chunk}.ts`;
export const outputDir = (root) => `${root}/out`;

const READ_MS = Number(process.env.EFS_READ_MS ?? 0);
const WRITE_MS = Number(process.env.EFS_WRITE_MS ?? 0);

async function op(kind, work) {
  const result = await work();
  const wait = kind === 'write' ? WRITE_MS : READ_MS;
  if (wait > 0) await sleep(wait);
  return result;
}

export function createEfs(root) {
  return {
    /** The chunks of a video, read one after the other, in order. */
    async readChunks(video) {
      const readOne = async (chunk) => {
        const file = await op('read', () => open(chunkPath(root, video, chunk), 'r'));
        try {
          return await op('read', () => file.readFile());
        } finally {
          await op('read', () => file.close());
        }
      };
      const chunks = [];
      for (let chunk = 0; chunk < CHUNKS; chunk++) chunks.push(await readOne(chunk));
      return chunks;
    },
    /** Writes the combined video and flushes it to the file system before returning its path. */
    async writeOutput(name, data) {
      const path = `${outputDir(root)}/${name}.mp4`;
      const file = await op('write', () => open(path, 'w'));
      try {
        await op('write', () => file.writeFile(data));
        // The flush: EFS sends the data to the mount target and waits for it (close-to-open
        // consistency), which EFS_WRITE_MS stands for. An fsync of this machine's disk would time
        // the laptop's disk and whatever else is using it, not the network file system.
        await op('write', () => undefined);
      } finally {
        await op('read', () => file.close());
      }
      return path;
    },
  };
}
