// Story 6: GKE private nodes pull 100+ TB a month from the internet through Cloud NAT, and the
// bill is mostly Cloud NAT's per-GiB processing charge. These models price the same traffic
// through Cloud NAT, through an AWS NAT gateway, and through self-managed NAT VMs on GCP.

import {
  type Ec2InstanceType,
  ec2HourlyUsd,
  ec2InstanceShapes,
  type GceMachineType,
  gceHourlyUsd,
  gceMachineShapes,
  isGceMachineType,
} from './machines.ts';
import { prices } from './prices.ts';
import type { AwsRegion } from './types.ts';
import { HOURS_PER_MONTH } from './units.ts';
import { requireNonNegative, requireNonNegativeInteger, requirePositiveInteger } from './validate.ts';

/**
 * A month of NAT cost in USD, one field per bill line.
 * `egress` is internet data transfer out: it is the same whichever NAT carries the bytes (and the
 * story's traffic is inbound, which GCP and AWS do not charge for), so these models leave it at 0
 * and keep the line so a page can show it unchanged.
 */
export interface NatCostBreakdown {
  hourly: number;
  processing: number;
  ips: number;
  egress: number;
  total: number;
}

function breakdown(lines: Omit<NatCostBreakdown, 'total' | 'egress'>): NatCostBreakdown {
  const egress = 0;
  return { ...lines, egress, total: lines.hourly + lines.processing + lines.ips + egress };
}

/** Cloud NAT bills per VM up to this many VMs on a gateway, then a flat gateway rate. */
export const CLOUD_NAT_PER_VM_BILLING_LIMIT = 32;

/**
 * One Cloud NAT gateway. `gibPerMonth` counts every GiB through the gateway, both directions:
 * Cloud NAT charges processing on inbound responses too, which is what makes a crawler expensive.
 * `vms` is the number of VMs (GKE nodes) that get a NAT assignment; `natIps` defaults to 1.
 */
export function gcpCloudNatMonthlyCost(o: {
  gibPerMonth: number;
  vms: number;
  natIps?: number;
}): NatCostBreakdown {
  const gib = requireNonNegative('gibPerMonth', o.gibPerMonth);
  const vms = requireNonNegativeInteger('vms', o.vms);
  const natIps = requirePositiveInteger('natIps', o.natIps ?? 1);
  const nat = prices.gcp.cloudNat;
  const gatewayPerHour =
    vms <= CLOUD_NAT_PER_VM_BILLING_LIMIT ? vms * nat.perVmHour.usd : nat.gatewayHourAbove32Vms.usd;
  return breakdown({
    hourly: gatewayPerHour * HOURS_PER_MONTH,
    processing: gib * nat.processingPerGib.usd,
    ips: natIps * nat.ipPerHour.usd * HOURS_PER_MONTH,
  });
}

/** AWS NAT gateways in one region, each with its one public IPv4 address. AWS's "GB" is a GiB. */
export function awsNatGatewayMonthlyCost(o: {
  gibPerMonth: number;
  gateways?: number;
  region?: AwsRegion;
}): NatCostBreakdown {
  const gib = requireNonNegative('gibPerMonth', o.gibPerMonth);
  const gateways = requirePositiveInteger('gateways', o.gateways ?? 1);
  const rates = prices.aws[o.region ?? 'us-east-1'];
  return breakdown({
    hourly: gateways * rates.natGatewayHour.usd * HOURS_PER_MONTH,
    processing: gib * rates.natGatewayProcessingPerGib.usd,
    ips: gateways * rates.publicIpv4Hour.usd * HOURS_PER_MONTH,
  });
}

export const DEFAULT_NAT_MACHINE_TYPE: GceMachineType = 'e2-standard-2';

function natMachineType(name: string | undefined): GceMachineType {
  const machineType = name ?? DEFAULT_NAT_MACHINE_TYPE;
  if (!isGceMachineType(machineType)) {
    const known = Object.keys(gceMachineShapes).join(', ');
    throw new RangeError(`machineType must be one of ${known}, got ${machineType}`);
  }
  return machineType;
}

/**
 * Self-managed NAT on GCP: `instances` VMs doing iptables MASQUERADE, each with an external IPv4
 * address. GCP charges nothing per GiB for traffic a VM forwards (inbound is free), so the bill is
 * machine hours plus addresses, whatever `gibPerMonth` is. Throughput limits per VM, HA and
 * patching are real costs this model does not price.
 */
export function selfManagedNatMonthlyCost(o: {
  gibPerMonth: number;
  instances: number;
  machineType?: string;
}): NatCostBreakdown {
  requireNonNegative('gibPerMonth', o.gibPerMonth);
  const instances = requirePositiveInteger('instances', o.instances);
  const machineType = natMachineType(o.machineType);
  return breakdown({
    hourly: instances * gceHourlyUsd(machineType) * HOURS_PER_MONTH,
    processing: 0,
    ips: instances * prices.gcp.compute.externalIpv4Hour.usd * HOURS_PER_MONTH,
  });
}

