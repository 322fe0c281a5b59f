import { describe, expect, it } from 'vitest';
import { formatUsd } from './format.ts';
import {
  awsNatGatewayMonthlyCost,
  cloudNatDailyBill,
  gcpCloudNatMonthlyCost,
  type NatCostBreakdown,
  natBreakEvenGib,
  processingShare,
  selfManagedNatMonthlyCost,
} from './nat.ts';
import { natStoryTrafficGib } from './stories.ts';
import { gibFromTib } from './units.ts';

const storyTraffic = natStoryTrafficGib; // 100 decimal TB = 93,132.26 GiB a month

describe('the story traffic', () => {
  it('reads "100+ TB" as decimal TB: 93,132 GiB, about 9% less than 100 TiB', () => {
    expect(storyTraffic).toBeCloseTo(93_132.2574615, 6);
    expect(gibFromTib(100) / storyTraffic).toBeCloseTo(1.0995, 4);
  });
});

describe('gcpCloudNatMonthlyCost', () => {
  it('prices story 6: 100 TB a month through Cloud NAT', () => {
    const bill = gcpCloudNatMonthlyCost({ gibPerMonth: storyTraffic, vms: 20, natIps: 2 });
    expect(bill.processing).toBeCloseTo(4190.9515858, 6); // 93,132.26 GiB × $0.045
    expect(bill.hourly).toBeCloseTo(20.44, 6); // 20 VMs × $0.0014 × 730 h
    expect(bill.ips).toBeCloseTo(7.3, 6); // 2 IPs × $0.005 × 730 h
    expect(bill.egress).toBe(0);
    expect(bill.total).toBeCloseTo(4218.6915858, 6);
    expect(formatUsd(bill.processing)).toBe('$4,191');
  });

  it('shows processing dominating the bill, as the story found', () => {
    const bill = gcpCloudNatMonthlyCost({ gibPerMonth: storyTraffic, vms: 20, natIps: 2 });
    // 4,190.95 / 4,218.69 = 0.993: at list prices processing is even more than the story's ~80%.
    expect(processingShare(bill)).toBeCloseTo(0.993, 3);
    expect(processingShare(bill)).toBeGreaterThan(0.8);
  });

  it("reproduces both examples on Google's Cloud NAT pricing page (a 720-hour month there)", () => {
    const small = gcpCloudNatMonthlyCost({ gibPerMonth: 100, vms: 14 });
    // ($0.0014 × 14 × 720) + (100 GiB × $0.045) = $18.61
    expect(small.hourly * (720 / 730) + small.processing).toBeCloseTo(18.61, 2);
    const large = gcpCloudNatMonthlyCost({ gibPerMonth: 200, vms: 36 });
    // ($0.044 × 720) + (200 GiB × $0.045) = $40.68
    expect(large.hourly * (720 / 730) + large.processing).toBeCloseTo(40.68, 2);
  });

  it('switches to the flat gateway rate above 32 VMs', () => {
    expect(gcpCloudNatMonthlyCost({ gibPerMonth: 0, vms: 32 }).hourly).toBeCloseTo(32.704, 6); // 32 × 0.0014 × 730
    expect(gcpCloudNatMonthlyCost({ gibPerMonth: 0, vms: 33 }).hourly).toBeCloseTo(32.12, 6); // 0.044 × 730
    expect(gcpCloudNatMonthlyCost({ gibPerMonth: 0, vms: 500 }).hourly).toBeCloseTo(32.12, 6);
  });

  it('charges only the gateway and its address when no traffic flows', () => {
    const idle = gcpCloudNatMonthlyCost({ gibPerMonth: 0, vms: 0 });
    expect(idle).toEqual({ hourly: 0, processing: 0, ips: 0.005 * 730, egress: 0, total: 0.005 * 730 });
    expect(processingShare(idle)).toBe(0);
  });

  it('rejects impossible inputs with the name of the input', () => {
    expect(() => gcpCloudNatMonthlyCost({ gibPerMonth: -1, vms: 1 })).toThrow(
      new RangeError('gibPerMonth must be a finite number of at least 0, got -1'),
    );
    expect(() => gcpCloudNatMonthlyCost({ gibPerMonth: 1, vms: 2.5 })).toThrow(/vms must be a whole number/);
    expect(() => gcpCloudNatMonthlyCost({ gibPerMonth: 1, vms: 1, natIps: 0 })).toThrow(/natIps/);
  });
});

