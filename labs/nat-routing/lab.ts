import { type CheckContext, defineLab } from '@storylabs/lab-kit/manifest';
import {
  awsNatGatewayCost,
  awsNatInstancesCost,
  COST_TOLERANCE,
  gcpCloudNatCost,
  gcpNatVmsCost,
  scenario,
} from './checks/cost.ts';
import {
  BYTES_TOLERANCE,
  countedDownload,
  FAILBACK_BOUND_MS,
  FAILOVER_BOUND_MS,
  failover,
  noInboundConnections,
  reachThroughNatA,
  seesNatAddress,
} from './checks/objectives.ts';
import { checkIptables, noRouteOffTheLab, publicSubnetIsDocumentation } from './checks/safety.ts';
import { instructor } from './instructor.ts';
import { applySolution } from './solution/apply.ts';

const seconds = (ms: number) => `${ms / 1000} s`;

const briefing = `Two private nodes pull a lot from the internet. Build the NAT they go through, out of two Linux
machines and iptables, make it survive the loss of one machine, then count what it would cost to keep
paying a managed NAT for the same bytes.

**The network** (every address here is this instance's own)

- Private subnet {{subnet:private}}: \`node-1\` ({{ip:node-1:private}}), \`node-2\` ({{ip:node-2:private}}),
  and the private side of the two NAT machines, \`nat-a\` ({{ip:nat-a:private}}, zone a) and \`nat-b\`
  ({{ip:nat-b:private}}, zone b).
- Public side {{subnet:public}} (a documentation range standing in for the internet): \`nat-a\`
  ({{ip:nat-a:public}}), \`nat-b\` ({{ip:nat-b:public}}) and the internet host \`internet\`
  ({{ip:internet:public}}). Its web server answers \`GET /whoami\` with the source address it sees, and
  \`GET /download\` with the standard download: 64 MiB (67,108,864 bytes).
- Nothing here reaches the real internet: no host has a route off these two subnets, and none may get one.
  Never point a route at {{gateway:private}} or {{gateway:public}} (Docker's bridge on this machine).

At start the nodes know only their own subnet, and the NAT machines forward nothing: their FORWARD chain
policy is DROP, the hardened default of many images. The kernel side is done for you: the NAT machines
were created with \`net.ipv4.ip_forward=1\` (like a GCP VM created with \`--can-ip-forward\`), and
\`/proc/sys\` is read-only inside these containers, so \`sysctl -w\` there fails. Open a shell with \`pnpm lab shell nat-routing <host>\`
(or run one command with \`pnpm lab exec nat-routing <host> -- <command>\`). Every host has iproute2,
iptables, curl, tcpdump and ping.

A NAT machine restarts like a VM reboots: routes and iptables rules made by hand are gone afterwards.
Every host runs \`/etc/rc.local\` (a shell script, if you create it) at each boot.

**Objectives** (\`pnpm lab check nat-routing\` runs them in order)

1. Both nodes reach the internet host through \`nat-a\`.
2. The internet host sees \`nat-a\`'s public address, never a private one.
3. The internet host cannot open a connection to a node; only replies to connections the nodes opened
   come back.
4. High availability: the check stops \`nat-a\` and measures how long until both nodes' traffic flows
   through \`nat-b\`. It must take under ${seconds(FAILOVER_BOUND_MS)}. Then the check starts \`nat-a\`
   again, and traffic must be back on \`nat-a\` within ${seconds(FAILBACK_BOUND_MS)}. Any mechanism counts.
5. The bill, answered with \`pnpm lab answer nat-routing <objective> <value>\`:
   - \`bytes-through-nat\`: count with iptables on \`nat-a\` the bytes (IP packets, both directions) that
     cross it while \`node-1\` fetches the standard download once (\`curl -o /dev/null
     http://{{ip:internet:public}}/download\`). Your count is compared with that same download, not with a
     new one.
   - The story's traffic is ${scenario.terabytesPerMonth} TB a month, in decimal terabytes (10^12 bytes;
     clouds bill per GiB, 2^30 bytes). Price one month of it, in USD, from this project's price list
     (packages/models, or the NAT calculator on the story's page), counting only those bytes:
     - \`cost-gcp-cloud-nat\`: through GCP Cloud NAT, one gateway serving ${scenario.vms} VMs, one NAT IP.
     - \`cost-gcp-nat-vms\`: through ${scenario.natMachines} ${scenario.gcpMachineType} NAT VMs on GCP,
       each with an external IP.
     - \`cost-aws-nat-gateway\`: through ${scenario.natMachines} AWS NAT gateways (one per zone) in
       ${scenario.awsRegion}.
     - \`cost-aws-nat-instances\`: through ${scenario.natMachines} ${scenario.awsInstanceType} NAT instances
       in ${scenario.awsRegion}, each with a public IPv4 address.
   Costs within 2% pass; the byte count must be exact to 0.01%; \`$1,234\` and \`1.2k\` are understood.`;

