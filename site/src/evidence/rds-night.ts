// Story 5's evidence pack: one night of the fictional RDS instance's volume metrics, a minute a row,
// as CloudWatch would chart them. The gp2 credit arithmetic is @storylabs/models' (gp2Step: 3 IOPS per
// GiB earned, 3,000 IOPS burst, a 5.4-million-credit bucket); the workload is our invention: the API's
// night-time reads, and the nightly rollup from 01:30 reading as fast as the volume lets it. Latency and
// queue depth follow a rough rule, not a device model: about a millisecond while the volume serves all
// it is asked for; once it cannot, the rollup's 32 reads in flight and the API's queue behind them
// (Little's law: queue = rate × wait).
import { gp2Figures, gp2Step } from '@storylabs/models';
import { seededRandom } from './random.ts';

export const rdsNightSettings = {
  seed: 20240314,
  nightStart: Date.UTC(2024, 2, 14, 0, 0, 0),
  minutes: 180,
  /** The fictional volume's size: its baseline is 3 IOPS a GiB. */
  volumeGib: 540,
  apiIops: [240, 280] as const,
  rollupStartMinute: 90,
  /** What the rollup reads while the volume keeps up: most of the burst ceiling. */
  rollupIops: [2650, 2720] as const,
  rollupReadsInFlight: 32,
  serviceMs: [0.8, 1.2] as const,
} as const;

export function rdsNightCsv(settings = rdsNightSettings): string {
  const random = seededRandom(settings.seed);
  const between = ([low, high]: readonly [number, number]) => low + (high - low) * random();
  let credits: number = gp2Figures.bucketCredits.value;
  const rows = ['minute_ending,read_iops,burst_balance_pct,read_latency_ms,disk_queue_depth'];
  for (let minute = 0; minute < settings.minutes; minute++) {
    let served = 0;
    let latency = 0;
    let queue = 0;
    for (let second = 0; second < 60; second++) {
      const api = between(settings.apiIops);
      const rollup = minute >= settings.rollupStartMinute ? between(settings.rollupIops) : 0;
      const step = gp2Step(settings.volumeGib, credits, api + rollup);
      credits = step.credits;
      served += step.served;
      const service = between(settings.serviceMs);
      if (step.served >= api + rollup) {
        latency += service;
        queue += (step.served * service) / 1000;
      } else {
        // Saturated: the rollup keeps its reads in flight, the API's queue behind them.
        const depth = settings.rollupReadsInFlight / (1 - api / step.served);
        latency += (depth / step.served) * 1000;
        queue += depth;
      }
    }
    const at = new Date(settings.nightStart + (minute + 1) * 60_000).toISOString().replace('.000', '');
    rows.push(
      [
        at,
        Math.round(served / 60),
        ((credits / gp2Figures.bucketCredits.value) * 100).toFixed(1),
        (latency / 60).toFixed(2),
        (queue / 60).toFixed(1),
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** The minute (HH:MM, UTC) the simulated night's burst balance first reads 0%. */
export function rdsNightBalanceEmptyAt(settings = rdsNightSettings): string {
  const row = rdsNightCsv(settings)
    .split('\n')
    .slice(1)
    .find((line) => Number(line.split(',')[2]) === 0);
  if (!row) throw new Error('the simulated night never empties the burst balance');
  return row.slice(11, 16);
}
