// Runs Lighthouse on built story pages served by `astro preview`, with Debian's chromium, on the mobile
// preset (a mid-range phone on a slow 4G link, simulated) and the desktop preset. Prints each page's
// scores and weight, keeps the reports in test-results/lighthouse/, and exits 1 when performance is
// below 0.95 or accessibility below 1 anywhere.
//
//   pnpm --filter @storylabs/site lighthouse [stories/<slug>/ ...]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumFlags, chromiumPath } from '@storylabs/chromium';
import lighthouse, { desktopConfig, type Flags } from 'lighthouse';
import { startPreview } from './preview.ts';

const siteDir = fileURLToPath(new URL('..', import.meta.url));
const reportDir = path.join(siteDir, 'test-results', 'lighthouse');
const MIN_PERFORMANCE = 0.95;
const MIN_ACCESSIBILITY = 1;

/** A story with a chart and a calculator island (the most a story page ships), and a plain one. */
const defaultPages = ['stories/nat-costs-iptables/', 'stories/slow-api-efs/'];

interface Result {
  page: string;
  preset: string;
  performance: number;
  accessibility: number;
  transferBytes: number;
  scriptBytes: number;
  requests: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

/** Starts chromium with a DevTools port for Lighthouse to drive; resolves with the port. */
function startChromium(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(chromiumPath, [...chromiumFlags, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      if (port) resolve({ port: Number(port), stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}) before listening:\n${output}`)));
  });
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function audit(url: string, page: string, preset: 'mobile' | 'desktop', port: number): Promise<Result> {
  const flags: Flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  };
  const runner = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  if (!runner) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = runner;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
  const report = Array.isArray(runner.report) ? runner.report.join('') : runner.report;
  writeFileSync(
    path.join(reportDir, `${page.replace(/\/$/, '').replace(/\//g, '-')}-${preset}.json`),
    report,
  );

  const requests =
    (
      lhr.audits['network-requests']?.details as {
        items?: Array<{ transferSize?: number; resourceType?: string }>;
      }
    )?.items ?? [];
  return {
    page,
    preset,
    performance: lhr.categories.performance?.score ?? 0,
    accessibility: lhr.categories.accessibility?.score ?? 0,
    transferBytes: lhr.audits['total-byte-weight']?.numericValue ?? 0,
    scriptBytes: requests
      .filter((request) => request.resourceType === 'Script')
      .reduce((sum, request) => sum + (request.transferSize ?? 0), 0),
    requests: requests.length,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? 0,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? 0,
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? 0,
  };
}

async function main(): Promise<number> {
  if (!existsSync(path.join(siteDir, 'dist', 'index.html'))) {
    console.error('No built site in site/dist: run `pnpm --filter @storylabs/site build` first.');
    return 2;
  }
  const pages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : defaultPages;
  mkdirSync(reportDir, { recursive: true });
  const preview = await startPreview();
  const chromium = await startChromium();
  const results: Result[] = [];
  try {
    for (const page of pages) {
      for (const preset of ['mobile', 'desktop'] as const) {
        results.push(await audit(new URL(page, preview.url).href, page, preset, chromium.port));
      }
    }
  } finally {
    chromium.stop();
    await preview.stop();
  }

  console.table(
    results.map((r) => ({
      page: r.page,
      preset: r.preset,
      performance: r.performance,
      accessibility: r.accessibility,
      transfer: kib(r.transferBytes),
      scripts: kib(r.scriptBytes),
      requests: r.requests,
      'LCP ms': Math.round(r.lcpMs),
      'TBT ms': Math.round(r.tbtMs),
      CLS: Number(r.cls.toFixed(3)),
    })),
  );
  const failures = results.filter(
    (r) => r.performance < MIN_PERFORMANCE || r.accessibility < MIN_ACCESSIBILITY,
  );
  for (const r of failures) {
    console.error(
      `${r.page} (${r.preset}): performance ${r.performance} (needs ${MIN_PERFORMANCE}), accessibility ${r.accessibility} (needs ${MIN_ACCESSIBILITY})`,
    );
  }
  console.log(`Reports: ${path.relative(process.cwd(), reportDir)}/`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
