// Machine shapes (not prices) for the instance types the models pick, and the hourly price each
// costs, computed from prices.ts. Shapes are from the providers' instance-type documentation.

import { prices } from './prices.ts';
import type { AwsRegion, Ec2Family } from './types.ts';

export interface Ec2InstanceShape {
  family: Ec2Family;
  vcpus: number;
  memoryGiB: number;
  /** How many `.large` instances this size is billed as: AWS prices these families linearly in size. */
  largeMultiple: number;
}

export const ec2InstanceShapes = {
  'r6i.4xlarge': { family: 'r6i', vcpus: 16, memoryGiB: 128, largeMultiple: 8 },
  'm6i.xlarge': { family: 'm6i', vcpus: 4, memoryGiB: 16, largeMultiple: 2 },
  'c6i.xlarge': { family: 'c6i', vcpus: 4, memoryGiB: 8, largeMultiple: 2 },
  'r6g.4xlarge': { family: 'r6g', vcpus: 16, memoryGiB: 128, largeMultiple: 8 },
  'm6g.xlarge': { family: 'm6g', vcpus: 4, memoryGiB: 16, largeMultiple: 2 },
  'c6g.xlarge': { family: 'c6g', vcpus: 4, memoryGiB: 8, largeMultiple: 2 },
} as const satisfies Record<string, Ec2InstanceShape>;

export type Ec2InstanceType = keyof typeof ec2InstanceShapes;

export function ec2HourlyUsd(instanceType: Ec2InstanceType, region: AwsRegion): number {
  const shape: Ec2InstanceShape = ec2InstanceShapes[instanceType];
  return prices.aws[region].ec2LargeHour[shape.family].usd * shape.largeMultiple;
}

export interface GceMachineShape {
  vcpus: number;
  memoryGiB: number;
}

/** E2 shapes a self-managed NAT VM would run on (dedicated-core types, billed per vCPU and GiB). */
export const gceMachineShapes = {
  'e2-highcpu-2': { vcpus: 2, memoryGiB: 2 },
  'e2-highcpu-4': { vcpus: 4, memoryGiB: 4 },
  'e2-standard-2': { vcpus: 2, memoryGiB: 8 },
  'e2-standard-4': { vcpus: 4, memoryGiB: 16 },
  'e2-standard-8': { vcpus: 8, memoryGiB: 32 },
} as const satisfies Record<string, GceMachineShape>;

export type GceMachineType = keyof typeof gceMachineShapes;

export function isGceMachineType(name: string): name is GceMachineType {
  return Object.hasOwn(gceMachineShapes, name);
}

export function gceHourlyUsd(machineType: GceMachineType): number {
  const shape: GceMachineShape = gceMachineShapes[machineType];
  const { e2VcpuHour, e2MemoryGibHour } = prices.gcp.compute;
  return shape.vcpus * e2VcpuHour.usd + shape.memoryGiB * e2MemoryGibHour.usd;
}
