// The check logic without Docker: parsing nginx's log and the timing lines, percentiles, the standard
// load's schedule, and the handler's final statement as the checks know it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endpointRequests, formatMs, parseAccessLog, percentile } from '../checks/access-log.ts';
import { FINAL_STATEMENT } from '../checks/objectives.ts';
import { STANDARD_LOAD, schedule } from '../checks/standard-load.ts';
import { fileWorkMs } from '../checks/timing-lines.ts';

const LOG = [
  '10.1.0.6 - - [01/Dec/2026:22:58:53 +0000] "POST /api/process?video=7 HTTP/1.1" 200 212 "curl/7.88.1" request_id=2c5f request_time=3.059 upstream_response_time=3.060',
  '10.1.0.6 - - [01/Dec/2026:22:58:54 +0000] "POST /api/process?video=8 HTTP/1.1" 200 212 "video-client/1.4" request_id=chk-ab12-1 request_time=0.120 upstream_response_time=0.119',
  '10.1.0.6 - - [01/Dec/2026:22:58:55 +0000] "GET /healthz HTTP/1.1" 404 22 "curl/7.88.1" request_id=9f00 request_time=0.001 upstream_response_time=0.001',
  '10.1.0.6 - - [01/Dec/2026:22:58:56 +0000] "POST /api/process?video=9 HTTP/1.1" 499 0 "storylabs-check/1" request_id=chk-ab12-2 request_time=25.000 upstream_response_time=-',
  'not a log line',
].join('\n');

describe('nginx access log', () => {
  it('reads method, path, status, request id and request_time (ms) from the lab format', () => {
    const requests = parseAccessLog(LOG);
    expect(requests).toHaveLength(4);
    expect(requests[0]).toEqual({
      method: 'POST',
      path: '/api/process?video=7',
      status: 200,
      requestId: '2c5f',
      ms: 3059,
    });
    expect(requests[3]?.status).toBe(499);
    expect(endpointRequests(requests).map((r) => r.requestId)).toEqual(['2c5f', 'chk-ab12-1', 'chk-ab12-2']);
  });

  it('matches the log_format of the lab nginx', () => {
    const conf = readFileSync(new URL('../environment/nginx/nginx.conf', import.meta.url), 'utf8');
    expect(conf).toContain(
      'request_id=$req_id request_time=$request_time upstream_response_time=$upstream_response_time',
    );
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
    expect(formatMs(8400)).toBe('8.40 s');
    expect(formatMs(212.4)).toBe('212 ms');
  });
});

describe('timing lines', () => {
  it('adds read, combine and write per request, and leaves out requests without all three', () => {
    const text = [
      '2026-12-01T22:58:57.973Z api-1 request_id=a step=connect ms=7900.4',
      '2026-12-01T22:58:58.104Z api-1 request_id=a step=read ms=10.5',
      '2026-12-01T22:58:58.105Z api-1 request_id=a step=combine ms=0.1',
      '2026-12-01T22:58:58.131Z api-1 request_id=a step=write ms=25.1',
      '2026-12-01T22:58:59.902Z api-1 request_id=a step=record ms=1769.7',
      '2026-12-01T22:59:04.888Z api-2 request_id=b step=read ms=9.0',
    ].join('\n');
    const work = fileWorkMs(text);
    expect(work).toHaveLength(1);
    expect(work[0]).toBeCloseTo(35.7, 5);
  });
});

describe('standard load', () => {
  it('is the same 106 requests every time: 16 at once every 5 s and 42 single ones over 20 s', () => {
    const first = schedule(STANDARD_LOAD);
    expect(first).toEqual(schedule(STANDARD_LOAD));
    expect(first).toHaveLength(106);
    expect(first.filter((r) => r.at % 5000 === 0).length).toBeGreaterThanOrEqual(64);
    expect(first.every((r) => r.at >= 0 && r.at < 20_000 && r.video >= 1 && r.video <= 200)).toBe(true);
  });
});

describe('the handler', () => {
  it('runs the final statement the checks explain', () => {
    const handler = readFileSync(new URL('../environment/api/handler.mjs', import.meta.url), 'utf8');
    expect(handler.replace(/\s+/g, ' ')).toContain(FINAL_STATEMENT);
  });
});
