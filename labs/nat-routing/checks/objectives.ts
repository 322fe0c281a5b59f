// The checks of objectives 1-4 and the measured answer of the bytes objective. Each observes the lab
// from outside: HTTP answers, routing lookups, packets captured with tcpdump, a NAT machine stopped, and
// the internet host's own accounting of the downloads it served.

import { diagnose, nameOf, pathProblem, routeProblem } from './hops.ts';
import {
  capture,
  downloadUrl,
  inSubnet,
  internetAddress,
  iptablesRules,
  NAT_LABEL,
  type Nat,
  type NetContext,
  NODES,
  type Node,
  nearestTo,
  probeNode,
  servedDownloads,
  type WhoamiAnswer,
  whoami,
  whoamiUrl,
} from './net.ts';

export type Verdict = { ok: true; detail?: string } | { ok: false; reason: string; detail?: string };

/** The bound objective 4 states: both nodes' traffic flows through NAT-B within this long. */
export const FAILOVER_BOUND_MS = 10_000;
/** After NAT-A is back, traffic must return to it within this long. */
export const FAILBACK_BOUND_MS = 10_000;
/** The port the checks try to open on a node from the internet host (nothing listens there). */
const PROBE_PORTS = [22, 80, 8080];

function fail(reason: string, detail?: string): Verdict {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

/** Objective 1: both nodes reach the internet host, through NAT-A. */
export async function reachThroughNatA(ctx: NetContext): Promise<Verdict> {
  const probes = await Promise.all(NODES.map((node) => probeNode(ctx, node)));
  const seen: string[] = [];
  for (const [i, node] of NODES.entries()) {
    const probe = probes[i];
    if (!probe) continue;
    const broken = await routeProblem(ctx, node, 'nat-a', probe.route);
    if (broken) return fail(broken.reason, broken.detail);
    if (probe.answer.ok) {
      seen.push(`${node}: the internet host saw ${probe.answer.seen}`);
      continue;
    }
    const path = await pathProblem(ctx, node, 'nat-a');
    if (path) return fail(path.reason, path.detail);
    return fail(`${node} could not reach the internet host (${whoamiUrl(ctx)}): ${probe.answer.error}`);
  }
  return { ok: true, detail: seen.join('\n') };
}

/** Objective 2: the internet host sees NAT-A's public address, and never a private one. */
export async function seesNatAddress(ctx: NetContext): Promise<Verdict> {
  const inet = internetAddress(ctx);
  const natPublic = ctx.address('nat-a', 'public');
  const privateSubnet = ctx.subnet('private');
  const { packets, result } = await capture(ctx, 'internet', 'tcp port 80', async () => {
    const [first, second] = await Promise.all(NODES.map((node) => whoami(ctx, node)));
    return { 'node-1': first, 'node-2': second } as Partial<Record<Node, WhoamiAnswer>>;
  });
  for (const node of NODES) {
    const answer = result[node];
    if (!answer?.ok)
      return fail(`${node} could not reach the internet host any more: ${answer?.error ?? 'no answer'}`);
    if (answer.seen === natPublic) continue;
    if (inSubnet(answer.seen, privateSubnet)) {
      const routesBack = (await ctx.exec('internet', ['ip', '-4', 'route', 'show'])).stdout
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.includes('scope link'));
      return fail(
        `the internet host saw ${node}'s private address ${answer.seen}, not NAT-A's public address ` +
          `(${natPublic}): the packets crossed NAT-A untranslated` +
          (routesBack.length > 0
            ? `, and the internet host could answer only because of its route "${routesBack[0]}". A real internet host has no route to your private subnet.`
            : '.'),
      );
    }
    return fail(
      `the internet host saw ${nameOf(ctx, answer.seen)} for ${node}'s request, not NAT-A's public address (${natPublic}).`,
    );
  }
  const leaked = packets.find(
    (p) => p.direction === 'In' && p.dst === inet && inSubnet(p.src, privateSubnet),
  );
  if (leaked) {
    return fail(
      `a packet from the private address ${leaked.src} reached the internet host (port ${leaked.dstPort}): ` +
        'every packet must leave NAT-A with its public address.',
    );
  }
  return {
    ok: true,
    detail: `the internet host saw ${natPublic} for both nodes, and no private source in ${packets.length} packets`,
  };
}