const walkthrough = `**Routes.** A node sends packets for addresses outside its subnet to its default route's next
hop. \`ip route add default via <nat-a's private address>\` on each node makes \`nat-a\` that hop. A route
"via" the node's own address, or a route with no next hop at all, makes the node ask its own subnet who
has the internet host's address, and nobody answers.

**Forwarding.** The NAT machines run with \`net.ipv4.ip_forward=1\` (the equivalent of GCP's
\`--can-ip-forward\`), but their FORWARD chain drops everything. Allow what the nodes send out, and only
the replies back:

\`\`\`sh
iptables -A FORWARD -i <private if> -o <public if> -j ACCEPT
iptables -A FORWARD -i <public if> -o <private if> -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
\`\`\`

The second rule is objective 3: conntrack remembers each connection a node opened, so replies match
ESTABLISHED, while a new connection from the public side matches nothing and meets the DROP policy.
Find the interface names with \`ip -br addr\`.

**Source NAT.** Forwarded packets still carry the node's private source, and the internet has no route
back to it. \`iptables -t nat -A POSTROUTING -o <public if> -j MASQUERADE\` rewrites the source to the
NAT machine's public address as packets leave by the public interface, and conntrack undoes it for the
replies. On the private interface the rule never matches internet-bound packets. \`SNAT --to-source
<public address>\` works as well.

**Surviving a reboot.** Put the rules in \`/etc/rc.local\` on both NAT machines (this solution runs a
script that finds the interfaces by their subnets, since names can change from one boot to the next).

**Failover.** The reference solution runs a health check on each node
(labs/nat-routing/solution/nat-failover.sh): every 0.3 s it pings \`nat-a\`; while it answers, the default
route points at \`nat-a\`; while it does not and \`nat-b\` does, at \`nat-b\`. Failover takes about the
ping timeout (1 s), and traffic returns to \`nat-a\` as soon as it answers again, with its rules applied
at boot. On GCP the same job is done by a custom static route to an internal passthrough load balancer
with health checks in front of the NAT VMs (or by keepalived moving an address between them).

**Counting bytes.** iptables counts packets and bytes per rule: \`iptables -Z FORWARD\`, run the
download, \`iptables -L FORWARD -v -x -n\`. The two ACCEPT rules together count about 67.2 million
bytes: the 64 MiB payload plus TCP/IP headers and the acknowledgements going out. A managed NAT bills
every one of those bytes as "data processed".

**Cost.** The models in packages/models/src/nat.ts: Cloud NAT bills VMs per hour, its IP per hour and
every GiB processed; NAT VMs bill machine hours and addresses, and inbound bytes are free. 100 TB is
93,132 GiB, not 102,400.`;

