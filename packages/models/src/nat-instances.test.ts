import { describe, expect, it } from 'vitest';
import { awsNatGatewayMonthlyCost, awsNatInstanceMonthlyCost } from './nat.ts';
import { prices } from './prices.ts';
import { gibFromTerabytes, HOURS_PER_MONTH } from './units.ts';

describe('awsNatInstanceMonthlyCost', () => {
  it('bills two c6g.xlarge instances in us-east-1 by the hour, with their addresses, and no bytes', () => {
    const bill = awsNatInstanceMonthlyCost({ gibPerMonth: gibFromTerabytes(100), instances: 2 });
    // c6g.xlarge is two c6g.large: 2 x $0.068 an hour; each instance holds one public IPv4 address.
    expect(bill.hourly).toBeCloseTo(2 * 2 * 0.068 * HOURS_PER_MONTH, 6);
    expect(bill.ips).toBeCloseTo(2 * prices.aws['us-east-1'].publicIpv4Hour.usd * HOURS_PER_MONTH, 6);
    expect(bill.processing).toBe(0);
    expect(bill.total).toBeCloseTo(205.86, 2);
    expect(awsNatInstanceMonthlyCost({ gibPerMonth: 0, instances: 2 }).total).toBe(bill.total);
  });

  it('costs far less than NAT gateways at the story volume (100 TB a month, decimal)', () => {
    const gibPerMonth = gibFromTerabytes(100);
    const gateways = awsNatGatewayMonthlyCost({ gibPerMonth, gateways: 2 });
    const instances = awsNatInstanceMonthlyCost({ gibPerMonth, instances: 2 });
    expect(gateways.total - instances.total).toBeGreaterThan(4000);
  });

  it('uses the region given and rejects unknown instance types and empty fleets', () => {
    const eu = awsNatInstanceMonthlyCost({ gibPerMonth: 0, instances: 1, region: 'eu-west-1' });
    expect(eu.hourly).toBeCloseTo(2 * 0.073 * HOURS_PER_MONTH, 6);
    expect(() =>
      awsNatInstanceMonthlyCost({ gibPerMonth: 0, instances: 1, instanceType: 't2.nano' as 'c6g.xlarge' }),
    ).toThrow(/instanceType must be one of .*c6g\.xlarge/);
    expect(() => awsNatInstanceMonthlyCost({ gibPerMonth: 0, instances: 0 })).toThrow(/instances/);
  });
});
