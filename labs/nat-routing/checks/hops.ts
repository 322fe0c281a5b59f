// Which hop of node -> NAT -> internet host -> NAT -> node is broken, told from what the hosts'
// routing tables say and from the packets the NAT machine actually sees. iptables rules are read
// only to explain a failure, never to decide one: any correct set of rules passes.

import {
  capture,
  interfaces,
  internetAddress,
  ipForward,
  iptablesRules,
  NAT_LABEL,
  type Nat,
  type NetContext,
  type Node,
  type RouteLookup,
  routeGet,
  routes,
  whoami,
} from './net.ts';

export interface Broken {
  reason: string;
  detail?: string;
}

const SERVICES = ['node-1', 'node-2', 'nat-a', 'nat-b', 'internet'] as const;

/** "NAT-B (10.213.0.6)" for an address of the lab, or the bare address. */
export function nameOf(ctx: NetContext, address: string): string {
  for (const service of SERVICES) {
    for (const network of ['private', 'public']) {
      let own: string | undefined;
      try {
        own = ctx.address(service, network);
      } catch {
        own = undefined;
      }
      if (own === address) {
        const label = service in NAT_LABEL ? NAT_LABEL[service as Nat] : service;
        return `${label} (${address})`;
      }
    }
  }
  return address;
}

/** The node's own routing decision for the internet host: undefined when it points at `nat`. */
export async function routeProblem(
  ctx: NetContext,
  node: Node,
  nat: Nat,
  lookup?: RouteLookup,
): Promise<Broken | undefined> {
  const inet = internetAddress(ctx);
  const natPrivate = ctx.address(nat, 'private');
  const nodeAddress = ctx.address(node, 'private');
  const route = lookup ?? (await routeGet(ctx, node, inet));
  if (route.unreachable) {
    return {
      reason:
        `${node} has no route to the internet host (${inet}): \`ip route get ${inet}\` on ${node} answers ` +
        `"${route.raw}". A node knows only its own subnet (${ctx.subnet('private')}) until it is given a route.`,
    };
  }
  if (route.via === undefined || route.via === nodeAddress) {
    const table = await routes(ctx, node);
    const self = table.find(
      (line) => line.includes(`via ${nodeAddress} `) || line.endsWith(`via ${nodeAddress}`),
    );
    if (self) {
      return {
        reason:
          `${node}'s route to the internet host points at ${node} itself ("${self.trim()}"; ${nodeAddress} is ` +
          `${node}'s own address): a host cannot be its own next hop, so it asks its subnet who has ${inet} and ` +
          'nobody answers.',
        detail: table.join('\n'),
      };
    }
    return {
      reason:
        `${node} sends packets for ${inet} straight out of ${route.dev ?? 'its interface'}, as if the internet ` +
        'host were on its own subnet (the route has no next hop): nobody there answers for that address.',
      detail: table.join('\n'),
    };
  }
  if (route.via !== natPrivate) {
    return {
      reason:
        `${node}'s route to the internet host goes via ${nameOf(ctx, route.via)}, not ${NAT_LABEL[nat]} ` +
        `(${natPrivate}).`,
      detail: route.raw,
    };
  }
  return undefined;
}

/**
 * Follows one HTTP request from `node` through `nat` (whose private address the node's route already
 * names) by capturing on the NAT machine, and says which hop lost it. Undefined when it went through.
 */
