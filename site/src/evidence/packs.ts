// The evidence packs: for each story, one file generated in the repo (never typed by hand), what it
// is, how it was generated, and the shell commands its page shows. test/evidence.test.ts runs those
// exact commands on the generated file and checks that their output shows what the story finds.
import { CLOUD_NAT_PER_VM_BILLING_LIMIT, formatNumber, storyFigures } from '@storylabs/models';
import { backupInventoryCsv, backupInventorySettings } from './backup-inventory.ts';
import { backupListing } from './backup-listing.ts';
import { cdnEdgeLog, cdnLogSettings } from './cdn-edge-log.ts';
import { cloudNatBillCsv } from './cloud-nat-bill.ts';
import { ec2PriceListCsv } from './ec2-price-list.ts';
import { efsAccessLog, efsLogSettings } from './efs-access-log.ts';
import { mysqlTablesTsv } from './mysql-tables.ts';
import { pipelineStrace, pipelineStraceSettings } from './pipeline-strace.ts';
import { previewClusterSettings, previewClusterSnapshot } from './preview-cluster.ts';
import { rdsNightCsv, rdsNightSettings } from './rds-night.ts';
import { tlsHandshakeTranscript } from './tls-handshake.ts';

export interface EvidencePack {
  /** The story page's slug, under stories/. */
  story: string;
  /** File name under /evidence/. */
  file: string;
  contentType: 'text/csv' | 'text/plain';
  /** What the file holds, one sentence, for the page. */
  what: string;
  /** How it was generated, for the page: which generator, from which inputs, and what it is not. */
  how: string;
  /** Shell commands the page shows, run in the folder the file was downloaded to. */
  commands: string;
  /** Every pattern must match the commands' output: what the story's first moves find in the pack. */
  finds: RegExp[];
  /** No pattern may match it. */
  absent?: RegExp[];
  generate(): string;
}

