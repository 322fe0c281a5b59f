import { describe, expect, it } from 'vitest';
import { gcpCloudNatMonthlyCost } from './nat.ts';
import { natPricesUsed, s3PricesUsed, vmLeverPricesUsed, vmPricesUsed } from './price-sources.ts';
import { prices } from './prices.ts';
import { s3MonthlyStorageCost } from './s3.ts';

describe('natPricesUsed', () => {
  it("lists every Cloud NAT rate the model reads, and AWS's only when asked", () => {
    const gcpOnly = natPricesUsed({ includeAws: false });
    expect(gcpOnly.map((u) => u.price)).toContain(prices.gcp.cloudNat.processingPerGib);
    expect(gcpOnly.some((u) => u.name.includes('AWS'))).toBe(false);
    expect(natPricesUsed({ includeAws: true }).length).toBe(gcpOnly.length + 3);
    // The listed processing rate is the one that prices a GiB.
    const processing = gcpOnly.find((u) => u.name === 'Cloud NAT, data processed');
    expect(gcpCloudNatMonthlyCost({ gibPerMonth: 1, vms: 0 }).processing).toBe(processing?.price.usd);
  });
});

describe('s3PricesUsed', () => {
  it('lists the three S3 Standard bands and one price for each colder class', () => {
    const used = s3PricesUsed('us-east-1');
    expect(used.map((u) => u.name)).toEqual([
      'S3 Standard, first 50 TB a month (us-east-1)',
      'S3 Standard, next 450 TB a month (us-east-1)',
      'S3 Standard, over 500 TB a month (us-east-1)',
      'S3 Standard-IA (us-east-1)',
      'S3 Glacier Instant Retrieval (us-east-1)',
      'S3 Glacier Flexible Retrieval (us-east-1)',
      'S3 Glacier Deep Archive (us-east-1)',
    ]);
    const deep = used.at(-1)?.price.usd ?? 0;
    expect(s3MonthlyStorageCost({ terabytes: 1, storageClass: 'DEEP_ARCHIVE' })).toBeCloseTo(
      (1e12 / 2 ** 30) * deep,
      9,
    );
  });
});

describe('vmPricesUsed', () => {
  it('lists each family once per region, and gp3', () => {
    const used = vmPricesUsed(['r6i.4xlarge', 'm6i.xlarge', 'r6i.4xlarge'], ['eu-west-1', 'ap-south-1']);
    expect(used.map((u) => u.name)).toEqual([
      'EC2 r6i.large, on demand (eu-west-1)',
      'EC2 m6i.large, on demand (eu-west-1)',
      'EBS gp3 storage (eu-west-1)',
      'EC2 r6i.large, on demand (ap-south-1)',
      'EC2 m6i.large, on demand (ap-south-1)',
      'EBS gp3 storage (ap-south-1)',
    ]);
    expect(used[3]?.price).toBe(prices.aws['ap-south-1'].ec2LargeHour.r6i);
  });
});

describe('vmLeverPricesUsed', () => {
  it('lists Intel and Graviton, gp3 and st1 in both regions, and the transfer out of the first', () => {
    const used = vmLeverPricesUsed(['r6i.4xlarge', 'r6g.4xlarge'], 'eu-west-1', 'ap-south-1');
    expect(used.map((u) => u.name)).toEqual([
      'EC2 r6i.large, on demand (eu-west-1)',
      'EC2 r6g.large, on demand (eu-west-1)',
      'EBS gp3 storage (eu-west-1)',
      'EBS st1 storage (eu-west-1)',
      'EC2 r6i.large, on demand (ap-south-1)',
      'EC2 r6g.large, on demand (ap-south-1)',
      'EBS gp3 storage (ap-south-1)',
      'EBS st1 storage (ap-south-1)',
      'Data transfer from eu-west-1 to another AWS region',
    ]);
    expect(used.at(-1)?.price).toBe(prices.awsInterRegionTransferOutPerGib['eu-west-1']);
  });
});