export default defineLab({
  id: 'nat-routing',
  title: 'Replace a managed NAT with iptables',
  story: 'stories/nat-costs-iptables',
  summary:
    'Build a highly available NAT from two Linux machines with routes and iptables, prove it works from the packets, then price the managed NAT it replaces.',
  difficulty: 'intermediate',
  minutes: 90,
  briefing,
  networks: {
    private: {
      subnet: '10.213.0.0/27',
      description:
        "The nodes' private subnet. Not internal in Docker's sense (Docker would drop routed traffic), so every host deletes Docker's default route at boot.",
    },
    public: {
      subnet: '203.0.113.0/28',
      description: 'The public side: a documentation range (RFC 5737) standing in for the internet.',
    },
  },
  services: {
    'node-1': {
      build: 'environment/host',
      description: 'A private node (think: a GKE node without an external address).',
      capabilities: ['NET_ADMIN'],
      sysctls: { 'net.ipv4.ip_forward': '0' },
      networks: [{ name: 'private', ip: '10.213.0.11' }],
      wait: { type: 'command', command: 'lab-ready' },
    },
    'node-2': {
      build: 'environment/host',
      description: 'The second private node.',
      capabilities: ['NET_ADMIN'],
      sysctls: { 'net.ipv4.ip_forward': '0' },
      networks: [{ name: 'private', ip: '10.213.0.12' }],
      wait: { type: 'command', command: 'lab-ready' },
    },
    'nat-a': {
      build: 'environment/host',
      description: 'NAT machine in zone a: one interface on each side, forwarding allowed by the kernel.',
      env: { LAB_ROLE: 'nat' },
      capabilities: ['NET_ADMIN'],
      sysctls: { 'net.ipv4.ip_forward': '1' },
      networks: [
        { name: 'private', ip: '10.213.0.5' },
        { name: 'public', ip: '203.0.113.2' },
      ],
      wait: { type: 'command', command: 'lab-ready' },
    },
    'nat-b': {
      build: 'environment/host',
      description: 'NAT machine in zone b, the standby.',
      env: { LAB_ROLE: 'nat' },
      capabilities: ['NET_ADMIN'],
      sysctls: { 'net.ipv4.ip_forward': '1' },
      networks: [
        { name: 'private', ip: '10.213.0.6' },
        { name: 'public', ip: '203.0.113.3' },
      ],
      wait: { type: 'command', command: 'lab-ready' },
    },
    internet: {
      build: 'environment/internet',
      description: 'The internet host: nginx answering /whoami and serving a 64 MiB download.',
      capabilities: ['NET_ADMIN'],
      sysctls: {
        'net.ipv4.ip_forward': '0',
        'net.netfilter.nf_conntrack_acct': '1',
        'net.netfilter.nf_conntrack_tcp_timeout_time_wait': '86400',
      },
      networks: [{ name: 'public', ip: '203.0.113.10' }],
      wait: { type: 'command', command: 'curl -sf http://127.0.0.1/whoami' },
    },
  },
  preflight: [
    {
      title: 'iptables works inside a container (NET_ADMIN, nf_tables)',
      run: (ctx) => checkIptables(ctx),
    },
  ],
  setup: [
    { title: 'Checking the public side is a documentation range', run: publicSubnetIsDocumentation },
    { title: 'Checking no host has a route off the lab', run: noRouteOffTheLab },
  ],
  ordered: true,
  objectives: [
    {
      id: 'reach-through-nat-a',
      title: 'Both nodes reach the internet host through NAT-A',
      description: 'Each node fetches /whoami from the internet host, with its route pointing at nat-a.',
      check: reachThroughNatA,
      hints: [
        'Start at the first hop: `ip route get {{ip:internet:public}}` on a node says where its packets go.',
        'A NAT machine forwards only what its FORWARD chain accepts: `iptables -L FORWARD -v -n` shows the policy and counters. Watch both interfaces with `tcpdump -ni any host {{ip:internet:public}}` on nat-a.',
        'Forwarded packets still carry the private source address; something must rewrite it as they leave by the public interface. `man iptables-extensions`, MASQUERADE.',
      ],
      timeoutMs: 90_000,
    },
    {
      id: 'internet-sees-nat-a',
      title: "The internet host sees NAT-A's public address, never a private one",
      check: seesNatAddress,
      hints: [
        'Ask the internet host: `curl http://{{ip:internet:public}}/whoami` from a node prints the address it saw.',
        'The internet has no route to private addresses. If the internet host saw one, it was told how to answer it.',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'no-inbound-connections',
      title: 'The internet host cannot open a connection to a node',
      description:
        'The check gives the internet host a route to the private subnet through nat-a, as a neighbour on the same segment could have, and tries to connect to node-1 and to nat-a.',
      check: noInboundConnections,
      hints: [
        'NAT is not a firewall: a machine that forwards everything forwards inbound packets too, if someone sends them its way.',
        'conntrack knows which connections a node opened: `-m conntrack --ctstate ESTABLISHED,RELATED`.',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'failover',
      title: `Traffic moves to NAT-B within ${seconds(FAILOVER_BOUND_MS)} when NAT-A stops`,
      description: `The check stops nat-a, measures until both nodes' requests arrive from nat-b's public address (bound ${seconds(FAILOVER_BOUND_MS)}), starts nat-a again and expects traffic back on it within ${seconds(FAILBACK_BOUND_MS)}.`,
      check: failover,
      hints: [
        "Something has to notice that nat-a is gone and change the nodes' next hop. It can run on the nodes themselves.",
        'A loop on each node: `ping -c1 -W1` nat-a; if it answers, `ip route replace default via` nat-a, else via nat-b. Start it in the background with `setsid ... &`.',
        'When nat-a comes back it has rebooted: its iptables rules must be applied at boot (`/etc/rc.local`).',
      ],
      timeoutMs: 120_000,
    },
    {
      id: 'bytes-through-nat',
      title: 'Count the bytes that crossed NAT-A during the standard download',
      answer: {
        prompt: 'Bytes (IP packets, both directions) that crossed nat-a while node-1 fetched /download once',
        unit: 'bytes',
        tolerance: BYTES_TOLERANCE,
        expected: (ctx: CheckContext) => countedDownload(ctx, Number(ctx.answer('bytes-through-nat'))),
        measured: true,
      },
      hints: [
        '`iptables -Z FORWARD` on nat-a sets the counters to zero; `iptables -L FORWARD -v -x -n` reads them in exact bytes.',
        'Add up both directions: what the node sends out and the replies that come back.',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'cost-gcp-cloud-nat',
      title: 'Price a month of the story through GCP Cloud NAT',
      answer: {
        prompt: `Monthly USD for ${scenario.terabytesPerMonth} TB (decimal) through Cloud NAT, one gateway, ${scenario.vms} VMs, one NAT IP`,
        unit: '$',
        tolerance: COST_TOLERANCE,
        expected: () => gcpCloudNatCost(),
      },
      hints: [
        'Cloud NAT bills three lines: per VM-hour, per NAT IP-hour, and per GiB processed (both directions). A month is 730 hours.',
        'Convert first: 100 TB = 100 x 10^12 bytes = 93,132 GiB.',
      ],
    },
    {
      id: 'cost-gcp-nat-vms',
      title: 'Price the same month through two NAT VMs on GCP',
      answer: {
        prompt: `Monthly USD for ${scenario.natMachines} ${scenario.gcpMachineType} NAT VMs with an external IP each`,
        unit: '$',
        tolerance: COST_TOLERANCE,
        expected: () => gcpNatVmsCost(),
      },
      hints: [
        'A NAT VM bills machine hours and its external address; GCP does not charge for inbound bytes.',
        'e2 machines are priced per vCPU-hour and per GiB of memory per hour (packages/models/src/prices.ts).',
      ],
    },
    {
      id: 'cost-aws-nat-gateway',
      title: 'Price the same month through AWS NAT gateways',
      answer: {
        prompt: `Monthly USD for ${scenario.terabytesPerMonth} TB (decimal) through ${scenario.natMachines} NAT gateways in ${scenario.awsRegion}`,
        unit: '$',
        tolerance: COST_TOLERANCE,
        expected: () => awsNatGatewayCost(),
      },
      hints: [
        "A NAT gateway bills per hour, per GB processed (AWS's GB is a GiB) and its public IPv4 address per hour.",
      ],
    },
    {
      id: 'cost-aws-nat-instances',
      title: 'Price the same month through two NAT instances on AWS',
      answer: {
        prompt: `Monthly USD for ${scenario.natMachines} ${scenario.awsInstanceType} NAT instances in ${scenario.awsRegion}, a public IPv4 address each`,
        unit: '$',
        tolerance: COST_TOLERANCE,
        expected: () => awsNatInstancesCost(),
      },
      hints: [
        'Instance hours plus addresses; data coming in from the internet is free on EC2.',
        'A c6g.xlarge is billed as two c6g.large.',
      ],
    },
  ],
  instructor,
  solution: {
    walkthrough,
    apply: (ctx: CheckContext) => applySolution(ctx),
  },
});
