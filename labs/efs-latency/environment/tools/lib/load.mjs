// Traffic for the video API through nginx. Two kinds of clients, as in production:
//   - the web app: single requests arriving at random (a Poisson process) at --rate per second;
//   - the batch uploader: it submits --batch jobs, at most --batch-concurrency at a time (each of its
//     workers sends the next job as soon as the previous one is answered), waits --batch-every seconds
//     after the last one is answered, and submits the next batch. Like a cron job that never overlaps
//     itself, it never has two batches in flight, however slow the service is.
// Runs forever, or --duration seconds (then waits for every answer and prints a summary).
// Random choices come from --seed (printed), so a run can be replayed.
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'http://nginx' },
    rate: { type: 'string', default: '2' },
    batch: { type: 'string', default: '0' },
    'batch-concurrency': { type: 'string', default: '0' },
    'batch-every': { type: 'string', default: '40' },
    'batch-offset': { type: 'string', default: '5' },
    duration: { type: 'string', default: '0' },
    seed: { type: 'string' },
    'id-prefix': { type: 'string', default: '' },
    'user-agent': { type: 'string', default: 'video-client/1.4' },
    json: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

function number(name, min) {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min) {
    console.error(`load: --${name} must be a number >= ${min}, got '${values[name]}'`);
    process.exit(2);
  }
  return value;
}

const rate = number('rate', 0);
const batch = Math.floor(number('batch', 0));
const batchConcurrency = Math.floor(number('batch-concurrency', 0)) || batch;
const batchEvery = number('batch-every', 1);
const batchOffset = number('batch-offset', 0);
const duration = number('duration', 0);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Math.floor(number('seed', 0));
const prefix = values['id-prefix'];
if (prefix && !/^[A-Za-z0-9-]{1,30}$/.test(prefix)) {
  console.error('load: --id-prefix takes letters, digits and dashes (at most 30)');
  process.exit(2);
}

let state = seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const target = new URL(values.target);
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
const results = [];
let inFlight = 0;
let sent = 0;
const started = performance.now();

function send(kind) {
  let resolve;
  const answered = new Promise((r) => {
    resolve = r;
  });
  const video = 1 + Math.floor(random() * 200);
  sent += 1;
  const id = prefix ? `${prefix}-${sent}` : undefined;
  const t0 = performance.now();
  inFlight += 1;
  const headers = { 'user-agent': values['user-agent'], 'content-length': '0' };
  if (id) headers['x-request-id'] = id;
  const req = request(
    {
      host: target.hostname,
      port: target.port || 80,
      method: 'POST',
      path: `/api/process?video=${video}`,
      agent,
      headers,
      timeout: 120_000,
    },
    (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0, res.headers['x-request-id']));
    },
  );
  const done = (status, requestId) => {
    inFlight -= 1;
    results.push({ id: requestId ?? id ?? '', status, ms: performance.now() - t0, kind });
    if (results.length > 100_000 && duration === 0) results.splice(0, 50_000);
    resolve();
  };
  req.on('timeout', () => req.destroy(new Error('no answer within 120 s')));
  req.on('error', (error) => {
    if (!values.quiet) console.error(`load: ${error.message}`);
    done(0, undefined);
  });
  req.end();
  return answered;
}

const timers = [];
function webApp() {
  if (rate <= 0) return;
  const next = () => {
    const wait = (-Math.log(1 - random()) / rate) * 1000;
    timers.push(
      setTimeout(() => {
        send('web');
        next();
      }, wait),
    );
  };
  next();
}
let stopped = false;
function uploader() {
  if (batch <= 0) return;
  const run = async () => {
    let left = batch;
    const worker = async () => {
      while (left > 0 && !stopped) {
        left -= 1;
        await send('batch');
      }
    };
    await Promise.all(Array.from({ length: Math.min(batchConcurrency, batch) }, worker));
  };
  const pause = (seconds) =>
    new Promise((resolve) => {
      timers.push(setTimeout(resolve, seconds * 1000));
    });
  (async () => {
    await pause(batchOffset);
    while (!stopped) {
      await run();
      if (!stopped) await pause(batchEvery);
    }
  })();
}

if (!values.quiet && !values.json) {
  console.error(
    `load: ${rate}/s single requests${batch ? ` + a batch of ${batch} (${batchConcurrency} at a time), the next ${batchEvery} s after the last is answered` : ''} to ${target.origin} (seed ${seed})`,
  );
}
webApp();
uploader();

const stop = () => {
  stopped = true;
  for (const t of timers) {
    clearTimeout(t);
    clearInterval(t);
  }
};
process.on('SIGTERM', () => {
  stop();
  process.exit(0);
});
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

if (duration > 0) {
  setTimeout(async () => {
    stop();
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 100));
    agent.destroy();
    const windowMs = performance.now() - started;
    if (values.json) {
      console.log(JSON.stringify({ seed, windowMs, sent, results }));
    } else {
      const ms = results.map((r) => r.ms).sort((a, b) => a - b);
      const q = (p) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] ?? 0;
      const bad = results.filter((r) => r.status !== 200).length;
      console.log(
        `load: ${results.length} requests in ${(windowMs / 1000).toFixed(1)} s, ${bad} not 200; client-side p50 ${q(50).toFixed(0)} ms, p90 ${q(90).toFixed(0)} ms, p99 ${q(99).toFixed(0)} ms (seed ${seed})`,
      );
    }
  }, duration * 1000);
}
