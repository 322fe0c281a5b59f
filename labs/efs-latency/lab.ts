import { type CheckContext, defineLab } from '@storylabs/lab-kit/manifest';
import {
  checkIndexedStatement,
  checkStandardLoad,
  latencyPercentile,
  medianFileWork,
} from './checks/objectives.ts';
import { instructor } from './instructor.ts';
import { applySolution } from './solution/apply.ts';

const briefing = `It is your first day as the team's tech lead. Before you have found the coffee machine, the CTO
stops by your desk:

> "Our video-processing API is painfully slow, and customers have noticed. It's EFS, I'm fairly sure:
> everything goes through that shared file system. Could you confirm it, so we can plan the move off it?"

Nobody has set up metrics or tracing here. What you have is what the team had: logs, a shell, and the
source.

**The system** (traffic is flowing: a web app sends single requests, a batch uploader sends many)

- \`nginx\` receives \`POST /api/process?video=<id>\` and spreads it over two API replicas, \`api-1\` and
  \`api-2\`. Its access log is \`/var/log/lab/nginx-access.log\`.
- Each replica reads a video's chunks from the shared file system mounted at \`/mnt/efs\` (the "EFS"),
  combines them, writes the result back to \`/mnt/efs/out\`, and records the job in PostgreSQL (\`db\`).
  The replicas' code is in \`/app\`; their configuration file, shared by both, is
  \`/etc/video-api/config.json\` (they reload it when it changes); their own log is
  \`/var/log/lab/<replica>.log\`.
- \`tools\` is your shell, with grep, awk, sort, tr, psql, curl, fio and dd, the shared file system,
  the logs and the configuration: \`pnpm lab shell efs-latency tools\`.

\`report\` in the tools container prints the latency of the endpoint from nginx's log as percentiles
and a histogram (\`report --help\`; \`report --svg -\` prints the same as an SVG chart):
\`pnpm lab exec efs-latency tools -- report\`.

Find out where the time goes before anyone moves a byte. \`pnpm lab check efs-latency\` tells you
where you stand; \`pnpm lab hint efs-latency\` helps when you are stuck.`;

const walkthrough = `**1. Measure the API, not the storage.** nginx's access log has the time of every request
(\`request_time\`). Cut the endpoint's lines out and sort them:

\`\`\`sh
grep 'POST /api/process' /var/log/lab/nginx-access.log | grep -v 'request_id=chk-' \\
  | awk '{ sub("request_time=", "", $(NF-1)); print $(NF-1) * 1000 }' | sort -n > /tmp/ms
n=$(wc -l < /tmp/ms)
for p in 50 90 99; do awk -v p=$p -v n=$n 'NR == int((p * n + 99) / 100) { print "p" p, $1 " ms" }' /tmp/ms; done
\`\`\`

(\`report\` does the same and draws the histogram.) The latency has two humps: requests that take a few
hundred milliseconds, and requests that take more than 8 seconds, with almost nothing in between.
Storage that is slow would make every request slow; two humps mean some requests wait for something.

**2. Time the steps.** Set \`"timing": true\` under \`log\` in \`/etc/video-api/config.json\`. Each
replica then prints one line per step with the request id: \`connect\` (getting a database connection),
\`read\`, \`combine\` and \`write\` (the file work on /mnt/efs) and \`record\` (the final database
statement). The file work takes tens of milliseconds, like EFS's per-operation latency says it should
(\`dd\` or \`fio\` on /mnt/efs show the same). The seconds are in \`record\` and, for the slow hump, in
\`connect\`.

**3. The final statement.** \`record\` is \`UPDATE jobs SET status = 'done', ... WHERE request_id = $1\`.
\`EXPLAIN\` shows a sequential scan: the jobs table has 1 million rows and no index on request_id, so
every request reads the whole table to update one row. Add the index without blocking the writers:

\`\`\`sql
CREATE INDEX CONCURRENTLY jobs_request_id_idx ON jobs (request_id);
\`\`\`

**4. The queue.** The handler takes a database connection for the whole job (a transaction from the
first insert to the final update), and \`database.pool\` in the configuration file is 1: each replica can
run one job at a time. When the batch uploader sends many jobs at once, they queue for that connection,
which is the 8-second hump. Raise the pool (the solution uses 20 per replica; PostgreSQL allows 200
connections) and the replicas reload it. With the index, each job holds its connection for a few
milliseconds of database work plus its file work; with the larger pool, the jobs of a batch no longer
wait for each other.

Either fix alone helps only partly: without the index the scans compete for the database's CPU whatever
the pool size; without the pool, the jobs still wait in line for one connection each. With both, p90
under the standard load is well under 300 ms.`;

