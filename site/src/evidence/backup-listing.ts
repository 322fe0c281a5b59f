// Story 3's evidence pack: the verbose listing (`tar -tvzf`) of the backup the engineer was waiting
// to reach, so the move the story teaches (work from the archive's shape, not its bytes) can be
// practised on it. Its size is the story's figure in @storylabs/models (more than 200 GB); the
// folders follow the illustration on the page (customers/<name>/exports, uploads, raw; system/logs),
// and the customers, files and sizes are a seeded draw of ours.
import { GB, storyFigures } from '@storylabs/models';
import { seededRandom } from './random.ts';

export const backupListingSettings = {
  seed: 20230701,
  customers: 48,
  exportDays: 30,
  /** The archive comes out this much over the story's "200+ GB". */
  overSize: 0.06,
} as const;

const syllables = [
  'ac',
  'me',
  'no',
  'va',
  'lu',
  'mi',
  'ra',
  'to',
  'ze',
  'ka',
  'bri',
  'sol',
  'den',
  'tor',
  'pi',
  'quo',
];

export function backupListing(settings = backupListingSettings): string {
  const random = seededRandom(settings.seed);
  const pick = () => syllables[Math.floor(random() * syllables.length)] ?? 'ac';
  const names = new Set<string>(['acme']);
  while (names.size < settings.customers) names.add(`${pick()}${pick()}${pick()}`);
  type Entry = { path: string; size: number; raw?: boolean };
  const entries: Entry[] = [
    { path: 'backup/', size: 0 },
    { path: 'backup/manifest.json', size: 2_000 + Math.floor(random() * 3_000) },
  ];
  entries.push({ path: 'backup/customers/', size: 0 });
  for (const name of [...names].sort()) {
    const base = `backup/customers/${name}/`;
    entries.push({ path: base, size: 0 }, { path: `${base}exports/`, size: 0 });
    for (let day = 1; day <= settings.exportDays; day++) {
      const size = Math.round(20_000 + random() * 400_000);
      entries.push({ path: `${base}exports/2023-06-${String(day).padStart(2, '0')}.csv`, size });
    }
    entries.push({ path: `${base}uploads/`, size: 0 });
    const uploads = 3 + Math.floor(random() * 12);
    for (let i = 0; i < uploads; i++) {
      entries.push({
        path: `${base}uploads/asset-${String(i + 1).padStart(3, '0')}.png`,
        size: Math.round(200_000 + random() * 8_000_000),
      });
    }
    entries.push({ path: `${base}raw/`, size: 0 });
    for (let week = 1; week <= 4; week++) {
      entries.push({ path: `${base}raw/events-2023-w${22 + week}.ndjson`, size: random(), raw: true });
    }
  }
  entries.push({ path: 'backup/system/', size: 0 }, { path: 'backup/system/logs/', size: 0 });
  for (let i = 0; i < 10; i++) {
    entries.push({
      path: `backup/system/logs/app.log.${i}`,
      size: Math.round(50_000_000 + random() * 200_000_000),
    });
  }
  // The raw event dumps make up the rest of the story's size.
  const target = storyFigures.unblockingBackupGigabytes.value * GB * (1 + settings.overSize);
  const fixed = entries.filter((e) => !e.raw).reduce((sum, e) => sum + e.size, 0);
  const rawWeight = entries.filter((e) => e.raw).reduce((sum, e) => sum + 0.3 + e.size, 0);
  for (const e of entries) if (e.raw) e.size = Math.round(((target - fixed) * (0.3 + e.size)) / rawWeight);

  return entries
    .map((e) => {
      const dir = e.path.endsWith('/');
      const mode = dir ? 'drwxr-xr-x' : '-rw-r--r--';
      return `${mode} backup/backup ${String(e.size).padStart(12)} 2023-07-01 02:14 ${e.path}`;
    })
    .join('\n')
    .concat('\n');
}