/** Objective 3: the internet host cannot open a connection to a node; replies still come back. */
export async function noInboundConnections(ctx: NetContext): Promise<Verdict> {
  const inet = internetAddress(ctx);
  const privateSubnet = ctx.subnet('private');
  const natPublic = ctx.address('nat-a', 'public');
  const node = 'node-1';
  const nodeAddress = ctx.address(node, 'private');
  const targets = [
    ...PROBE_PORTS.map((port) => `${nodeAddress}:${port}`),
    ...PROBE_PORTS.map((port) => `${natPublic}:${port}`),
  ];
  // The internet host tries the way a neighbour on the same segment could: with a route to the
  // private subnet through NAT-A, straight to a node's address; and to NAT-A's own public address.
  const attempt = `ip route replace ${privateSubnet} via ${natPublic}
trap 'ip route del ${privateSubnet} via ${natPublic} 2>/dev/null' EXIT
for t in ${targets.join(' ')}; do curl -s -o /dev/null --connect-timeout 1 --max-time 2 "http://$t/" & done
wait`;
  const { packets } = await capture(ctx, node, `tcp and src host ${inet}`, () =>
    ctx.exec('internet', ['sh', '-c', attempt], { timeoutMs: 30_000 }),
  );
  const opened = packets.find((p) => p.direction === 'In' && p.flags === 'S');
  if (opened) {
    const via =
      opened.dst === nodeAddress && targets.includes(`${nodeAddress}:${opened.dstPort}`)
        ? `sent straight to ${node}'s address through NAT-A`
        : `forwarded to ${node}`;
    const rules = await iptablesRules(ctx, 'nat-a', 'filter', 'FORWARD');
    return fail(
      `a new connection from the internet host (${inet}) to ${node} port ${opened.dstPort} reached ${node} ` +
        `(${via}): NAT-A lets new connections in from its public side. Only replies to connections the ` +
        'nodes opened should come back.',
      `iptables -S FORWARD on nat-a:\n${rules.join('\n')}`,
    );
  }
  return {
    ok: true,
    detail: `${targets.length} connection attempts from the internet host; none reached ${node}`,
  };
}

interface ProbeLine {
  at: number;
  seen: string;
}

const PROBE = '/tmp/storylabs-failover-probe';
/** The probes stop by themselves after this long, whatever happens to the check. */
const PROBE_HARD_LIMIT_S = 180;

/**
 * Starts, in the background inside each node, a loop that asks /whoami every 100 ms and logs each
 * answer with the node's clock (the containers share this machine's clock). Verdicts are read from
 * those timestamps, so a slow `docker exec` on a busy machine does not count as failover time.
 */
async function startProbes(ctx: NetContext): Promise<void> {
  const loop = `end=$(( $(date +%s) + ${PROBE_HARD_LIMIT_S} ))
while [ "$(date +%s)" -lt "$end" ]; do
  r=$(curl -s --max-time 1 --noproxy '*' ${whoamiUrl(ctx)})
  echo "$(date +%s%3N) \${r:-none}" >> ${PROBE}.log
  sleep 0.1
done`;
  await Promise.all(
    NODES.map(async (node) => {
      const result = await ctx.exec(node, [
        'sh',
        '-c',
        `[ -f ${PROBE}.pid ] && kill $(cat ${PROBE}.pid) 2>/dev/null; rm -f ${PROBE}.log
setsid sh -c "$1" > /dev/null 2>&1 < /dev/null & echo $! > ${PROBE}.pid
for i in $(seq 100); do [ -s ${PROBE}.log ] && exit 0; sleep 0.1; done; exit 1`,
        'probe',
        loop,
      ]);
      if (result.exitCode !== 0)
        throw new Error(`the failover probe did not start on ${node}: ${result.stderr.trim()}`);
    }),
  );
}

