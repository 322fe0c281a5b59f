export { formatBytes, formatNumber, formatUsd } from './format.ts';
export { type Gp2Second, gp2BaselineIops, gp2Figures, gp2Step } from './gp2.ts';
export {
  type Ec2InstanceShape,
  type Ec2InstanceType,
  ec2HourlyUsd,
  ec2InstanceShapes,
  type GceMachineShape,
  type GceMachineType,
  gceHourlyUsd,
  gceMachineShapes,
} from './machines.ts';
export {
  awsNatGatewayMonthlyCost,
  awsNatInstanceMonthlyCost,
  CLOUD_NAT_PER_VM_BILLING_LIMIT,
  cloudNatDailyBill,
  DEFAULT_AWS_NAT_INSTANCE_TYPE,
  DEFAULT_NAT_MACHINE_TYPE,
  gcpCloudNatMonthlyCost,
  type NatBillLine,
  type NatCostBreakdown,
  natBreakEvenGib,
  processingShare,
  selfManagedNatMonthlyCost,
} from './nat.ts';
export {
  natPricesUsed,
  s3PricesUsed,
  type UsedPrice,
  vmLeverPricesUsed,
  vmPricesUsed,
} from './price-sources.ts';
export { type AwsRegionPrices, type GcpPrices, type Prices, prices } from './prices.ts';
export { backupSteadyStateTerabytes, backupStorageCostByClass, s3MonthlyStorageCost } from './s3.ts';
export { natStoryTrafficGib, storyFigures } from './stories.ts';
export {
  type AwsRegion,
  awsRegions,
  type Ec2Family,
  ec2Families,
  type Figure,
  type Price,
  type S3StorageClass,
  type Source,
  s3StorageClasses,
} from './types.ts';
export {
  GB,
  GiB,
  gibFromBytes,
  gibFromTerabytes,
  gibFromTib,
  HOURS_PER_MONTH,
  KiB,
  MiB,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  SECONDS_PER_MONTH,
  TB,
  TiB,
} from './units.ts';
export {
  type CpuArchitecture,
  type EbsVolumeType,
  historyTransferCost,
  interRegionTransferUsdPerGib,
  type RegionCost,
  ramBytesPerActiveSeries,
  remoteWriteGibPerMonth,
  samplesPerSecondPerCore,
  storedSeconds,
  type VmLever,
  type VmLeverInput,
  type VmLeverName,
  type VmPlacement,
  type VmSizing,
  type VmSizingInput,
  vmClusterSizing,
  vmLevers,
  vmMonthlyCost,
  vmMonthlyCostByRegion,
  vmRegionComparison,
} from './victoriametrics.ts';
export { victoriaMetricsGuidance, vmLabMeasurement } from './victoriametrics-guidance.ts';
