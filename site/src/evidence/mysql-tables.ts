// Story 9's evidence pack: the MySQL cluster's tables as information_schema and performance_schema
// would report them at peak (name, rows, data and index bytes, writes a second), tab-separated as
// `mysql -B` prints. The totals are the story's figures from @storylabs/models (more than 1.5 TB,
// 200+ tables, 8,000 writes a second at peak); how they spread over the tables is a seeded draw of
// ours, skewed the way an OLTP monolith's usually are (a few large, busy tables, a long tail).
import { storyFigures, TB } from '@storylabs/models';
import { seededRandom } from './random.ts';

export const mysqlTablesSettings = { seed: 20230915, extraTables: 14 } as const;

const stems = [
  'orders',
  'order_items',
  'payments',
  'invoices',
  'users',
  'sessions',
  'events',
  'audit_log',
  'carts',
  'products',
  'inventory',
  'shipments',
  'addresses',
  'coupons',
  'reviews',
  'notifications',
];

export function mysqlTablesTsv(settings = mysqlTablesSettings): string {
  const random = seededRandom(settings.seed);
  const count = storyFigures.mysqlTables.value + settings.extraTables;
  const tables = Array.from({ length: count }, (_, i) => {
    const stem = stems[i % stems.length] ?? 'table';
    return {
      name: i < stems.length ? stem : `${stem}_${String(Math.floor(i / stems.length)).padStart(2, '0')}`,
      // Zipf-like: the i-th table is about 1/(i+1) the size of the first, with noise.
      size: (0.6 + 0.8 * random()) / (i + 1) ** 1.1,
      writes: i >= 8 && random() < 0.3 ? 0 : (0.5 + random()) / (i + 1) ** 0.9,
      indexShare: 0.15 + 0.35 * random(),
      rowBytes: 120 + Math.floor(random() * 900),
    };
  });
  const totalSize = tables.reduce((sum, t) => sum + t.size, 0);
  const totalWrites = tables.reduce((sum, t) => sum + t.writes, 0);
  const bytes = storyFigures.mysqlTerabytes.value * TB;
  const rows = ['table_name\ttable_rows\tdata_length\tindex_length\tpeak_writes_per_s'];
  for (const t of tables) {
    const tableBytes = (bytes * t.size) / totalSize;
    const index = Math.round(tableBytes * t.indexShare);
    const data = Math.round(tableBytes) - index;
    const writes = (storyFigures.mysqlPeakWritesPerSecond.value * t.writes) / totalWrites;
    rows.push([t.name, Math.round(data / t.rowBytes), data, index, writes.toFixed(1)].join('\t'));
  }
  return `${rows.join('\n')}\n`;
}