describe('awsNatGatewayMonthlyCost', () => {
  it('prices one gateway in us-east-1 by default', () => {
    const bill = awsNatGatewayMonthlyCost({ gibPerMonth: 1000 });
    expect(bill.hourly).toBeCloseTo(32.85, 6); // $0.045 × 730 h
    expect(bill.processing).toBeCloseTo(45, 6); // 1,000 GiB × $0.045
    expect(bill.ips).toBeCloseTo(3.65, 6); // 1 public IPv4 × $0.005 × 730 h
    expect(bill.total).toBeCloseTo(81.5, 6);
  });

  it("uses the region's rates: the story's traffic through three gateways in eu-west-1", () => {
    const bill = awsNatGatewayMonthlyCost({ gibPerMonth: storyTraffic, gateways: 3, region: 'eu-west-1' });
    expect(bill.hourly).toBeCloseTo(105.12, 6); // 3 × $0.048 × 730
    expect(bill.processing).toBeCloseTo(4470.3483582, 6); // 93,132.26 × $0.048
    expect(bill.ips).toBeCloseTo(10.95, 6); // 3 × $0.005 × 730
    expect(bill.total).toBeCloseTo(4586.4183582, 6);
  });

  it('rejects a fleet of zero gateways', () => {
    expect(() => awsNatGatewayMonthlyCost({ gibPerMonth: 1, gateways: 0 })).toThrow(/gateways/);
  });
});

describe('selfManagedNatMonthlyCost', () => {
  // e2-standard-2: 2 vCPU × $0.02181159 + 8 GiB × $0.00292353 = $0.06701142 an hour.
  const e2Standard2Month = 0.06701142 * 730; // $48.9183366

  it('bills machine hours and addresses, not bytes', () => {
    const idle = selfManagedNatMonthlyCost({ gibPerMonth: 0, instances: 3 });
    const busy = selfManagedNatMonthlyCost({ gibPerMonth: storyTraffic, instances: 3 });
    expect(busy).toEqual(idle);
    expect(busy.hourly).toBeCloseTo(3 * e2Standard2Month, 6); // $146.76
    expect(busy.ips).toBeCloseTo(10.95, 6); // 3 external IPs × $0.005 × 730
    expect(busy.processing).toBe(0);
    expect(busy.total).toBeCloseTo(157.7050098, 6);
  });

  it('prices other E2 shapes by their vCPUs and memory', () => {
    const bill = selfManagedNatMonthlyCost({ gibPerMonth: 0, instances: 1, machineType: 'e2-highcpu-2' });
    // (2 × 0.02181159 + 2 × 0.00292353) × 730 = $36.1132752
    expect(bill.hourly).toBeCloseTo(36.1132752, 6);
  });

  it('names the known machine types when given another', () => {
    expect(() =>
      selfManagedNatMonthlyCost({ gibPerMonth: 0, instances: 1, machineType: 'n2-standard-2' }),
    ).toThrow(/machineType must be one of e2-highcpu-2, .*e2-standard-2.*, got n2-standard-2/);
    expect(() => selfManagedNatMonthlyCost({ gibPerMonth: 0, instances: 0 })).toThrow(/instances/);
  });
});

