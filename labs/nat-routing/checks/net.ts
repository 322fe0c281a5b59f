// What the checks can observe of the lab's hosts: routes, interfaces, HTTP answers and packets.
// Every address comes from the running instance (ctx.address / ctx.subnet), never from a literal.

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The part of lab-kit's CheckContext the checks use (so they also run against plain `docker exec`). */
export interface NetContext {
  exec(service: string, command: string[], options?: { timeoutMs?: number }): Promise<ExecResult>;
  address(service: string, network: string): string;
  subnet(network: string): string;
  stop(service: string): Promise<void>;
  start(service: string): Promise<void>;
  debug(message: string): void;
}

export const NODES = ['node-1', 'node-2'] as const;
export type Node = (typeof NODES)[number];
export const NATS = ['nat-a', 'nat-b'] as const;
export type Nat = (typeof NATS)[number];

export const NAT_LABEL: Record<Nat, string> = { 'nat-a': 'NAT-A', 'nat-b': 'NAT-B' };

export function internetAddress(ctx: NetContext): string {
  return ctx.address('internet', 'public');
}

export function whoamiUrl(ctx: NetContext): string {
  return `http://${internetAddress(ctx)}/whoami`;
}

export function downloadUrl(ctx: NetContext): string {
  return `http://${internetAddress(ctx)}/download`;
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function inSubnet(ip: string, cidr: string): boolean {
  const [base = '', prefixText = '32'] = cidr.split('/');
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const start = Math.floor(ipToNumber(base) / size) * size;
  const value = ipToNumber(ip);
  return value >= start && value < start + size;
}

async function sh(ctx: NetContext, service: string, script: string, timeoutMs = 30_000): Promise<ExecResult> {
  return ctx.exec(service, ['sh', '-c', script], { timeoutMs });
}

/** One HTTP GET of /whoami from a host: the address the internet host saw, or why there is none. */
export async function whoami(ctx: NetContext, from: string, maxSeconds = 2): Promise<WhoamiAnswer> {
  const result = await ctx.exec(
    from,
    ['curl', '-sS', '--max-time', String(maxSeconds), '--noproxy', '*', whoamiUrl(ctx)],
    { timeoutMs: (maxSeconds + 30) * 1000 },
  );
  return toAnswer(result.exitCode, result.exitCode === 0 ? result.stdout.trim() : result.stderr.trim());
}

export type WhoamiAnswer = { ok: true; seen: string } | { ok: false; error: string };

function toAnswer(exitCode: number, text: string): WhoamiAnswer {
  if (exitCode === 0) return { ok: true, seen: text };
  return { ok: false, error: text.replace(/^curl: \(\d+\) /, '') || `curl exited with ${exitCode}` };
}

export interface RouteLookup {
  /** `ip route get` failed: no route at all. */
  unreachable: boolean;
  via: string | undefined;
  dev: string | undefined;
  raw: string;
}

function parseRouteGet(exitCode: number, raw: string): RouteLookup {
  if (exitCode !== 0) return { unreachable: true, via: undefined, dev: undefined, raw };
  return {
    unreachable: false,
    via: /\bvia (\S+)/.exec(raw)?.[1],
    dev: /\bdev (\S+)/.exec(raw)?.[1],
    raw,
  };
}

/** What `ip route get <destination>` says on a host: a lookup in its routing table, no packet sent. */
export async function routeGet(ctx: NetContext, host: string, destination: string): Promise<RouteLookup> {
  const result = await ctx.exec(host, ['ip', '-4', 'route', 'get', destination]);
  return parseRouteGet(result.exitCode, `${result.stdout}${result.stderr}`.trim());
}

export interface NodeProbe {
  route: RouteLookup;
  answer: WhoamiAnswer;
}

/** In one exec: the node's route to the internet host, then one GET /whoami from it. */
export async function probeNode(ctx: NetContext, node: string, maxSeconds = 2): Promise<NodeProbe> {
  const inet = internetAddress(ctx);
  const script = `r=$(ip -4 route get ${inet} 2>&1); echo "route $? $r"
a=$(curl -sS --max-time ${maxSeconds} --noproxy '*' ${whoamiUrl(ctx)} 2>&1); echo "answer $? $a"`;
  const result = await ctx.exec(node, ['sh', '-c', script], { timeoutMs: (maxSeconds + 30) * 1000 });
  const route = /^route (\d+) (.*)$/m.exec(result.stdout);
  const answer = /^answer (\d+) (.*)$/m.exec(result.stdout);
  if (!route || !answer)
    throw new Error(`probing from ${node} failed: ${(result.stdout + result.stderr).trim()}`);
  return {
    route: parseRouteGet(Number(route[1]), (route[2] ?? '').trim()),
    answer: toAnswer(Number(answer[1]), (answer[2] ?? '').trim()),
  };
}

/** A host's routes (`ip -4 route show`), one per line. */
export async function routes(ctx: NetContext, host: string): Promise<string[]> {
  const result = await ctx.exec(host, ['ip', '-4', 'route', 'show']);
  return result.stdout.split('\n').filter((line) => line.trim() !== '');
}

/** The interface names of a host that carry each lab network, e.g. { private: 'eth0', public: 'eth1' }. */
export async function interfaces(
  ctx: NetContext,
  host: string,
  networks: string[],
): Promise<Record<string, string>> {
  const result = await ctx.exec(host, ['ip', '-4', '-o', 'addr', 'show']);
  const names: Record<string, string> = {};
  for (const network of networks) {
    const address = ctx.address(host, network);
    const line = result.stdout.split('\n').find((l) => l.includes(` ${address}/`));
    const name = line ? /^\d+:\s+(\S+)/.exec(line)?.[1] : undefined;
    if (name) names[network] = name.replace(/@.*$/, '');
  }
  return names;
}

export interface Packet {
  iface: string;
  direction: 'In' | 'Out';
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  flags: string;
}

const packetLine =
  /^\S+ (\S+)\s+(In|Out|M|B|P)\s+IP (\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)\.(\d+): Flags \[([^\]]*)\]/;