async function stopProbes(ctx: NetContext): Promise<void> {
  await Promise.all(
    NODES.map((node) =>
      ctx.exec(node, [
        'sh',
        '-c',
        `[ -f ${PROBE}.pid ] && kill $(cat ${PROBE}.pid) 2>/dev/null; rm -f ${PROBE}.pid ${PROBE}.log`,
      ]),
    ),
  );
}

async function probeLog(ctx: NetContext, node: Node): Promise<ProbeLine[]> {
  const result = await ctx.exec(node, ['cat', `${PROBE}.log`]);
  return result.stdout
    .split('\n')
    .map((line) => /^(\d+) (\S+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ at: Number(m[1]), seen: m[2] ?? '' }));
}

/**
 * When each node's probe first saw `want` at or after `since` (epoch ms); undefined for a node whose
 * probe went on for `boundMs` after `since` without seeing it.
 */
async function firstSeen(
  ctx: NetContext,
  want: string,
  since: number,
  boundMs: number,
): Promise<Record<Node, number | undefined>> {
  const giveUp = Date.now() + boundMs + 60_000;
  for (;;) {
    const logs = await Promise.all(NODES.map((node) => probeLog(ctx, node)));
    const found: Partial<Record<Node, number | undefined>> = {};
    let pending = false;
    for (const [i, node] of NODES.entries()) {
      const lines = (logs[i] ?? []).filter((l) => l.at >= since);
      const hit = lines.find((l) => l.seen === want);
      if (hit) found[node] = hit.at;
      else if (lines.some((l) => l.at > since + boundMs) || Date.now() > giveUp) found[node] = undefined;
      else pending = true;
    }
    if (!pending) return found as Record<Node, number | undefined>;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function failoverProblem(ctx: NetContext, node: Node): Promise<string> {
  const natA = ctx.address('nat-a', 'private');
  const route = await ctx.exec(node, ['ip', '-4', 'route', 'get', internetAddress(ctx)]);
  if (route.stdout.includes(`via ${natA} `)) {
    return `${node} still routes through NAT-A (${natA}) ${FAILOVER_BOUND_MS / 1000} s after NAT-A stopped: nothing moved its route to NAT-B.`;
  }
  const broken = await diagnose(ctx, node, 'nat-b');
  if (broken) return `with NAT-A stopped, ${broken.reason}`;
  return `${node}'s traffic reached NAT-B only after the ${FAILOVER_BOUND_MS / 1000} s bound.`;
}

/**
 * Objective 4: stops NAT-A, measures how long until both nodes' traffic flows through NAT-B, starts
 * NAT-A again and waits for traffic to return to it.
 */
export async function failover(ctx: NetContext): Promise<Verdict> {
  const natAPublic = ctx.address('nat-a', 'public');
  const natBPublic = ctx.address('nat-b', 'public');
  const before = await Promise.all(NODES.map((node) => whoami(ctx, node)));
  for (const [i, node] of NODES.entries()) {
    const answer = before[i];
    if (!answer) continue;
    if (!answer.ok || answer.seen !== natAPublic) {
      return fail(
        `before NAT-A is stopped, both nodes must go through it; ${node} ${answer.ok ? `goes through ${nameOf(ctx, answer.seen)}` : `cannot reach the internet host: ${answer.error}`}.`,
      );
    }
  }
  await startProbes(ctx);
  try {
    return await measureFailover(ctx, natAPublic, natBPublic);
  } finally {
    await stopProbes(ctx);
  }
}

async function measureFailover(ctx: NetContext, natAPublic: string, natBPublic: string): Promise<Verdict> {
  let failoverMs: number | undefined;
  let problem: string | undefined;
  try {
    await ctx.stop('nat-a');
    const stoppedAt = Date.now();
    ctx.debug('NAT-A stopped');
    const seen = await firstSeen(ctx, natBPublic, stoppedAt, FAILOVER_BOUND_MS);
    const late = NODES.find((node) => seen[node] === undefined);
    if (late) problem = await failoverProblem(ctx, late);
    else failoverMs = Math.max(0, ...NODES.map((node) => (seen[node] ?? stoppedAt) - stoppedAt));
  } finally {
    await ctx.start('nat-a');
    ctx.debug('NAT-A started again');
  }
  if (problem !== undefined) return fail(problem);
  const backAt = Date.now();
  const back = await firstSeen(ctx, natAPublic, backAt, FAILBACK_BOUND_MS);
  const stuck = NODES.find((node) => back[node] === undefined);
  if (stuck) {
    const natRules = await iptablesRules(ctx, 'nat-a', 'nat', 'POSTROUTING');
    const forwardRules = await iptablesRules(ctx, 'nat-a', 'filter', 'FORWARD');
    // Docker's own rules for its embedded DNS are there after every boot; the learner's are not.
    const own = (rules: string[]) => rules.filter((r) => r.startsWith('-A') && !r.includes('DOCKER'));
    const empty = own(natRules).length === 0 && own(forwardRules).length === 0;
    const failoverText = `Failover took ${((failoverMs ?? 0) / 1000).toFixed(1)} s. `;
    if (empty) {
      return fail(
        `${failoverText}But NAT-A came back from its restart without its NAT configuration (no iptables rules, ` +
          'and the FORWARD policy is DROP again), and traffic did not return to it: a restart starts iptables ' +
          'empty, so the configuration must be applied at boot (this lab runs /etc/rc.local at every boot).',
      );
    }
    const broken = await diagnose(ctx, stuck, 'nat-a');
    return fail(
      `${failoverText}But ${FAILBACK_BOUND_MS / 1000} s after NAT-A came back, ${stuck}'s traffic did not go ` +
        `through NAT-A again${broken ? `: ${broken.reason}` : '.'}`,
    );
  }
  const failbackMs = Math.max(0, ...NODES.map((node) => (back[node] ?? backAt) - backAt));
  const seconds = ((failoverMs ?? 0) / 1000).toFixed(1);
  if ((failoverMs ?? 0) > FAILOVER_BOUND_MS) {
    return fail(
      `both nodes reached the internet through NAT-B ${seconds} s after NAT-A stopped: more than ${FAILOVER_BOUND_MS / 1000} s.`,
    );
  }
  return {
    ok: true,
    detail: `failover to NAT-B: ${seconds} s after NAT-A stopped (bound ${FAILOVER_BOUND_MS / 1000} s); back through NAT-A ${(failbackMs / 1000).toFixed(1)} s after it was ready again`,
  };
}

/**
 * A byte count must be the counted download's to within 0.01% (about 7 KB of 67 MB). The comparison is
 * with that very download, so a count read from the counters matches to the byte; the acknowledgements
 * going out are 0.05-0.08% of a download, so a count of one direction fails, and so does a count rounded
 * to millions.
 */
export const BYTES_TOLERANCE = { relative: 0.0001 } as const;

/**
 * The answer of the bytes objective: of the complete downloads the internet host served to NAT-A's public
 * address, the one nearest `given` (the learner counted one of them, and may have run several). Two
 * downloads of the same file differ by up to about 1% (TCP retransmits a different number of segments each
 * time, more on a busy machine), so the count is compared with the download it counted, never with a
 * fresh one.
 */
export async function countedDownload(ctx: NetContext, given: number): Promise<number> {
  const nearest = nearestTo(await servedDownloads(ctx, ctx.address('nat-a', 'public')), given);
  if (nearest === undefined) {
    throw new Error(
      `the internet host has not served a complete download through NAT-A yet: fetch it once from node-1 (\`curl -o /dev/null ${downloadUrl(ctx)}\`), count it, then answer`,
    );
  }
  return nearest;
}

export { NAT_LABEL, type Nat };
