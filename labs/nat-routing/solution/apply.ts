// Applies the reference solution to a running instance: NAT rules on both NAT machines (kept in
// /etc/rc.local so a restart re-applies them), and on each node a health check that keeps the default
// route on NAT-A while it answers and moves it to NAT-B while it does not.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NATS, type NetContext, NODES } from '../checks/net.ts';

const here = import.meta.dirname;

async function put(ctx: NetContext, service: string, path: string, content: string): Promise<void> {
  const result = await ctx.exec(service, [
    'sh',
    '-c',
    'mkdir -p "$(dirname "$1")" && printf "%s" "$2" > "$1" && chmod 755 "$1"',
    'put',
    path,
    content,
  ]);
  if (result.exitCode !== 0)
    throw new Error(`could not write ${path} on ${service}: ${result.stderr.trim()}`);
}

async function run(ctx: NetContext, service: string, script: string): Promise<string> {
  const result = await ctx.exec(service, ['sh', '-c', script], { timeoutMs: 20_000 });
  if (result.exitCode !== 0) {
    throw new Error(`on ${service}, \`${script}\` failed: ${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout;
}

export async function applySolution(ctx: NetContext): Promise<void> {
  const natRules = await readFile(join(here, 'nat-rules.sh'), 'utf8');
  const failover = await readFile(join(here, 'nat-failover.sh'), 'utf8');
  const privateSubnet = ctx.subnet('private');
  const publicSubnet = ctx.subnet('public');
  for (const nat of NATS) {
    await put(ctx, nat, '/usr/local/sbin/nat-rules', natRules);
    await put(
      ctx,
      nat,
      '/etc/rc.local',
      `#!/bin/sh\n/usr/local/sbin/nat-rules ${privateSubnet} ${publicSubnet}\n`,
    );
    ctx.debug(await run(ctx, nat, 'sh /etc/rc.local'));
  }
  const primary = ctx.address('nat-a', 'private');
  const backup = ctx.address('nat-b', 'private');
  const start =
    `pkill -f '^/bin/sh /usr/local/sbin/nat-failover' || true; ` +
    `setsid /usr/local/sbin/nat-failover ${primary} ${backup} >> /var/log/nat-failover.log 2>&1 < /dev/null &`;
  for (const node of NODES) {
    await put(ctx, node, '/usr/local/sbin/nat-failover', failover);
    await put(ctx, node, '/etc/rc.local', `#!/bin/sh\n${start}\n`);
    await run(ctx, node, start);
  }
  // The health checks set the default routes within a moment; wait until both nodes have theirs.
  for (const node of NODES) {
    await run(
      ctx,
      node,
      `for i in $(seq 50); do ip -4 route show default | grep -q 'via ${primary} ' && exit 0; sleep 0.1; done; ip -4 route; exit 1`,
    );
  }
}