export const evidencePacks: readonly EvidencePack[] = [
  {
    story: 'slow-api-efs',
    file: 'video-api-access.log',
    contentType: 'text/plain',
    what: 'One hour of one API instance’s nginx access log: health checks, status polls and the video endpoint, each line ending with its request ID, upstream time and request time in seconds.',
    how: `Generated at build time by a seeded simulation of our reconstruction of this story (site/src/evidence/efs-access-log.ts): one process with one database connection, renders arriving at random, status queries that scan an unindexed table for ${efsLogSettings.scanSeconds.join(' to ')} s. The log lines come out of the simulated queue; none is typed, and none is the team’s.`,
    commands: `# Latency of the video endpoint, one value per line, sorted
grep '"POST /api/videos/combine' video-api-access.log \\
  | awk '{ print $NF }' | sort -n > latency.txt

# Nearest-rank percentiles
awk '{ v[NR] = $1 }
     function pct(p,  i) { i = int(NR * p); if (i < NR * p) i++; return v[i] }
     END { printf "n=%d p50=%s p90=%s p99=%s max=%s\\n", NR, pct(0.5), pct(0.9), pct(0.99), v[NR] }' latency.txt

# Requests per one-second bucket
awk '{ n[int($1)]++ } END { for (s in n) print s "s", n[s] }' latency.txt | sort -n

# Which other endpoints are slow?
awk '$NF > 2 { split($7, p, "/"); print $6, p[2] "/" p[3] "/" (p[5] ? "*/" p[5] : p[4]) }' video-api-access.log \\
  | tr -d '"' | sort | uniq -c`,
    finds: [/^0s \d{2,}$/m, /^8s \d{2,}$/m, /GET api\/videos\/\*\/status/],
    generate: efsAccessLog,
  },
  {
    story: 'terabyte-backup',
    file: 's3-inventory.csv',
    contentType: 'text/csv',
    what: 'A week of the backup bucket’s inventory, one row per archive: key (tenant, date, machine), size in bytes, upload time and storage class.',
    how: `Generated at build time (site/src/evidence/backup-inventory.ts) from the story’s figures in @storylabs/models: ${storyFigures.backupTerabytesPerDay.value} TB a night from ${storyFigures.backupMachineCount.value} machines. The ${backupInventorySettings.tenants} tenants, their sizes and the night-to-night spread are a seeded draw of ours, keyed the way our reconstruction uploads them.`,
    commands: `# Volume per night, in decimal TB
awk -F, 'NR > 1 { split($2, k, "/"); sub("date=", "", k[2]); tb[k[2]] += $3 / 1e12 }
  END { for (d in tb) printf "%s %.2f TB\\n", d, tb[d] }' s3-inventory.csv | sort

# Did every machine upload every night?
awk -F, 'NR > 1 { split($2, k, "/"); sub("date=", "", k[2]); n[k[2]]++; h[k[2] " " k[3]] = 1 }
  END { for (x in h) { split(x, a, " "); m[a[1]]++ }
        for (d in n) print d, n[d], "archives from", m[d], "machines" }' s3-inventory.csv | sort

# What a year at this week's rate has to hold
awk -F, 'NR > 1 { split($2, k, "/"); days[k[2]] = 1; total += $3 }
  END { for (d in days) n++; printf "%.1f TB a year at this rate\\n", total / n * 365 / 1e12 }' s3-inventory.csv

# What restoring one tenant for three days would have to thaw
awk -F, 'NR > 1 && $2 ~ /^tenant=tenant-042\\/date=2024-03-0[3-5]\\// { n++; b += $3 }
  END { printf "%d archives, %.1f GB to thaw\\n", n, b / 1e9 }' s3-inventory.csv`,
    finds: [
      /^2024-03-01 1\.\d\d TB$/m,
      /^2024-03-07 \d+ archives from 24 machines$/m,
      /^5\d\d\.\d TB a year at this rate$/m,
      /^3 archives, [\d.]+ GB to thaw$/m,
    ],
    generate: backupInventoryCsv,
  },
  {
    story: 'unblocking-teammates',
    file: 'backup-listing.txt',
    contentType: 'text/plain',
    what: 'The verbose listing of the backup archive (what tar -tvzf prints): permissions, owner, size in bytes, date and path of every member.',
    how: `Generated at build time (site/src/evidence/backup-listing.ts). Its total is the story’s figure in @storylabs/models, more than ${storyFigures.unblockingBackupGigabytes.value} GB; the folders follow the illustration on this page, and the customers, files and sizes are a seeded draw of ours. No archive is behind it, which is the point.`,
    commands: `# How big is the archive, and how much of it does the work read?
awk '{ total += $3 } $6 ~ /^backup\\/customers\\/[^/]+\\/exports\\/./ { need += $3; n++ }
  END { printf "archive: %.0f GB; exports: %d files, %.2f GB\\n", total / 1e9, n, need / 1e9 }' backup-listing.txt

# The shape the script depends on: entries per folder, customers folded together
awk '{ print $6 }' backup-listing.txt \\
  | sed -E 's#^backup/customers/[^/]+/#backup/customers/*/#; s#[^/]*$##' | sort | uniq -c

# The plain listing make-fixture.sh (above) takes: one path per line, as tar -tzf prints
awk '{ print $6 }' backup-listing.txt > listing.txt && wc -l < listing.txt`,
    finds: [
      /^archive: 2\d\d GB; exports: \d+ files, 0\.\d\d GB$/m,
      /^\s+\d+ backup\/customers\/\*\/exports\/$/m,
    ],
    generate: backupListing,
  },
  {
    story: 'p90-latency-alert',
    file: 'rds-night.csv',
    contentType: 'text/csv',
    what: 'The fictional RDS instance’s volume metrics for the night of the alert, one row per minute from midnight to 03:00: read IOPS, burst balance, read latency and queue depth.',
    how: `Generated at build time (site/src/evidence/rds-night.ts). The credit arithmetic is @storylabs/models’ gp2 model, with AWS’s documented figures; the workload (the API’s night reads, the rollup from 01:30) and the ${rdsNightSettings.volumeGib} GiB volume are our invention, like the rest of this scenario. Latency and queue depth follow a rough rule, not a model of a real disk.`,
    commands: `# When did the reads jump, and from what to what?
awk -F, 'NR > 2 && $2 > 2 * prev { print "reads jumped at", $1, "from", prev, "to", $2 } { prev = $2 }' rds-night.csv

# When did the burst balance run out?
awk -F, 'NR > 1 && $3 == 0 { print "balance empty at", $1; exit }' rds-night.csv

# The minutes around it, side by side
awk -F, '$1 >= "2024-03-14T02:33" && $1 <= "2024-03-14T02:42"' rds-night.csv | tr , '\\t'`,
    finds: [/reads jumped at 2024-03-14T01:31:00Z/, /balance empty at 2024-03-14T02:38:00Z/],
    generate: rdsNightCsv,
  },
  {
    story: 'nat-costs-iptables',
    file: 'cloud-nat-bill.csv',
    contentType: 'text/csv',
    what: 'A 30-day Cloud NAT bill export, one line per day and SKU.',
    how: `Generated at build time by @storylabs/models (cloudNatDailyBill, called from site/src/evidence/cloud-nat-bill.ts) from the story’s traffic and this page’s assumptions: ${CLOUD_NAT_PER_VM_BILLING_LIMIT} VMs, one NAT IP, weekdays busier than weekends. Its numbers are list prices applied to the story, not the team’s bill.`,
    commands: `# Cost per SKU for the month, biggest first
awk -F, 'NR > 1 { cost[$2] += $5 } END { for (s in cost) printf "%10.2f  %s\\n", cost[s], s }' \\
  cloud-nat-bill.csv | sort -rn

# GiB processed per weekday: is the traffic steady, or shaped by a schedule?
awk -F, 'NR > 1 && $2 ~ /processing/ { cmd = "date -ud " $1 " +%a"; cmd | getline d; close(cmd); gib[d] += $3 }
  END { for (d in gib) printf "%s %8.0f GiB\\n", d, gib[d] }' cloud-nat-bill.csv`,
    finds: [/^\s*[\d.]+\s+Cloud NAT: data processing\n/],
    generate: cloudNatBillCsv,
  },
  {
    story: 'mysql-to-cloudsql',
    file: 'mysql-tables.tsv',
    contentType: 'text/plain',
    what: 'The cluster’s tables at peak, tab-separated as the mysql client prints a query: name, rows, data and index bytes, writes a second.',
    how: `Generated at build time (site/src/evidence/mysql-tables.ts). The totals are the story’s figures in @storylabs/models: ${storyFigures.mysqlTerabytes.value} TB, ${storyFigures.mysqlTables.value}+ tables, ${formatNumber(storyFigures.mysqlPeakWritesPerSecond.value)} writes a second at peak. How they spread over the tables is a seeded draw of ours, skewed as a monolith’s usually are; the table names are invented.`,
    commands: `# How much there is to move, and how busy it is
awk -F'\\t' 'NR > 1 { b += $3 + $4; w += $5 }
  END { printf "%d tables, %.2f TB, %.0f writes/s at peak\\n", NR - 1, b / 1e12, w }' mysql-tables.tsv

# The largest tables, with their peak writes
tail -n +2 mysql-tables.tsv | sort -t$'\\t' -k3,3nr | head -5 | cut -f1,3,5

# Backup and restore at a rate you choose: how long writes would stop, and how many would wait
rate_mb_s=200
awk -F'\\t' -v rate="$rate_mb_s" 'NR > 1 { b += $3 + $4; w += $5 }
  END { h = b / (rate * 1e6) / 3600
        printf "copy at %d MB/s: %.1f hours; at peak, %.0f million writes would wait\\n", rate, h, w * h * 3600 / 1e6 }' mysql-tables.tsv`,
    finds: [
      /^2\d\d tables, 1\.5\d TB, 8000 writes\/s at peak$/m,
      /^copy at 200 MB\/s: \d+\.\d hours; at peak, \d+ million writes would wait$/m,
    ],
    generate: mysqlTablesTsv,
  },
  {
    story: 'failing-webhook',
    file: 'tls-handshake.txt',
    contentType: 'text/plain',
    what: 'What openssl s_client -showcerts and curl -v print against a server set up the way this page reconstructs the staging nginx: the handshake, the certificate chain it sends, and each client’s verdict.',
    how: 'Recorded, not simulated: site/scripts/record-tls-transcript.sh makes a throwaway private CA and a certificate for the story’s hostname, serves that certificate alone from openssl s_server on 127.0.0.1, and records both clients against it under the story’s hostname. The recording is committed; the script re-records it.',
    commands: `# How many certificates does the server send, and who issued each?
grep -E '^ *[0-9]+ s:|^ +i:' tls-handshake.txt

# What did each client conclude?
grep -E 'verify error|Verify return code|SSL certificate problem' tls-handshake.txt | sort | uniq -c`,
    finds: [
      /^ 0 s:CN = subdomain\.example\.com$/m,
      /^ {3}i:O = Example Corp, CN = Example Staging CA$/m,
      /Verify return code: 21 \(unable to verify the first certificate\)/,
      /SSL certificate problem: unable to get local issuer certificate/,
    ],
    absent: [/^ 1 s:/m],
    generate: tlsHandshakeTranscript,
  },
  {
    story: 'founder-webapp-performance',
    file: 'cdn-edge.log',
    contentType: 'text/plain',
    what: 'Ten minutes of the CDN edge’s access log in Mumbai, in CloudFront’s standard layout: one line per request, with the result at the edge (Hit or Miss) and the time to first byte.',
    how: `Generated at build time by a seeded simulation of this fictional scenario (site/src/evidence/cdn-edge-log.ts): users load the dashboard, the edge stores a response only when the origin’s Cache-Control lets a shared cache keep it, and the origin sends “${cdnLogSettings.originCacheControl}” on every response; a miss crosses to the origin and back. Nothing in it is measured.`,
    commands: `# Share of hits at the edge, per kind of path
awk -F'\\t' '!/^#/ { split($7, p, "/"); kind = p[2] == "assets" ? "assets" : p[2] == "api" ? "api" : "pages"
  n[kind]++; if ($10 == "Hit") hit[kind]++ }
  END { for (k in n) printf "%-7s %5d requests  %5.1f%% hits\\n", k, n[k], 100 * hit[k] / n[k] }' cdn-edge.log

# Time to first byte of the static files, which never change
awk -F'\\t' '!/^#/ && $7 ~ /^\\/assets\\// { print $11 }' cdn-edge.log | sort -n \\
  | awk '{ v[NR] = $1 } END { print "static files: first byte median", v[int((NR + 1) / 2)], "s, slowest", v[NR], "s" }'`,
    finds: [/^assets\s+\d+ requests\s+0\.0% hits$/m, /first byte median 0\.[2-9]\d* s/],
    generate: cdnEdgeLog,
  },
  {
    story: 'victoriametrics-region-move',
    file: 'aws-unit-prices.csv',
    contentType: 'text/csv',
    what: 'The unit prices under the metrics bill, per AWS region: EC2 .large on demand for three Intel and three Graviton families, EBS gp3 and st1 per GiB-month, and transfer out to another region per GiB, with the date each was read.',
    how: 'Generated at build time from @storylabs/models’ price records (site/src/evidence/ec2-price-list.ts), the same records the table and calculator on this page use; each has its source in the list under them.',
    commands: `# Memory-optimised instances, cheapest first
awk -F, 'NR > 1 && $2 ~ /^r6/ { print $4, $1, $2 }' aws-unit-prices.csv | sort -n

# Each family in each region against eu-west-1, biggest gap first
awk -F, 'NR > 1 { p[$1 "," $2] = $4 }
  END { for (k in p) { split(k, a, ","); if (a[1] != "eu-west-1")
          printf "%-15s %-4s %+4.0f%%\\n", a[1], a[2], (p[k] / p["eu-west-1," a[2]] - 1) * 100 } }' \\
  aws-unit-prices.csv | sort -k3 -n`,
    finds: [/^ap-south-1\s+\w6g\s+-\d+%$/m],
    generate: ec2PriceListCsv,
  },
  {
    story: 'preview-environments',
    file: 'cluster-snapshot.txt',
    contentType: 'text/plain',
    what: 'Three listings taken at one moment on a cluster that has run pull-request previews for two months: its namespaces (kubectl get namespaces), the Argo CD Applications that exist (kubectl get applications), and the preview databases on the shared PostgreSQL server with their sizes (psql).',
    how: `Generated at build time by a seeded simulation of our reconstruction (site/src/evidence/preview-cluster.ts): ${previewClusterSettings.days} days of pull requests to an api and a web repository arriving at random, ${Math.round(previewClusterSettings.labelled * 100)}% of them labelled for a preview, each open for a random time, deployed by the ApplicationSet on this page with nothing else removing anything. The names, numbers and sizes are ours; none of it is the team’s cluster.`,
    commands: String.raw`# The three listings, one file each
awk '/^\$ kubectl get namespaces/ { f = "namespaces.txt"; next }
     /^\$ kubectl get applications/ { f = "applications.txt"; next }
     /^\$ psql/ { f = "databases.txt"; next }
     f && !/^NAME / { print > f }' cluster-snapshot.txt

# Preview namespaces, and the previews Argo CD still runs
awk '$1 ~ /^preview-/ { print $1 }' namespaces.txt | sort > preview-namespaces.txt
awk '$1 ~ /-pr-[0-9]+$/ { print "preview-" $1 }' applications.txt | sort > running.txt
echo "$(wc -l < preview-namespaces.txt) preview namespaces, $(wc -l < running.txt) still run by Argo CD"

# Namespaces with no Application any more, a few of them
comm -23 preview-namespaces.txt running.txt > left-behind.txt
echo "$(wc -l < left-behind.txt) namespaces outlived their pull request"; head -3 left-behind.txt

# Preview databases no running preview uses, and their size
sed -n 's/^api-pr-\([0-9]*\) .*/pr_\1/p' applications.txt | sort > live-databases.txt
sort -t'|' -k1,1 databases.txt | join -t'|' -v 1 - live-databases.txt \
  | awk -F'|' '{ n++; b += $2 } END { printf "%d databases with no preview, %.1f GB\n", n, b / 1e9 }'`,
    finds: [
      /^\d+ preview namespaces, [1-9]\d* still run by Argo CD$/m,
      /^[1-9]\d+ namespaces outlived their pull request$/m,
      /^preview-api-pr-\d+$/m,
      /^[1-9]\d+ databases with no preview, [\d.]+ GB$/m,
    ],
    generate: previewClusterSnapshot,
  },
  {
    story: 'toy-redis',
    file: 'server-strace.txt',
    contentType: 'text/plain',
    what: 'The reads and writes of a toy Redis server while two clients pipeline commands to it, as strace -tt -e trace=read,write -s 65536 prints them: every byte each read returned and each write sent, with its time.',
    how: `Generated at build time by a seeded simulation (site/src/evidence/pipeline-strace.ts), not recorded from a process: a server that answers one command per read, one client sending ${pipelineStraceSettings.small.commands} commands in a single write, another sending ${pipelineStraceSettings.large.commands} in writes of ${pipelineStraceSettings.large.chunkBytes} bytes. The commands are RESP arrays of SET and INCR with keys and values of ours.`,
    commands: String.raw`# Every read and write: its bytes, and the commands (reads) or replies (writes) it holds
awk '$2 ~ /^(read|write)\(/ {
  split($2, call, "("); fd = call[2] + 0; op = call[1]; s = $3
  if (op == "read") { n = gsub(/\*[0-9]+\\r\\n/, "", s); what = n " commands" }
  else { n = gsub(/\\r\\n/, "", s); what = n " replies" }
  cut = ""
  if (op == "read" && $NF > 0) {
    if ($3 !~ /^"\*/) cut = cut ", starts mid-command"
    if ($3 !~ /\\r\\n",$/) cut = cut ", ends mid-command"
  }
  printf "%s fd %d %-5s %5d bytes, %s%s\n", substr($1, 1, 12), fd, op, $NF, what, cut
}' server-strace.txt

# Per connection: commands the server read, replies it wrote
awk '$2 ~ /^read\(/ { split($2, c, "("); s = $3; got[c[2] + 0] += gsub(/\*[0-9]+\\r\\n/, "", s) }
     $2 ~ /^write\(/ { split($2, c, "("); s = $3; sent[c[2] + 0] += gsub(/\\r\\n/, "", s) }
     END { for (fd in got) printf "fd %d: %d commands read, %d replies written\n", fd, got[fd], sent[fd] }' \
  server-strace.txt | sort`,
    finds: [
      /fd 7 read\s+\d+ bytes, 30 commands$/m,
      /fd 7 write\s+\d+ bytes, 1 replies$/m,
      /fd 8 read\s+4096 bytes, \d+ commands, starts mid-command, ends mid-command$/m,
      /^fd 7: 30 commands read, 1 replies written$/m,
      /^fd 8: 200 commands read, [1-9] replies written$/m,
    ],
    generate: pipelineStrace,
  },
];

export function packsFor(story: string): EvidencePack[] {
  return evidencePacks.filter((pack) => pack.story === story);
}
