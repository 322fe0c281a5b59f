// The video-processing API. One process per replica; every replica shares the same file system (the
// "EFS" mount), the same database and the same configuration file.
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, watchFile } from 'node:fs';
import { createServer } from 'node:http';
import { createDatabase } from './db.mjs';
import { createEfs, VIDEOS } from './efs.mjs';
import { processVideo } from './handler.mjs';

const CONFIG = process.env.CONFIG ?? '/etc/video-api/config.json';
const REPLICA = process.env.REPLICA ?? 'api';
const LOG_FILE = process.env.LOG_FILE ?? '';

function log(line) {
  const text = `${new Date().toISOString()} ${REPLICA} ${line}`;
  console.log(text);
  if (LOG_FILE) {
    try {
      appendFileSync(LOG_FILE, `${text}\n`);
    } catch {}
  }
}

function readConfig() {
  return JSON.parse(readFileSync(CONFIG, 'utf8'));
}

let config = readConfig();
const db = createDatabase(config.database);
const efs = createEfs(config.efs.root);

watchFile(CONFIG, { interval: 1000 }, () => {
  let next;
  try {
    next = readConfig();
  } catch (error) {
    log(`config: ${CONFIG} not reloaded, keeping the previous settings: ${error.message}`);
    return;
  }
  config = next;
  const poolChanged = db.configure(next.database);
  log(
    `config: reloaded (database pool ${next.database.pool}${poolChanged ? ', new pool' : ''}, timing ${next.log?.timing ? 'on' : 'off'})`,
  );
});

/** Times the steps of one request; prints a line per step when the configuration asks for it. */
function timingFor(requestId) {
  const enabled = Boolean(config.log?.timing);
  return {
    async step(name, work) {
      if (!enabled) return work();
      const start = performance.now();
      try {
        return await work();
      } finally {
        log(`request_id=${requestId} step=${name} ms=${(performance.now() - start).toFixed(1)}`);
      }
    },
  };
}

let inFlight = 0;

function send(res, status, body) {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://api');
  if (url.pathname === '/healthz') {
    // Answers without the database: a replica whose pool is busy is still alive.
    send(res, 200, { replica: REPLICA, inFlight, pool: db.stats(), timing: Boolean(config.log?.timing) });
    return;
  }
  if (url.pathname !== '/api/process') return send(res, 404, { error: 'not found' });
  if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
  const videoId = Number(url.searchParams.get('video'));
  if (!Number.isInteger(videoId) || videoId < 1 || videoId > VIDEOS) {
    return send(res, 400, { error: `video must be a whole number from 1 to ${VIDEOS}` });
  }
  const header = req.headers['x-request-id'];
  const requestId = typeof header === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(header) ? header : randomUUID();
  req.resume();
  inFlight += 1;
  try {
    const job = await processVideo({ requestId, videoId }, { db, efs, timing: timingFor(requestId) });
    send(res, 200, job);
  } catch (error) {
    log(`request_id=${requestId} error=${JSON.stringify(error.message)}`);
    send(res, 500, { error: 'processing failed', requestId });
  } finally {
    inFlight -= 1;
  }
});

server.keepAliveTimeout = 65_000;
server.listen(config.listen ?? 8080, () =>
  log(`listening on :${config.listen ?? 8080}, database pool ${config.database.pool}`),
);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    db.end().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