export function parseCapture(text: string): Packet[] {
  const packets: Packet[] = [];
  for (const line of text.split('\n')) {
    const m = packetLine.exec(line.trim());
    if (!m) continue;
    packets.push({
      iface: m[1] ?? '',
      direction: m[2] === 'Out' ? 'Out' : 'In',
      src: m[3] ?? '',
      srcPort: Number(m[4]),
      dst: m[5] ?? '',
      dstPort: Number(m[6]),
      flags: m[7] ?? '',
    });
  }
  return packets;
}

/**
 * Captures the TCP packets matching `filter` on every interface of `host` while `during` runs, with
 * tcpdump inside that host. The capture has started before `during` begins, and stops after it.
 */
export async function capture<T>(
  ctx: NetContext,
  host: string,
  filter: string,
  during: () => Promise<T>,
): Promise<{ packets: Packet[]; result: T; raw: string }> {
  const file = `/tmp/storylabs-capture-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const started = await sh(
    ctx,
    host,
    `setsid timeout 20 tcpdump -i any -nn -l -U '${filter}' > ${file}.txt 2>&1 < /dev/null & echo $! > ${file}.pid
     for i in $(seq 100); do grep -q 'listening on' ${file}.txt 2>/dev/null && exit 0; sleep 0.05; done
     cat ${file}.txt; exit 1`,
  );
  if (started.exitCode !== 0) {
    throw new Error(`tcpdump did not start on ${host}: ${(started.stdout + started.stderr).trim()}`);
  }
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await during() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // Give packets in flight a moment, stop tcpdump (SIGINT flushes it), then read what it saw.
  const stopped = await sh(
    ctx,
    host,
    `sleep 0.3; kill -INT $(cat ${file}.pid) 2>/dev/null
     for i in $(seq 40); do kill -0 $(cat ${file}.pid) 2>/dev/null || break; sleep 0.05; done
     cat ${file}.txt; rm -f ${file}.txt ${file}.pid`,
  );
  if (!outcome.ok) throw outcome.error;
  const result = outcome.value;
  return { packets: parseCapture(stopped.stdout), result, raw: stopped.stdout };
}

export async function ipForward(ctx: NetContext, host: string): Promise<boolean> {
  const result = await ctx.exec(host, ['cat', '/proc/sys/net/ipv4/ip_forward']);
  return result.stdout.trim() === '1';
}

/** `iptables -S` of a table/chain, for the detail of a message (never for the verdict itself). */
export async function iptablesRules(
  ctx: NetContext,
  host: string,
  table: string,
  chain: string,
): Promise<string[]> {
  const result = await ctx.exec(host, ['iptables', '-w', '-t', table, '-S', chain]);
  return result.stdout.split('\n').filter((line) => line.trim() !== '');
}

/** Of `values`, the one nearest `target` (the first when none is nearer, or `target` is not a number). */
export function nearestTo(values: readonly number[], target: number): number | undefined {
  return values.reduce<number | undefined>(
    (best, v) => (best === undefined || Math.abs(v - target) < Math.abs(best - target) ? v : best),
    undefined,
  );
}

/** The standard download's body: nginx serves a 64 MiB file (environment/internet/boot.sh). */
export const DOWNLOAD_BODY_BYTES = 64 * 1024 * 1024;

/** One TCP connection as the internet host's conntrack accounted it: IP bytes in each direction. */
export interface TrackedConnection {
  client: string;
  server: string;
  serverPort: number;
  /** IP bytes the client sent (requests, acknowledgements). */
  sentBytes: number;
  /** IP bytes the server sent back (the reply direction). */
  repliedBytes: number;
}

const trackedLine =
  /\btcp\b.*?\bsrc=(\S+) dst=(\S+) sport=\d+ dport=(\d+) packets=\d+ bytes=(\d+) .*?\bsrc=\S+ dst=\S+ sport=\d+ dport=\d+ packets=\d+ bytes=(\d+)/;

/** Reads `conntrack -L -o extended` with accounting on; lines without byte counters are skipped. */
export function parseConntrack(text: string): TrackedConnection[] {
  const connections: TrackedConnection[] = [];
  for (const line of text.split('\n')) {
    const m = trackedLine.exec(line);
    if (!m) continue;
    connections.push({
      client: m[1] ?? '',
      server: m[2] ?? '',
      serverPort: Number(m[3]),
      sentBytes: Number(m[4]),
      repliedBytes: Number(m[5]),
    });
  }
  return connections;
}

/**
 * The IP bytes, both directions, of each complete standard download the internet host has served to
 * `from`, oldest connections first as conntrack lists them. The internet host accounts every connection
 * (nf_conntrack_acct) and keeps closed ones for a day (its TIME_WAIT timeout), so these are the same packets
 * a NAT machine's FORWARD chain counted for that download, byte for byte.
 */
export async function servedDownloads(ctx: NetContext, from: string): Promise<number[]> {
  const result = await sh(ctx, 'internet', 'conntrack -L -p tcp -o extended 2>/dev/null');
  if (result.exitCode !== 0) {
    throw new Error(`could not read the internet host's connection table: ${result.stderr.trim()}`);
  }
  const inet = internetAddress(ctx);
  return parseConntrack(result.stdout)
    .filter((c) => c.client === from && c.server === inet && c.serverPort === 80)
    .filter((c) => c.repliedBytes >= DOWNLOAD_BODY_BYTES)
    .map((c) => c.sentBytes + c.repliedBytes);
}
