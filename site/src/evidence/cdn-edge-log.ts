// Story 11's evidence pack: ten minutes of the CDN edge's access log in Mumbai, in CloudFront's
// standard log layout (tab-separated, a #Fields line). A seeded simulation of the fictional scenario:
// users load the dashboard (HTML, hashed static files, API calls); the edge keeps a response only when
// the origin's Cache-Control allows a shared cache to store it, and the origin sends the scenario's
// header on every response. A miss travels to the origin in us-east-1: one long round trip, two when
// a new connection has to be opened, plus the app's own time.
import { nextArrival, seededRandom } from './random.ts';

export const cdnLogSettings = {
  seed: 20240611,
  start: Date.UTC(2024, 5, 11, 4, 30, 0),
  seconds: 600,
  pageLoadsPerSecond: 0.4,
  /** What the origin sends on every response in the scenario. */
  originCacheControl: 'private, no-cache, no-store, must-revalidate',
  /** Round trip between the edge in Mumbai and the origin in us-east-1, seconds. */
  originRoundTrip: [0.2, 0.24] as const,
  /** Share of misses that open a new connection to the origin (a second round trip, for TLS). */
  newConnectionShare: 0.35,
  appSeconds: [0.02, 0.06] as const,
  hitSeconds: [0.002, 0.012] as const,
} as const;

/** Whether a shared cache may store a response with this Cache-Control (RFC 9111: not no-store, not private). */
export function sharedCacheMayStore(cacheControl: string): boolean {
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  return !directives.includes('no-store') && !directives.includes('private');
}

const pageRequests = [
  { path: '/dashboard', bytes: [18_000, 24_000] },
  { path: '/assets/app.3f9c2e.js', bytes: [412_000, 412_000] },
  { path: '/assets/vendor.91ab07.js', bytes: [688_000, 688_000] },
  { path: '/assets/app.5d20c4.css', bytes: [54_000, 54_000] },
  { path: '/assets/logo.7c1e55.svg', bytes: [3_100, 3_100] },
  { path: '/api/me', bytes: [600, 900] },
  { path: '/api/projects', bytes: [4_000, 16_000] },
  { path: '/api/notifications', bytes: [300, 2_500] },
] as const;

export function cdnEdgeLog(settings = cdnLogSettings): string {
  const random = seededRandom(settings.seed);
  const between = ([low, high]: readonly [number, number]) => low + (high - low) * random();
  const cached = new Set<string>();
  const storable = sharedCacheMayStore(settings.originCacheControl);
  const lines = [
    '#Version: 1.0',
    '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs-uri-stem sc-status time-taken x-edge-result-type time-to-first-byte',
  ];
  const entries: Array<{ at: number; line: string }> = [];
  for (let t = nextArrival(random, settings.pageLoadsPerSecond); t < settings.seconds; ) {
    const client = `103.${20 + Math.floor(random() * 40)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
    let at = t;
    for (const request of pageRequests) {
      const isStatic = request.path.startsWith('/assets/');
      const hit = isStatic && cached.has(request.path);
      const firstByte = hit
        ? between(settings.hitSeconds)
        : between(settings.originRoundTrip) * (random() < settings.newConnectionShare ? 2 : 1) +
          between(settings.appSeconds);
      const bytes = Math.round(between(request.bytes));
      const taken = firstByte + bytes / 2_000_000;
      if (!hit && isStatic && storable) cached.add(request.path);
      const when = new Date(settings.start + at * 1000).toISOString();
      entries.push({
        at,
        line: [
          when.slice(0, 10),
          when.slice(11, 19),
          'BOM78-P1',
          bytes,
          client,
          'GET',
          request.path,
          200,
          taken.toFixed(3),
          hit ? 'Hit' : 'Miss',
          firstByte.toFixed(3),
        ].join('\t'),
      });
      at += 0.02 + 0.05 * random();
    }
    t += nextArrival(random, settings.pageLoadsPerSecond);
  }
  entries.sort((a, b) => a.at - b.at);
  return `${[...lines, ...entries.map((e) => e.line)].join('\n')}\n`;
}
