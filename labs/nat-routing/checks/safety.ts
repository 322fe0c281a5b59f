// Nothing in this lab may reach past the machine it runs on. The networks are not internal (Docker
// would drop the routed traffic a NAT lab is about), so every host deletes Docker's default route at
// boot, and `up` verifies it here: a lookup in each routing table, no packet sent.

import { type ExecResult, inSubnet, type NetContext } from './net.ts';

export const SERVICES = ['node-1', 'node-2', 'nat-a', 'nat-b', 'internet'] as const;

/** An address outside every lab network (TEST-NET-2): asked about, never sent to. */
export const OFF_LAB_ADDRESS = '198.51.100.1';

/** The public side stands in for the internet with a documentation range (RFC 5737), in every instance. */
export const DOCUMENTATION_RANGE = '203.0.113.0/24';

export async function publicSubnetIsDocumentation(ctx: Pick<NetContext, 'subnet'>): Promise<void> {
  const subnet = ctx.subnet('public');
  const [base = '', prefix = '0'] = subnet.split('/');
  // An aligned subnet of /24 or smaller whose first address is in the range lies wholly inside it.
  if (!inSubnet(base, DOCUMENTATION_RANGE) || Number(prefix) < 24) {
    throw new Error(
      `this instance's public subnet would be ${subnet}, outside the documentation range ${DOCUMENTATION_RANGE}: ` +
        'too many instances of nat-routing are running. Stop one with `pnpm lab down nat-routing --instance <name>`.',
    );
  }
}

/** Every host's route lookup for an address outside the lab: must be "unreachable". */
export async function routesOffTheLab(ctx: Pick<NetContext, 'exec'>): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  await Promise.all(
    SERVICES.map(async (service) => {
      const result = await ctx.exec(service, ['ip', '-4', 'route', 'get', OFF_LAB_ADDRESS]);
      if (result.exitCode === 0) found[service] = result.stdout.trim();
    }),
  );
  return found;
}

export async function noRouteOffTheLab(ctx: Pick<NetContext, 'exec'>): Promise<void> {
  const found = await routesOffTheLab(ctx);
  const leaks = Object.entries(found);
  if (leaks.length > 0) {
    throw new Error(
      `a host of the lab has a route off the lab (it should have deleted it at boot): ${leaks
        .map(([service, route]) => `${service}: ${route}`)
        .join('; ')}`,
    );
  }
}

/** The part of lab-kit's PreflightContext this lab uses. */
export interface ContainerRunner {
  runContainer(options: { build: string; command: string[]; capabilities?: string[] }): Promise<ExecResult>;
}

const IPTABLES_PROBE = `set -e
iptables -w -P FORWARD DROP
iptables -w -A FORWARD -i lo -o lo -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
iptables -w -t nat -A POSTROUTING -o lo -j MASQUERADE
iptables -w -t nat -S POSTROUTING | grep -q MASQUERADE
iptables -w -L FORWARD -v -x -n > /dev/null
command -v tcpdump curl ping ip > /dev/null
echo ok`;

export async function checkIptables(
  ctx: ContainerRunner,
): Promise<{ ok: boolean; detail: string; fix?: string }> {
  const result = await ctx.runContainer({
    build: 'environment/host',
    command: ['sh', '-c', IPTABLES_PROBE],
    capabilities: ['NET_ADMIN'],
  });
  if (result.exitCode === 0 && result.stdout.includes('ok')) {
    return {
      ok: true,
      detail: 'iptables filter and nat tables, conntrack and MASQUERADE work in a container',
    };
  }
  return {
    ok: false,
    detail: `iptables failed in a container with NET_ADMIN: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' / ')}`,
    fix:
      'the Docker host kernel needs the nf_tables (or ip_tables), nf_nat and nf_conntrack modules: ' +
      '`modprobe nf_tables nf_nat nf_conntrack` on the host, or run Docker Engine on a full Linux VM',
  };
}
