// Objective 5's cost questions: the story's traffic priced by packages/models, the same functions the
// site's NAT calculator and story page use. Nothing here holds a price.

import {
  awsNatGatewayMonthlyCost,
  awsNatInstanceMonthlyCost,
  CLOUD_NAT_PER_VM_BILLING_LIMIT,
  DEFAULT_AWS_NAT_INSTANCE_TYPE,
  DEFAULT_NAT_MACHINE_TYPE,
  gcpCloudNatMonthlyCost,
  gibFromTerabytes,
  selfManagedNatMonthlyCost,
  storyFigures,
} from '@storylabs/models';

/** The inputs every cost answer uses; the briefing states each of them. */
export const scenario = {
  /** The story's "100+ TB a month", read as decimal terabytes (10^12 bytes). */
  terabytesPerMonth: storyFigures.natTrafficPerMonth.value,
  /** GKE nodes that get a Cloud NAT assignment (the most Cloud NAT bills per VM). */
  vms: CLOUD_NAT_PER_VM_BILLING_LIMIT,
  /** Two zones: two NAT machines, or two NAT gateways on AWS (one per availability zone). */
  natMachines: 2,
  gcpMachineType: DEFAULT_NAT_MACHINE_TYPE,
  awsInstanceType: DEFAULT_AWS_NAT_INSTANCE_TYPE,
  awsRegion: 'us-east-1',
} as const;

export function scenarioGib(): number {
  return gibFromTerabytes(scenario.terabytesPerMonth);
}

/** Monthly USD: GCP Cloud NAT (one gateway, one NAT IP) carrying the story's traffic. */
export function gcpCloudNatCost(): number {
  return gcpCloudNatMonthlyCost({ gibPerMonth: scenarioGib(), vms: scenario.vms }).total;
}

/** Monthly USD: two self-managed NAT VMs on GCP carrying the same traffic. */
export function gcpNatVmsCost(): number {
  return selfManagedNatMonthlyCost({
    gibPerMonth: scenarioGib(),
    instances: scenario.natMachines,
    machineType: scenario.gcpMachineType,
  }).total;
}

/** Monthly USD: two AWS NAT gateways (one per zone) carrying the same traffic. */
export function awsNatGatewayCost(): number {
  return awsNatGatewayMonthlyCost({
    gibPerMonth: scenarioGib(),
    gateways: scenario.natMachines,
    region: scenario.awsRegion,
  }).total;
}

/** Monthly USD: two self-managed NAT instances on AWS carrying the same traffic. */
export function awsNatInstancesCost(): number {
  return awsNatInstanceMonthlyCost({
    gibPerMonth: scenarioGib(),
    instances: scenario.natMachines,
    instanceType: scenario.awsInstanceType,
    region: scenario.awsRegion,
  }).total;
}

/** Answers within 2% pass: enough for rounding, not for reading 100 TB as 100 TiB (7.4% more). */
export const COST_TOLERANCE = { relative: 0.02 } as const;