/**
 * The monthly volume (GiB, both directions) above which self-managed NAT costs less than Cloud NAT
 * for the same VMs. 0 when self-managed is already cheaper with no traffic at all.
 */
export function natBreakEvenGib(o: {
  vms: number;
  natIps?: number;
  instances: number;
  machineType?: string;
}): number {
  const cloudNatFixed = gcpCloudNatMonthlyCost({ gibPerMonth: 0, vms: o.vms, natIps: o.natIps }).total;
  const selfManaged = selfManagedNatMonthlyCost({
    gibPerMonth: 0,
    instances: o.instances,
    machineType: o.machineType,
  }).total;
  return Math.max(0, (selfManaged - cloudNatFixed) / prices.gcp.cloudNat.processingPerGib.usd);
}

/** The processing line's share of the total: 0..1, and 0 for an empty bill. */
export function processingShare(b: NatCostBreakdown): number {
  return b.total === 0 ? 0 : b.processing / b.total;
}

export const DEFAULT_AWS_NAT_INSTANCE_TYPE: Ec2InstanceType = 'c6g.xlarge';

/**
 * Self-managed NAT on AWS: `instances` EC2 instances doing iptables MASQUERADE (source/destination
 * check off), each with a public IPv4 address. Data coming in from the internet is free and a NAT
 * instance charges nothing per GiB, so like {@link selfManagedNatMonthlyCost} the bill is instance
 * hours plus addresses whatever `gibPerMonth` is.
 */
export function awsNatInstanceMonthlyCost(o: {
  gibPerMonth: number;
  instances: number;
  instanceType?: Ec2InstanceType;
  region?: AwsRegion;
}): NatCostBreakdown {
  requireNonNegative('gibPerMonth', o.gibPerMonth);
  const instances = requirePositiveInteger('instances', o.instances);
  const instanceType = o.instanceType ?? DEFAULT_AWS_NAT_INSTANCE_TYPE;
  if (!Object.hasOwn(ec2InstanceShapes, instanceType)) {
    const known = Object.keys(ec2InstanceShapes).join(', ');
    throw new RangeError(`instanceType must be one of ${known}, got ${instanceType}`);
  }
  const region = o.region ?? 'us-east-1';
  return breakdown({
    hourly: instances * ec2HourlyUsd(instanceType, region) * HOURS_PER_MONTH,
    processing: 0,
    ips: instances * prices.aws[region].publicIpv4Hour.usd * HOURS_PER_MONTH,
  });
}

/** One line of a Cloud NAT bill export: a day, a SKU, how much was used and what it cost. */
export interface NatBillLine {
  date: string;
  sku: string;
  usage: number;
  unit: string;
  costUsd: number;
}

/**
 * A 30-day Cloud NAT bill as daily line items, the way a billing export groups them, for `gibPerMonth`
 * through one gateway. Traffic follows a fixed weekly shape (weekdays busier than weekends) that keeps
 * the month's total; the hourly lines cover 24 hours a day. Deterministic: the same inputs give the
 * same lines. The processing lines add up to gcpCloudNatMonthlyCost's; the hourly lines to 720 of its
 * 730 hours.
 */
export function cloudNatDailyBill(o: {
  gibPerMonth: number;
  vms: number;
  natIps?: number;
  firstDay: string;
}): NatBillLine[] {
  const gib = requireNonNegative('gibPerMonth', o.gibPerMonth);
  const vms = requireNonNegativeInteger('vms', o.vms);
  const natIps = requirePositiveInteger('natIps', o.natIps ?? 1);
  const start = new Date(`${o.firstDay}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) throw new RangeError(`firstDay must be YYYY-MM-DD, got ${o.firstDay}`);
  const days = 30;
  const weekShape = [0.7, 1.15, 1.15, 1.1, 1.1, 1.05, 0.75]; // Sunday to Saturday
  const weights = Array.from({ length: days }, (_, d) => {
    const day = new Date(start.getTime() + d * 86_400_000);
    return weekShape[day.getUTCDay()] ?? 1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const nat = prices.gcp.cloudNat;
  const perVm = vms <= CLOUD_NAT_PER_VM_BILLING_LIMIT;
  return weights.flatMap((weight, d) => {
    const date = new Date(start.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    const dayGib = (gib * weight) / total;
    const uptime = perVm
      ? { sku: 'Cloud NAT Gateway: uptime per VM', usage: vms * 24, unit: 'VM-hour', rate: nat.perVmHour.usd }
      : { sku: 'Cloud NAT Gateway: uptime', usage: 24, unit: 'hour', rate: nat.gatewayHourAbove32Vms.usd };
    return [
      {
        date,
        sku: 'Cloud NAT: data processing',
        usage: dayGib,
        unit: 'GiB',
        costUsd: dayGib * nat.processingPerGib.usd,
      },
      { date, sku: uptime.sku, usage: uptime.usage, unit: uptime.unit, costUsd: uptime.usage * uptime.rate },
      {
        date,
        sku: 'Cloud NAT: external IP address',
        usage: natIps * 24,
        unit: 'IP-hour',
        costUsd: natIps * 24 * nat.ipPerHour.usd,
      },
    ];
  });
}
