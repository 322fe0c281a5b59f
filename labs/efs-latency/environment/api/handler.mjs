// POST /api/process?video=<id>: combines the chunks of a video into one file on the shared file system
// and records the job.
import { createHash } from 'node:crypto';

export async function processVideo({ requestId, videoId }, { db, efs, timing }) {
  const client = await timing.step('connect', () => db.connect());
  try {
    await client.query('BEGIN');
    await client.query("INSERT INTO jobs (request_id, video_id, status) VALUES ($1, $2, 'processing')", [
      requestId,
      videoId,
    ]);
    const chunks = await timing.step('read', () => efs.readChunks(videoId));
    const combined = await timing.step('combine', () => Buffer.concat(chunks));
    const digest = createHash('sha256').update(combined).digest('hex');
    const output = await timing.step('write', () => efs.writeOutput(requestId, combined));
    await timing.step('record', () =>
      client.query(
        "UPDATE jobs SET status = 'done', output_path = $2, bytes = $3, finished_at = now() WHERE request_id = $1",
        [requestId, output, combined.length],
      ),
    );
    await client.query('COMMIT');
    return { requestId, videoId, output, bytes: combined.length, sha256: digest };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
