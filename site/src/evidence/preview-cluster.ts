// Story 4's evidence pack: what three listings show on a cluster that has run pull-request previews
// for two months with the ApplicationSet of the page and nothing else removing them: its namespaces
// (`kubectl get namespaces`), the Argo CD Applications that still exist, and the preview databases on
// the shared PostgreSQL server. A seeded simulation of our reconstruction (pull requests arriving at
// random, a share labelled `preview`, each open for a random time): an Application goes when its pull
// request closes, the namespace Argo CD created for it and its database stay. Nothing in it is the
// team's; repository names, numbers and sizes are ours.
import { nextArrival, seededRandom } from './random.ts';

export const previewClusterSettings = {
  seed: 20240614,
  /** Days since the first preview; the snapshot is taken at the end of the last one. */
  days: 60,
  snapshot: '2024-06-14T09:30:00Z',
  repos: [
    { name: 'api', firstPr: 401, perDay: 1.1, database: true },
    { name: 'web', firstPr: 1187, perDay: 0.8, database: false },
  ],
  /** Share of pull requests labelled `preview`. */
  labelled: 0.7,
  /** Mean days a pull request stays open; one in ten is a long-lived one instead. */
  meanOpenDays: 4,
  longLived: { share: 0.15, minDays: 10, maxDays: 45 },
  /** A preview database after migrations and seed data, and what it grows by a day of use. */
  seedBytes: 180e6,
  growthBytesPerDay: 12e6,
} as const;

/** An age as kubectl prints one (HumanDuration): 47h, 3d4h, 58d. */
export function kubectlAge(hours: number): string {
  const h = Math.floor(hours);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return `${d}d`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

export function previewClusterSnapshot(settings = previewClusterSettings): string {
  const random = seededRandom(settings.seed);
  const hours = settings.days * 24;
  interface Preview {
    repo: string;
    number: number;
    openedAt: number;
    closedAt: number;
    database: boolean;
  }
  const previews: Preview[] = [];
  for (const repo of settings.repos) {
    let number = repo.firstPr;
    for (let day = nextArrival(random, repo.perDay); day < settings.days; ) {
      const open =
        random() < settings.longLived.share
          ? settings.longLived.minDays + random() * (settings.longLived.maxDays - settings.longLived.minDays)
          : nextArrival(random, 1 / settings.meanOpenDays);
      // Pull requests are numbered as they are opened; only the labelled ones get a preview.
      if (random() < settings.labelled) {
        previews.push({
          repo: repo.name,
          number,
          openedAt: day * 24,
          closedAt: (day + open) * 24,
          database: repo.database,
        });
      }
      number += 1 + (random() < 0.3 ? 1 : 0);
      day += nextArrival(random, repo.perDay);
    }
  }
  const open = (p: Preview) => p.closedAt > hours;
  const name = (p: Preview) => `${p.repo}-pr-${p.number}`;

  const namespaces = [
    ...[
      'argocd',
      'default',
      'external-secrets',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'staging',
    ].map((ns) => [ns, 'Active', kubectlAge(hours + 24 * 352)]),
    ...previews.map((p) => [`preview-${name(p)}`, 'Active', kubectlAge(hours - p.openedAt)]),
  ].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));

  const applications = [
    ['api-staging', 'Synced', 'Healthy'],
    ['web-staging', 'Synced', 'Healthy'],
    ...previews.filter(open).map((p) => {
      // A pull request with a commit in the last quarter hour is still syncing.
      const syncing = random() < 0.1;
      return [name(p), syncing ? 'OutOfSync' : 'Synced', syncing ? 'Progressing' : 'Healthy'];
    }),
  ].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));

  const databases = previews
    .filter((p) => p.database)
    .map((p) => {
      const used = Math.min(p.closedAt, hours) - p.openedAt;
      const bytes = settings.seedBytes + (used / 24) * settings.growthBytesPerDay * (0.5 + random());
      return `pr_${p.number}|${Math.round(bytes)}`;
    })
    .sort();

  return [
    `# ${settings.snapshot}, the preview cluster and its shared PostgreSQL server`,
    '$ kubectl get namespaces',
    table([['NAME', 'STATUS', 'AGE'], ...namespaces]),
    '$ kubectl get applications -n argocd',
    table([['NAME', 'SYNC STATUS', 'HEALTH STATUS'], ...applications]),
    `$ psql -h previews-db -U admin -d postgres -Atc "SELECT datname, pg_database_size(datname) FROM pg_database WHERE datname LIKE 'pr\\_%' ORDER BY 1"`,
    ...databases,
    '',
  ].join('\n');
}
