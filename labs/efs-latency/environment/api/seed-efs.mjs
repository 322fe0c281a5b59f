// Fills the shared file system with the videos the API combines: 200 videos of 4 chunks each. Runs under a
// lock, once, whichever replica starts first.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { CHUNK_BYTES, CHUNKS, chunkPath, outputDir, VIDEOS } from './efs.mjs';

const root = process.env.EFS_ROOT ?? '/mnt/efs';
const marker = `${root}/videos/.complete`;
if (!existsSync(marker)) {
  for (let video = 1; video <= VIDEOS; video++) {
    await mkdir(`${root}/videos/${video}`, { recursive: true });
    for (let chunk = 0; chunk < CHUNKS; chunk++) {
      await writeFile(chunkPath(root, video, chunk), randomBytes(CHUNK_BYTES));
    }
  }
  await mkdir(outputDir(root), { recursive: true });
  await writeFile(marker, `${new Date().toISOString()}\n`);
  console.log(`efs: wrote ${VIDEOS} videos of ${CHUNKS} chunks to ${root}/videos`);
}
