// Benchmark: how much the bytes of one standard download vary, and whether the internet host's record
// of a download matches what nat-a's FORWARD chain counted for it. On a solved instance, each download is
// counted as a learner counts it (zero, fetch once from node-1, read the counters) and then looked up in
// the internet host's record. Prints the figures; asserts nothing.
// Run: pnpm --filter @storylabs/lab-nat-routing bench:downloads [downloads]
import { cpus, loadavg } from 'node:os';
import { labHarness } from '@storylabs/lab-kit/testing';
import { downloadUrl, nearestTo, servedDownloads } from '../checks/net.ts';

const downloads = Number(process.argv[2] ?? 20);
if (!Number.isInteger(downloads) || downloads < 2)
  throw new Error(`downloads must be a whole number >= 2, got ${process.argv[2]}`);

const lab = labHarness(new URL('..', import.meta.url));

async function sh(service: string, script: string): Promise<string> {
  const result = await lab.ctx.exec(service, ['sh', '-c', script], { timeoutMs: 60_000 });
  if (result.exitCode !== 0) throw new Error(`${service}: ${script}: ${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

const percent = (x: number) => `${(x * 100).toFixed(3)}%`;

try {
  await lab.up();
  await lab.solve();
  const natA = lab.ctx.address('nat-a', 'public');
  const counted: number[] = [];
  let worstMismatch = 0;
  for (let i = 1; i <= downloads; i++) {
    const before = new Set(await servedDownloads(lab.ctx, natA));
    await sh('nat-a', 'iptables -w -Z FORWARD');
    await sh('node-1', `curl -sS --noproxy '*' -o /dev/null ${downloadUrl(lab.ctx)}`);
    const bytes = Number(
      await sh('nat-a', "iptables -w -L FORWARD -v -x -n | awk 'NR > 2 { s += $2 } END { print s }'"),
    );
    const recorded = (await servedDownloads(lab.ctx, natA)).filter((b) => !before.has(b));
    const nearest = nearestTo(recorded, bytes);
    const mismatch = nearest === undefined ? Number.POSITIVE_INFINITY : Math.abs(nearest - bytes);
    worstMismatch = Math.max(worstMismatch, mismatch);
    counted.push(bytes);
    console.log(
      `download ${i}: nat-a counted ${bytes} bytes; the internet host recorded ${nearest ?? 'none'}`,
    );
  }
  const min = Math.min(...counted);
  const max = Math.max(...counted);
  console.log(
    `\n${downloads} downloads on ${cpus().length} CPUs (load average ${loadavg()[0]?.toFixed(2)}):` +
      `\n  bytes per download: ${min} to ${max}, the largest ${percent(max / min - 1)} above the smallest` +
      `\n  largest difference between nat-a's count and the internet host's record: ${worstMismatch} bytes`,
  );
} finally {
  await lab.down();
}