describe('natBreakEvenGib', () => {
  const fleet = { vms: 20, natIps: 2, instances: 3 };

  it('finds the volume where three NAT VMs start beating Cloud NAT', () => {
    // (157.7050098 self-managed − 27.74 Cloud NAT fixed) / $0.045 = 2,888.11 GiB, about 2.8 TiB a month.
    expect(natBreakEvenGib(fleet)).toBeCloseTo(2888.1113289, 5);
  });

  it('agrees with the two cost models on either side of the break-even', () => {
    const breakEven = natBreakEvenGib(fleet);
    const cloud = (gib: number) => gcpCloudNatMonthlyCost({ gibPerMonth: gib, vms: 20, natIps: 2 }).total;
    const self = selfManagedNatMonthlyCost({ gibPerMonth: 0, instances: 3 }).total;
    expect(cloud(breakEven)).toBeCloseTo(self, 6);
    expect(cloud(breakEven - 1)).toBeLessThan(self);
    expect(cloud(breakEven + 1)).toBeGreaterThan(self);
  });

  it('saves thousands a month at the story volume, far above the break-even', () => {
    const cloud = gcpCloudNatMonthlyCost({ gibPerMonth: storyTraffic, vms: 20, natIps: 2 }).total;
    const self = selfManagedNatMonthlyCost({ gibPerMonth: storyTraffic, instances: 3 }).total;
    expect(storyTraffic).toBeGreaterThan(natBreakEvenGib(fleet));
    expect(cloud - self).toBeCloseTo(4060.986576, 5); // 4,218.69 − 157.7050098
  });

  it('is 0 when self-managed is cheaper even with no traffic', () => {
    // Cloud NAT fixed: 0.044 × 730 + 20 × 0.005 × 730 = 105.12; one e2-highcpu-2: 36.11 + 3.65 = 39.76.
    expect(natBreakEvenGib({ vms: 40, natIps: 20, instances: 1, machineType: 'e2-highcpu-2' })).toBe(0);
  });
});

describe('processingShare', () => {
  it('is processing over total, and 0 for an empty bill', () => {
    const bill: NatCostBreakdown = { hourly: 10, processing: 30, ips: 0, egress: 0, total: 40 };
    expect(processingShare(bill)).toBe(0.75);
    expect(processingShare({ hourly: 0, processing: 0, ips: 0, egress: 0, total: 0 })).toBe(0);
  });
});

describe('cloudNatDailyBill', () => {
  const lines = cloudNatDailyBill({ gibPerMonth: storyTraffic, vms: 32, natIps: 2, firstDay: '2023-10-01' });
  const sum = (sku: string, field: 'usage' | 'costUsd') =>
    lines.filter((l) => l.sku === sku).reduce((a, l) => a + l[field], 0);

  it('adds up to the monthly model: all the processing, and 720 of its 730 hours', () => {
    const month = gcpCloudNatMonthlyCost({ gibPerMonth: storyTraffic, vms: 32, natIps: 2 });
    expect(lines).toHaveLength(90);
    expect(sum('Cloud NAT: data processing', 'usage')).toBeCloseTo(storyTraffic, 6);
    expect(sum('Cloud NAT: data processing', 'costUsd')).toBeCloseTo(month.processing, 6);
    expect(sum('Cloud NAT Gateway: uptime per VM', 'costUsd')).toBeCloseTo((month.hourly * 720) / 730, 6);
    expect(sum('Cloud NAT: external IP address', 'usage')).toBe(2 * 720);
  });

  it('makes weekdays busier than weekends, the same way every time', () => {
    const traffic = lines.filter((l) => l.sku === 'Cloud NAT: data processing');
    const sunday = traffic.find((l) => l.date === '2023-10-01'); // a Sunday
    const monday = traffic.find((l) => l.date === '2023-10-02');
    expect(monday?.usage ?? 0).toBeGreaterThan(sunday?.usage ?? 0);
    expect(
      cloudNatDailyBill({ gibPerMonth: storyTraffic, vms: 32, natIps: 2, firstDay: '2023-10-01' }),
    ).toEqual(lines);
  });

  it('bills the flat gateway rate above 32 VMs, and refuses a bad date', () => {
    const big = cloudNatDailyBill({ gibPerMonth: 1, vms: 40, firstDay: '2023-10-01' });
    expect(big.some((l) => l.sku === 'Cloud NAT Gateway: uptime')).toBe(true);
    expect(() => cloudNatDailyBill({ gibPerMonth: 1, vms: 1, firstDay: 'October' })).toThrow(/firstDay/);
  });
});
