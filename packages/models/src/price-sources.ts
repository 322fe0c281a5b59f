// Which list prices each model reads, so a page can show them (name, value, source, date) under the
// chart or calculator that used them. Each list is built from the same `prices` records the model
// reads, so a price cannot be used without being listed.

import { type Ec2InstanceType, ec2InstanceShapes } from './machines.ts';
import { prices } from './prices.ts';
import { type AwsRegion, type Price, type S3StorageClass, s3StorageClasses } from './types.ts';

export interface UsedPrice {
  /** What the price is for, in a reader's words: "Cloud NAT, data processed". */
  name: string;
  price: Price;
}

/** Cloud NAT, self-managed NAT on E2 VMs, and (for the comparison line) an AWS NAT gateway. */
export function natPricesUsed(o: { includeAws: boolean }): UsedPrice[] {
  const nat = prices.gcp.cloudNat;
  const compute = prices.gcp.compute;
  const used: UsedPrice[] = [
    { name: 'Cloud NAT, per VM using the gateway', price: nat.perVmHour },
    { name: 'Cloud NAT, gateway above 32 VMs', price: nat.gatewayHourAbove32Vms },
    { name: 'Cloud NAT, data processed', price: nat.processingPerGib },
    { name: 'Cloud NAT, external IP address', price: nat.ipPerHour },
    { name: 'Compute Engine E2, vCPU', price: compute.e2VcpuHour },
    { name: 'Compute Engine E2, memory', price: compute.e2MemoryGibHour },
    { name: 'External IPv4 address on a VM', price: compute.externalIpv4Hour },
  ];
  if (!o.includeAws) return used;
  const aws = prices.aws['us-east-1'];
  return [
    ...used,
    { name: 'AWS NAT gateway, per hour (us-east-1)', price: aws.natGatewayHour },
    { name: 'AWS NAT gateway, data processed (us-east-1)', price: aws.natGatewayProcessingPerGib },
    { name: 'AWS public IPv4 address (us-east-1)', price: aws.publicIpv4Hour },
  ];
}

const s3ClassNames: Record<S3StorageClass, string> = {
  STANDARD: 'S3 Standard',
  STANDARD_IA: 'S3 Standard-IA',
  GLACIER_IR: 'S3 Glacier Instant Retrieval',
  GLACIER: 'S3 Glacier Flexible Retrieval',
  DEEP_ARCHIVE: 'S3 Glacier Deep Archive',
};

/** Every S3 storage price the backup model reads in one region: Standard by volume band, the rest flat. */
export function s3PricesUsed(region: AwsRegion = 'us-east-1'): UsedPrice[] {
  const rates = prices.aws[region];
  const bands = ['first 50 TB', 'next 450 TB', 'over 500 TB'];
  return s3StorageClasses.flatMap((storageClass): UsedPrice[] =>
    storageClass === 'STANDARD'
      ? rates.s3StandardTiers.map((tier, i) => ({
          name: `S3 Standard, ${bands[i] ?? `band ${i + 1}`} a month (${region})`,
          price: tier.price,
        }))
      : [{ name: `${s3ClassNames[storageClass]} (${region})`, price: rates.s3GibMonth[storageClass] }],
  );
}

/** The EC2 families of `instanceTypes` and EBS gp3, in each region: what the VictoriaMetrics cost reads. */
export function vmPricesUsed(
  instanceTypes: readonly Ec2InstanceType[],
  regions: readonly AwsRegion[],
): UsedPrice[] {
  const families = [...new Set(instanceTypes.map((type) => ec2InstanceShapes[type].family))];
  return regions.flatMap((region) => [
    ...families.map((family) => ({
      name: `EC2 ${family}.large, on demand (${region})`,
      price: prices.aws[region].ec2LargeHour[family],
    })),
    { name: `EBS gp3 storage (${region})`, price: prices.aws[region].ebsGp3GibMonth },
  ]);
}

/**
 * What vmLevers reads: both CPU families (Intel and Graviton) and both EBS types (gp3, st1) in the
 * cluster's region and the one it could move to, and the transfer out of the workloads' region.
 */
export function vmLeverPricesUsed(
  instanceTypes: readonly Ec2InstanceType[],
  from: AwsRegion,
  to: AwsRegion,
): UsedPrice[] {
  const transfer = prices.awsInterRegionTransferOutPerGib[from];
  return [
    ...[from, to].flatMap((region) => [
      ...vmPricesUsed(instanceTypes, [region]),
      { name: `EBS st1 storage (${region})`, price: prices.aws[region].ebsSt1GibMonth },
    ]),
    ...(transfer ? [{ name: `Data transfer from ${from} to another AWS region`, price: transfer }] : []),
  ];
}
