// Latency report of the video API from nginx's access log: how many requests, their percentiles, and a
// histogram on a logarithmic time axis (each bar is a range of request_time), in the terminal or as SVG.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage: report [--since SECONDS] [--last N] [--all] [--svg FILE|-] [--json] [--log FILE]
  --since S   only requests logged in the last S seconds (default: the whole log)
  --last N    only the last N requests
  --all       include the requests of the lab's own checks (request ids chk-...), left out by default
  --svg FILE  also write the histogram as an SVG chart (- writes it to standard output instead of the report)
  --json      print the figures as JSON`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      log: { type: 'string', default: '/var/log/lab/nginx-access.log' },
      since: { type: 'string' },
      last: { type: 'string' },
      all: { type: 'boolean', default: false },
      svg: { type: 'string' },
      json: { type: 'boolean', default: false },
      title: { type: 'string', default: 'POST /api/process' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`report: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const MONTHS = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const LINE =
  /\[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(\S+) (\S+)[^"]*" (\d{3}) .*request_id=(\S+) request_time=([\d.]+)/;

let text;
try {
  text = readFileSync(values.log, 'utf8');
} catch (error) {
  console.error(`report: cannot read ${values.log}: ${error.message}`);
  process.exit(1);
}

const requests = [];
for (const line of text.split('\n')) {
  const m = LINE.exec(line);
  if (!m) continue;
  const [, dd, mon, yyyy, hh, mi, ss, tz, method, path, status, id, seconds] = m;
  if (method !== 'POST' || !path.startsWith('/api/process')) continue;
  if (!values.all && id.startsWith('chk-')) continue;
  const offset = (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3))) * 60_000;
  const at = Date.UTC(Number(yyyy), MONTHS[mon], Number(dd), Number(hh), Number(mi), Number(ss)) - offset;
  requests.push({ at, status: Number(status), ms: Number(seconds) * 1000 });
}

let window = requests;
let scope = 'the whole log';
if (values.since !== undefined) {
  const s = Number(values.since);
  if (!(s > 0)) {
    console.error('report: --since takes a number of seconds greater than 0');
    process.exit(2);
  }
  const from = Date.now() - s * 1000;
  window = window.filter((r) => r.at >= from);
  scope = `the last ${s} s`;
}
if (values.last !== undefined) {
  const n = Number(values.last);
  if (!Number.isInteger(n) || n < 1) {
    console.error('report: --last takes a whole number of requests, at least 1');
    process.exit(2);
  }
  window = window.slice(-n);
  scope = `the last ${n} requests`;
}

const sorted = window.map((r) => r.ms).sort((a, b) => a - b);
/** Nearest-rank percentile: the smallest value with at least p% of the requests at or below it. */
const percentile = (p) =>
  sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const figures = {
  scope,
  requests: sorted.length,
  notOk: window.filter((r) => r.status !== 200).length,
  p50: percentile(50),
  p90: percentile(90),
  p99: percentile(99),
  max: sorted.at(-1) ?? NaN,
};

// Bins on a 1-2-5 logarithmic scale, from under 10 ms to 60 s and more.
const EDGES = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000];
const label = (ms) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
const bins = [{ label: `< ${label(EDGES[0])}`, from: 0, to: EDGES[0], count: 0 }];
for (let i = 0; i < EDGES.length - 1; i++) {
  bins.push({
    label: `${label(EDGES[i])}-${label(EDGES[i + 1])}`,
    from: EDGES[i],
    to: EDGES[i + 1],
    count: 0,
  });
}
bins.push({ label: `>= ${label(EDGES.at(-1))}`, from: EDGES.at(-1), to: Infinity, count: 0 });
for (const ms of sorted) bins.find((b) => ms >= b.from && ms < b.to).count += 1;

const fmt = (ms) =>
  Number.isNaN(ms) ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;

function svg() {
  const W = 720;
  const H = 360;
  const left = 56;
  const right = 16;
  const top = 48;
  const bottom = 64;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bw = plotW / bins.length;
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12" role="img" aria-label="${esc(`Latency histogram of ${values.title}: p50 ${fmt(figures.p50)}, p90 ${fmt(figures.p90)}, p99 ${fmt(figures.p99)}`)}">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${esc(values.title)}: ${figures.requests} requests (${esc(scope)})</text>`,
    `<text x="${left}" y="38" fill="#444">p50 ${fmt(figures.p50)} · p90 ${fmt(figures.p90)} · p99 ${fmt(figures.p99)} · not 200: ${figures.notOk}</text>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${W - right}" y2="${top + plotH}" stroke="#333"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = Math.round((max * i) / 4);
    const y = top + plotH - (plotH * i) / 4;
    parts.push(`<line x1="${left}" y1="${y}" x2="${W - right}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end" fill="#444">${v}</text>`);
  }
  bins.forEach((b, i) => {
    const h = (plotH * b.count) / max;
    const x = left + i * bw;
    const slow = b.from >= 1000;
    parts.push(
      `<rect x="${(x + 2).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${slow ? '#c0392b' : '#2e86c1'}"><title>${esc(b.label)}: ${b.count}</title></rect>`,
    );
    parts.push(
      `<text transform="translate(${(x + bw / 2).toFixed(1)},${top + plotH + 12}) rotate(35)" fill="#333" font-size="10">${esc(b.label)}</text>`,
    );
  });
  parts.push(
    `<text x="${left + plotW / 2}" y="${H - 6}" text-anchor="middle" fill="#444">request_time (logarithmic bins)</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

if (values.svg === '-') {
  process.stdout.write(svg());
  process.exit(0);
}
if (values.json) {
  console.log(JSON.stringify({ ...figures, bins: bins.map(({ label: l, count }) => ({ label: l, count })) }));
} else {
  console.log(`${values.title}: ${figures.requests} requests in ${scope}, ${figures.notOk} not 200`);
  console.log(
    `p50 ${fmt(figures.p50)}   p90 ${fmt(figures.p90)}   p99 ${fmt(figures.p99)}   max ${fmt(figures.max)}\n`,
  );
  const max = Math.max(1, ...bins.map((b) => b.count));
  const width = 50;
  for (const b of bins) {
    const bar = '#'.repeat(Math.round((width * b.count) / max)) || (b.count ? '.' : '');
    console.log(`${b.label.padStart(15)} | ${bar.padEnd(width)} ${b.count}`);
  }
  if (sorted.length === 0) console.log('\n(no requests to POST /api/process in this window yet)');
}
if (values.svg) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(values.svg, svg());
  console.log(`\nSVG written to ${values.svg}`);
}