export async function pathProblem(ctx: NetContext, node: Node, nat: Nat): Promise<Broken | undefined> {
  const inet = internetAddress(ctx);
  const label = NAT_LABEL[nat];
  const nodeAddress = ctx.address(node, 'private');
  const natPublic = ctx.address(nat, 'public');
  const names = await interfaces(ctx, nat, ['private', 'public']);
  const priv = names.private ?? 'its private interface';
  const pub = names.public ?? 'its public interface';
  const { packets, result, raw } = await capture(ctx, nat, `tcp and host ${inet}`, () =>
    whoami(ctx, node, 1.5),
  );
  ctx.debug(`capture on ${nat}:\n${raw}`);
  const fromNode = packets.filter(
    (p) => p.iface === priv && p.direction === 'In' && p.src === nodeAddress && p.dst === inet,
  );
  if (fromNode.length === 0) {
    return {
      reason:
        `${label} saw no packet from ${node} on ${priv} (its private interface) although ${node}'s route ` +
        `names ${label}: is ${label} running? (\`ip neigh\` on ${node} shows whether its address answers)`,
      detail: raw,
    };
  }
  const ports = new Set(fromNode.map((p) => p.srcPort));
  const leaving = packets.filter((p) => p.iface === pub && p.direction === 'Out' && p.dst === inet);
  if (leaving.length === 0) {
    if (!(await ipForward(ctx, nat))) {
      return {
        reason:
          `forwarding is off on ${label} (net.ipv4.ip_forward = 0): it receives ${node}'s packets on ${priv} ` +
          `and drops them instead of routing them out of ${pub}.`,
      };
    }
    const rules = await iptablesRules(ctx, nat, 'filter', 'FORWARD');
    const policyDrop = rules.some((r) => /^-P FORWARD (DROP|REJECT)/.test(r));
    return {
      reason:
        `${label} receives ${node}'s packets on ${priv} (private) but never sends them out of ${pub} ` +
        `(public): its FORWARD chain drops them${policyDrop ? ` (policy DROP, and no rule accepts traffic from ${priv} to ${pub})` : ''}.`,
      detail: `iptables -S FORWARD on ${nat}:\n${rules.join('\n')}`,
    };
  }
  const untranslated = leaving.find((p) => p.src === nodeAddress || ports.has(p.srcPort));
  const sample = untranslated ?? leaving[0];
  if (sample && sample.src !== natPublic) {
    const natRules = await iptablesRules(ctx, nat, 'nat', 'POSTROUTING');
    const onPrivate = natRules.find(
      (r) => /(MASQUERADE|SNAT)/.test(r) && new RegExp(`-o ${priv}\\b`).test(r),
    );
    const detail = `iptables -t nat -S POSTROUTING on ${nat}:\n${natRules.join('\n')}`;
    if (sample.src === nodeAddress) {
      return {
        reason:
          `${label} forwards ${node}'s packets out of ${pub} (public) with their private source ${nodeAddress}: ` +
          `nothing translates the source address on the way out of ${pub}, so the internet host cannot answer` +
          (onPrivate
            ? `. The source NAT rule "${onPrivate}" matches ${priv}, the private interface; packets for the internet leave by ${pub}.`
            : '.'),
        detail,
      };
    }
    return {
      reason: `${label} sends ${node}'s packets out of ${pub} with source ${sample.src}, which is not ${label}'s public address (${natPublic}).`,
      detail,
    };
  }
  const answers = packets.filter((p) => p.iface === pub && p.direction === 'In' && p.src === inet);
  if (answers.length === 0) {
    return {
      reason: `${label} sends ${node}'s packets to the internet host from ${natPublic}, but no answer came back to ${pub}.`,
      detail: raw,
    };
  }
  const returned = packets.filter((p) => p.iface === priv && p.direction === 'Out' && p.dst === nodeAddress);
  if (returned.length === 0) {
    const rules = await iptablesRules(ctx, nat, 'filter', 'FORWARD');
    return {
      reason:
        `the internet host's answers reach ${label} on ${pub}, but ${label} does not forward them back to ` +
        `${node} on ${priv}: the FORWARD chain must also let replies to the nodes' connections through.`,
      detail: `iptables -S FORWARD on ${nat}:\n${rules.join('\n')}`,
    };
  }
  if (!result.ok) {
    return {
      reason: `packets went through ${label} both ways, yet the request from ${node} failed: ${result.error}`,
      detail: raw,
    };
  }
  return undefined;
}

/** The first broken hop between `node` and the internet host through `nat`, or undefined. */
export async function diagnose(ctx: NetContext, node: Node, nat: Nat): Promise<Broken | undefined> {
  return (await routeProblem(ctx, node, nat)) ?? (await pathProblem(ctx, node, nat));
}