export default defineLab({
  id: 'efs-latency',
  title: 'A curious case of slow APIs',
  story: 'stories/slow-api-efs',
  summary:
    'The CTO blames EFS for a slow video API. Measure it from nginx logs, time each step of a request, and follow the evidence to the real cause.',
  difficulty: 'intermediate',
  minutes: 60,
  briefing,
  networks: {
    lab: {
      subnet: '10.246.16.0/24',
      description: 'The video service: nginx, the API replicas, PostgreSQL and your tools.',
    },
  },
  volumes: {
    efs: { description: 'The shared file system (the "EFS"): video chunks and combined outputs.' },
    config: { description: "The API's configuration file, shared by both replicas." },
    logs: { description: "nginx's access log and the API replicas' logs." },
  },
  services: {
    db: {
      build: 'environment/db',
      description: 'PostgreSQL 15 with the jobs table: 1 million jobs of history.',
      networks: [{ name: 'lab', aliases: ['db'] }],
      wait: { type: 'healthcheck' },
    },
    'api-1': {
      build: 'environment/api',
      description:
        'API replica 1 (Node.js): reads chunks from /mnt/efs, combines them, writes the result, records the job.',
      env: { REPLICA: 'api-1', LOG_FILE: '/var/log/lab/api-1.log', EFS_READ_MS: '3', EFS_WRITE_MS: '6' },
      networks: [{ name: 'lab', aliases: ['api-1'] }],
      mounts: [
        { type: 'volume', source: 'efs', target: '/mnt/efs' },
        { type: 'volume', source: 'config', target: '/etc/video-api' },
        { type: 'volume', source: 'logs', target: '/var/log/lab' },
      ],
      dependsOn: ['db'],
      wait: { type: 'log', message: 'listening on' },
    },
    'api-2': {
      build: 'environment/api',
      description: 'API replica 2: the same image and configuration as api-1.',
      env: { REPLICA: 'api-2', LOG_FILE: '/var/log/lab/api-2.log', EFS_READ_MS: '3', EFS_WRITE_MS: '6' },
      networks: [{ name: 'lab', aliases: ['api-2'] }],
      mounts: [
        { type: 'volume', source: 'efs', target: '/mnt/efs' },
        { type: 'volume', source: 'config', target: '/etc/video-api' },
        { type: 'volume', source: 'logs', target: '/var/log/lab' },
      ],
      dependsOn: ['db'],
      wait: { type: 'log', message: 'listening on' },
    },
    nginx: {
      build: 'environment/nginx',
      description:
        'nginx in front of the replicas; its access log has request_id, request_time and upstream_response_time.',
      ports: [{ container: 80, label: 'the video API, through nginx', scheme: 'http' }],
      networks: [{ name: 'lab', aliases: ['nginx'] }],
      mounts: [{ type: 'volume', source: 'logs', target: '/var/log/lab' }],
      dependsOn: ['api-1', 'api-2'],
      wait: { type: 'http', path: '/nginx-health', port: 80 },
    },
    loadgen: {
      build: 'environment/tools',
      description:
        'Steady traffic: the web app (single requests) and the batch uploader (60 jobs at once, then a pause of a minute after the last is answered).',
      command: ['ambient'],
      networks: [{ name: 'lab' }],
      mounts: [{ type: 'volume', source: 'efs', target: '/mnt/efs' }],
      dependsOn: ['nginx'],
      wait: { type: 'log', message: 'load:' },
    },
    tools: {
      build: 'environment/tools',
      description: 'Your shell: grep, awk, sort, tr, psql, curl, fio, dd, and the report command.',
      networks: [{ name: 'lab' }],
      mounts: [
        { type: 'volume', source: 'efs', target: '/mnt/efs' },
        { type: 'volume', source: 'config', target: '/etc/video-api' },
        { type: 'volume', source: 'logs', target: '/var/log/lab', readOnly: true },
      ],
      dependsOn: ['db'],
      wait: { type: 'command', command: 'true' },
      env: { PGHOST: 'db', PGUSER: 'api', PGDATABASE: 'videos' },
    },
  },
  objectives: [
    ...([50, 90, 99] as const).map((p) => ({
      id: `p${p}`,
      title: `The endpoint's p${p} latency, from nginx's log`,
      description: `The ${p}th percentile of request_time of POST /api/process over nginx's whole access log (leave out the checks' own requests, whose request_id starts with chk-). Within 25%.`,
      answer: {
        prompt: `p${p} of POST /api/process in nginx's access log`,
        unit: 'ms',
        tolerance: { relative: 0.25 },
        expected: (ctx: CheckContext) => latencyPercentile(ctx, p),
        measured: true,
      },
      hints:
        p === 50
          ? [
              'Measure the API before the storage: nginx saw every request, and its access log says how long each took.',
              'grep the lines of POST /api/process out of /var/log/lab/nginx-access.log, keep the request_time field (awk), sort them with sort -n: the value at 50% of the lines is p50.',
              '`report` in the tools container does the counting for you.',
            ]
          : [
              'Same list of request times as for p50: the value below which 90% (or 99%) of the requests fall.',
              `awk 'NR == int((${p} * n + 99) / 100)' on the sorted list, with n its number of lines; or read it from \`report\`.`,
            ],
    })),
    {
      id: 'file-work',
      title: 'Is it the storage? Time the file work of one request',
      description:
        "Turn on the API's timing lines and answer how long the file work (read + combine + write) of one request takes: the median. Within 25 ms or 50%.",
      answer: {
        prompt: 'Median time of the file work (read + combine + write) of one request',
        unit: 'ms',
        tolerance: { absolute: 25, relative: 0.5 },
        expected: medianFileWork,
        measured: true,
      },
      hints: [
        "The story's tech lead added timestamped print statements with the request id. This API has them already, switched off: look at its configuration file.",
        'Set "timing": true under "log" in /etc/video-api/config.json (the replicas reload it within a second), then read /var/log/lab/api-1.log: one line per step, with request_id and ms.',
        'Add read + combine + write for each request_id and take the median. Compare with the other steps of the same requests.',
      ],
    },
    {
      id: 'index',
      title: "The handler's final statement takes milliseconds",
      description:
        "The statement the handler runs at the end finds its row without reading the whole table (its plan), and takes well under 50 ms under the lab's traffic (median of 5 runs in transactions that are rolled back).",
      check: checkIndexedStatement,
      hints: [
        'Which step of the timing lines takes the time? Look at what the code in /app/handler.mjs does in that step.',
        'Run the final statement under EXPLAIN ANALYZE in psql (in a transaction you roll back). How many rows does it read to update one?',
        "Look at the jobs table's indexes (\\d jobs in psql). Nothing helps a lookup by request_id: CREATE INDEX CONCURRENTLY ... ON jobs (request_id).",
      ],
      timeoutMs: 120_000,
    },
    {
      id: 'standard-load',
      title: 'p90 under 300 ms and p99 under 1 s under the standard load, nothing lost',
      description:
        "The check sends its own standard load for 20 s (2 single requests a second, and 16 at once every 5 s) and reads nginx's log: p90 < 300 ms, p99 < 1 s, every request answered 200, one finished job row and one output file per request, every original job row still there, and the handler unchanged.",
      check: checkStandardLoad,
      hints: [
        'With the index, each request is faster. Are they still waiting for something? Look at the connect step of the timing lines of the slow requests.',
        "connect is the time to get a database connection from the replica's pool. The handler holds one for the whole job. How many does each replica have?",
        'database.pool in /etc/video-api/config.json is the pool size of each replica. Raise it (PostgreSQL accepts 200 connections); the replicas reload the file.',
      ],
      timeoutMs: 100_000,
    },
  ],
  instructor,
  solution: { walkthrough, apply: applySolution },
});
