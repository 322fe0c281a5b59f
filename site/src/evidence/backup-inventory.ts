// Story 2's evidence pack: a week of the backup bucket's inventory (one row per object), as S3
// Inventory would list it, laid out as our reconstruction uploads it: one archive per tenant and night
// from the machine that holds the tenant, keyed tenant=/date=/host. The volumes come from the story's
// figures in @storylabs/models (1.5 TB a day from 24 machines); how the tenants and their sizes are
// spread is a seeded draw of ours.
import { storyFigures, TB } from '@storylabs/models';
import { seededRandom } from './random.ts';

export const backupInventorySettings = {
  seed: 20240301,
  firstNight: Date.UTC(2024, 2, 1),
  nights: 7,
  tenants: 312,
  /** How much one night's volume may differ from the story's average, either way. */
  nightlySpread: 0.06,
} as const;

export function backupInventoryCsv(settings = backupInventorySettings): string {
  const random = seededRandom(settings.seed);
  const machines = storyFigures.backupMachineCount.value;
  const bytesPerNight = storyFigures.backupTerabytesPerDay.value * TB;
  const hosts = Array.from({ length: machines }, (_, i) => `siem-${String(i + 1).padStart(2, '0')}`);
  // Each tenant lives on one machine; tenant sizes are skewed (a few large, many small).
  const tenants = Array.from({ length: settings.tenants }, (_, i) => ({
    name: `tenant-${String(i + 1).padStart(3, '0')}`,
    host: hosts[i % machines] ?? 'siem-01',
    weight: Math.exp(1.2 * (random() + random() + random() - 1.5)),
  }));
  const totalWeight = tenants.reduce((sum, t) => sum + t.weight, 0);
  const rows: string[] = [];
  for (let night = 0; night < settings.nights; night++) {
    const date = new Date(settings.firstNight + night * 86_400_000).toISOString().slice(0, 10);
    // Uploaded in the small hours of the next day.
    const next = new Date(settings.firstNight + (night + 1) * 86_400_000).toISOString().slice(0, 10);
    const scale = 1 + settings.nightlySpread * (2 * random() - 1);
    for (const tenant of tenants) {
      const size = Math.round((bytesPerNight * scale * tenant.weight * (0.9 + 0.2 * random())) / totalWeight);
      const uploaded = `${next}T0${2 + Math.floor(random() * 3)}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`;
      rows.push(
        `siem-backup,tenant=${tenant.name}/date=${date}/${tenant.host}.tar.gz,${size},${uploaded},DEEP_ARCHIVE`,
      );
    }
  }
  rows.sort();
  return `bucket,key,size,last_modified,storage_class\n${rows.join('\n')}\n`;
}
