import { describe, expect, it } from 'vitest';
import { type Ec2InstanceType, ec2HourlyUsd, ec2InstanceShapes } from './machines.ts';
import { prices } from './prices.ts';
import { storyFigures } from './stories.ts';
import { awsRegions, type Source } from './types.ts';
import { victoriaMetricsGuidance } from './victoriametrics-guidance.ts';

interface Sourced {
  path: string;
  amount: number;
  unit: string;
  source: Source;
}

// Walks any nested record and yields every leaf that carries a source.
function sourcedLeaves(value: unknown, path: string): Sourced[] {
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if ('source' in record && 'unit' in record) {
    const amount = 'usd' in record ? record.usd : record.value;
    return [{ path, amount: amount as number, unit: record.unit as string, source: record.source as Source }];
  }
  return Object.entries(record).flatMap(([key, child]) => sourcedLeaves(child, `${path}.${key}`));
}

const everyFigure = [
  ...sourcedLeaves(prices, 'prices'),
  ...sourcedLeaves(victoriaMetricsGuidance, 'victoriaMetricsGuidance'),
  ...sourcedLeaves(storyFigures, 'storyFigures'),
];

describe('price data', () => {
  it('holds every region, family and class the types promise', () => {
    // 6 regions × (6 EC2 families + gp3 + st1 + NAT hour + NAT GiB + IPv4 + 5 S3 classes + 3 S3
    // Standard tiers = 19) = 114 AWS prices.
    expect(sourcedLeaves(prices.aws, 'aws')).toHaveLength(awsRegions.length * 19);
    expect(everyFigure.length).toBeGreaterThan(100);
  });

  it.each(everyFigure)(
    '$path has a positive amount, a unit and a dated https source',
    ({ amount, unit, source }) => {
      expect(Number.isFinite(amount) && amount > 0).toBe(true);
      expect(unit.length).toBeGreaterThan(0);
      expect(source.title.length).toBeGreaterThan(10);
      expect(new URL(source.url).protocol).toBe('https:');
      expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const read = new Date(`${source.retrieved}T00:00:00Z`);
      expect(read.toISOString().slice(0, 10)).toBe(source.retrieved); // a real calendar date
      expect(read.getTime()).toBeLessThanOrEqual(Date.now()); // read in the past, not promised
    },
  );

  it("starts S3 Standard's tiers at the first-tier price and makes each band cheaper", () => {
    for (const region of awsRegions) {
      const tiers = prices.aws[region].s3StandardTiers;
      expect(tiers[0]?.price.usd).toBe(prices.aws[region].s3GibMonth.STANDARD.usd);
      expect(tiers.map((t) => t.upToGib)).toEqual([51_200, 512_000, Number.POSITIVE_INFINITY]);
      for (let i = 1; i < tiers.length; i += 1) {
        expect(tiers[i]?.price.usd).toBeLessThan(tiers[i - 1]?.price.usd ?? 0);
      }
    }
  });

  it('prices every size as a multiple of .large, as an independent us-east-1 list confirms', () => {
    const listed = Object.entries(prices.awsListedUsEast1InstanceHour);
    expect(listed.map(([type]) => type).sort()).toEqual(Object.keys(ec2InstanceShapes).sort());
    for (const [type, listedPrice] of listed) {
      // e.g. r6i.4xlarge = 8 × r6i.large = 8 × $0.126 = $1.008, the figure Karpenter lists.
      expect(ec2HourlyUsd(type as Ec2InstanceType, 'us-east-1')).toBeCloseTo(listedPrice.usd, 10);
    }
  });
});
