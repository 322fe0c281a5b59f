// Every external price the models use, as data, each with where and when it was read.
// Nothing else in this package may contain a price. Figures marked as third-party
// transcriptions were read from a project that copied the provider's own price list; the
// provider pages themselves render their numbers with JavaScript, so no stored copy shows them.

import type { AwsRegion, Ec2Family, Price, S3StorageClass, Source } from './types.ts';

function price(usd: number, unit: string, source: Source): Price {
  return { usd, unit, source };
}

// --- Google Cloud ---------------------------------------------------------------------------

const cloudNatPricing: Source = {
  title: 'Cloud NAT pricing (Google Cloud), Public NAT table',
  url: 'https://cloud.google.com/nat/pricing',
  retrieved: '2026-11-26',
};

const e2Pricing: Source = {
  title:
    'Compute Engine VM instance pricing, E2 in us-central1 (third-party transcription: the Cloud Billing ' +
    'Catalog SKUs "E2 Instance Core/Ram running in Americas" as copied by several public projects; ' +
    "Google's page renders these numbers with JavaScript)",
  url: 'https://cloud.google.com/compute/vm-instance-pricing',
  retrieved: '2026-11-26',
};

const gcpExternalIp: Source = {
  title:
    "Clouds Against Humanity wiki, Provider GCP Cost Lesson (third-party transcription of Google's " +
    'VPC network pricing page: external IPv4 in use on a standard VM)',
  url: 'https://github.com/ChiefGyk3D/Clouds-Against-Humanity/wiki/Provider-GCP-Cost-Lesson',
  retrieved: '2026-10-16',
};

export interface GcpPrices {
  cloudNat: {
    /** Billed per VM that gets a NAT assignment, for gateways serving up to 32 VMs. */
    perVmHour: Price;
    /** Flat gateway rate once more than 32 VMs use it. */
    gatewayHourAbove32Vms: Price;
    processingPerGib: Price;
    ipPerHour: Price;
  };
  compute: {
    e2VcpuHour: Price;
    e2MemoryGibHour: Price;
    externalIpv4Hour: Price;
  };
}

// --- AWS --------------------------------------------------------------------------------------

const clontPriceList =
  'https://github.com/clont-app/clont/blob/0016395b9fcc49f9c4d759352728c4855df7effb/clont/finops/aws/prices.json';

function awsPriceList(region: AwsRegion, item: string): Source {
  return {
    title: `AWS on-demand list price, ${region}, ${item} (third-party transcription: clont prices.json, generated 2026-09-27 from the AWS Price List bulk API)`,
    url: clontPriceList,
    retrieved: '2026-09-27',
  };
}

const natProcessingReadDirectly: Partial<Record<AwsRegion, Source>> = {
  'us-east-1': {
    title:
      'AWS NAT Gateway pricing guide, us-east-1 rates: $0.045 per hour and $0.045 per GB processed (third-party)',
    url: 'https://basavytix.com/blog/aws-nat-gateway-pricing',
    retrieved: '2026-11-26',
  },
  'ap-southeast-1': {
    title:
      'AWS NAT Gateway pricing guide: ap-southeast-1 (Singapore) is $0.059 per hour and $0.059 per GB (third-party)',
    url: 'https://basavytix.com/blog/aws-nat-gateway-pricing',
    retrieved: '2026-11-26',
  },
};

function natProcessingSource(region: AwsRegion): Source {
  return (
    natProcessingReadDirectly[region] ?? {
      title:
        `AWS NAT gateway data processing, ${region}: not read directly; taken equal to this region's NAT ` +
        'gateway-hour rate (clont transcription of the AWS Price List, generated 2026-09-27), because AWS ' +
        'sets both to the same figure in every region where both were read (us-east-1, ap-southeast-1)',
      url: clontPriceList,
      retrieved: '2026-09-27',
    }
  );
}

// AWS counts S3's tier bands in binary units: its FAQ's storage example writes 100 TB as
// 109,951,162,777,600 bytes, so a "TB" band edge is 1,024 GiB.
const S3_TIER_TB_GIB = 1024;

function s3StandardTierSource(region: AwsRegion): Source {
  return {
    title: `Amazon S3 pricing, Storage, S3 Standard volume tiers (first 50 TB, next 450 TB, over 500 TB a month), ${region}`,
    url: 'https://aws.amazon.com/s3/pricing/',
    retrieved: '2026-12-01',
  };
}

export interface AwsRegionPrices {
  /** Linux on-demand price of the family's `.large` size; sizes scale linearly (see awsListedUsEast1InstanceHour). */
  ec2LargeHour: Record<Ec2Family, Price>;
  /** AWS's "GB-month" is a 2^30-byte month: GiB-month here. */
  ebsGp3GibMonth: Price;
  /** Throughput-optimized HDD (st1): the cheaper disk for sequential, merge-heavy writers such as VictoriaMetrics. */
  ebsSt1GibMonth: Price;
  natGatewayHour: Price;
  natGatewayProcessingPerGib: Price;
  publicIpv4Hour: Price;
  /** First (smallest-volume) tier of each class; STANDARD gets cheaper past 50 TB, the others are flat. */
  s3GibMonth: Record<S3StorageClass, Price>;
  /**
   * S3 Standard's volume tiers, cheapest last: each price applies to the GiB-months that fall in its
   * band (up to `upToGib`, exclusive of the bands before it; the last band is open-ended).
   */
  s3StandardTiers: Array<{ upToGib: number; price: Price }>;
}

interface AwsRegionRates {
  large: Record<Ec2Family, number>;
  gp3: number;
  st1: number;
  natHour: number;
  publicIpv4Hour: number;
  s3: Record<S3StorageClass, number>;
  /** S3 Standard for the next 450 TB and above 500 TB a month; the first 50 TB is `s3.STANDARD`. */
  s3StandardNext450Tb: number;
  s3StandardOver500Tb: number;
}

// Copied from the clont transcription (ec2_family_large_hourly, ebs_gb_month.gp3 and .st1,
// nat_gateway_hourly, public_ipv4_hourly, s3_gb_month); AWS processes NAT data at the hourly rate.
const awsRates: Record<AwsRegion, AwsRegionRates> = {
  'us-east-1': {
    large: { r6i: 0.126, m6i: 0.096, c6i: 0.085, r6g: 0.1008, m6g: 0.077, c6g: 0.068 },
    gp3: 0.08,
    st1: 0.045,
    natHour: 0.045,
    publicIpv4Hour: 0.005,
    s3: { STANDARD: 0.023, STANDARD_IA: 0.0125, GLACIER_IR: 0.004, GLACIER: 0.0036, DEEP_ARCHIVE: 0.00099 },
    s3StandardNext450Tb: 0.022,
    s3StandardOver500Tb: 0.021,
  },
  'us-west-2': {
    large: { r6i: 0.126, m6i: 0.096, c6i: 0.085, r6g: 0.1008, m6g: 0.077, c6g: 0.068 },
    gp3: 0.08,
    st1: 0.045,
    natHour: 0.045,
    publicIpv4Hour: 0.005,
    s3: { STANDARD: 0.023, STANDARD_IA: 0.0125, GLACIER_IR: 0.004, GLACIER: 0.0036, DEEP_ARCHIVE: 0.00099 },
    s3StandardNext450Tb: 0.022,
    s3StandardOver500Tb: 0.021,
  },
  'eu-west-1': {
    large: { r6i: 0.141, m6i: 0.107, c6i: 0.0912, r6g: 0.1128, m6g: 0.086, c6g: 0.073 },
    gp3: 0.088,
    st1: 0.05,
    natHour: 0.048,
    publicIpv4Hour: 0.005,
    s3: { STANDARD: 0.023, STANDARD_IA: 0.0125, GLACIER_IR: 0.004, GLACIER: 0.0036, DEEP_ARCHIVE: 0.00099 },
    s3StandardNext450Tb: 0.022,
    s3StandardOver500Tb: 0.021,
  },
  'eu-central-1': {
    large: { r6i: 0.152, m6i: 0.115, c6i: 0.097, r6g: 0.1216, m6g: 0.092, c6g: 0.0776 },
    gp3: 0.0952,
    st1: 0.054,
    natHour: 0.052,
    publicIpv4Hour: 0.005,
    s3: { STANDARD: 0.0245, STANDARD_IA: 0.0135, GLACIER_IR: 0.005, GLACIER: 0.00405, DEEP_ARCHIVE: 0.0018 },
    s3StandardNext450Tb: 0.0235,
    s3StandardOver500Tb: 0.0225,
  },
  'ap-south-1': {
    large: { r6i: 0.13, m6i: 0.101, c6i: 0.085, r6g: 0.065, m6g: 0.0506, c6g: 0.0426 },
    gp3: 0.0912,
    st1: 0.051,
    natHour: 0.056,
    publicIpv4Hour: 0.005,
    s3: { STANDARD: 0.025, STANDARD_IA: 0.0138, GLACIER_IR: 0.005, GLACIER: 0.0045, DEEP_ARCHIVE: 0.002 },
    s3StandardNext450Tb: 0.024,
    s3StandardOver500Tb: 0.023,
  },
  'ap-southeast-1': {
    large: { r6i: 0.152, m6i: 0.12, c6i: 0.098, r6g: 0.1216, m6g: 0.096, c6g: 0.0784 },
    gp3: 0.096,
    st1: 0.054,
    natHour: 0.059,
    publicIpv4Hour: 0.005,
    s3: { STANDARD: 0.025, STANDARD_IA: 0.0138, GLACIER_IR: 0.005, GLACIER: 0.0045, DEEP_ARCHIVE: 0.002 },
    s3StandardNext450Tb: 0.024,
    s3StandardOver500Tb: 0.023,
  },
};

function mapValues<K extends string, A, B>(record: Record<K, A>, f: (key: K, value: A) => B): Record<K, B> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, f(key as K, value as A)]),
  ) as Record<K, B>;
}

function awsRegionPrices(region: AwsRegion, rates: AwsRegionRates): AwsRegionPrices {
  return {
    ec2LargeHour: mapValues(rates.large, (family, usd) =>
      price(
        usd,
        `USD per instance-hour, ${family}.large, Linux`,
        awsPriceList(region, `EC2 ${family}.large Linux`),
      ),
    ),
    ebsGp3GibMonth: price(
      rates.gp3,
      'USD per GiB-month of provisioned gp3',
      awsPriceList(region, 'EBS gp3 storage'),
    ),
    ebsSt1GibMonth: price(
      rates.st1,
      'USD per GiB-month of provisioned st1 (throughput-optimized HDD)',
      awsPriceList(region, 'EBS st1 storage'),
    ),
    natGatewayHour: price(
      rates.natHour,
      'USD per NAT gateway-hour',
      awsPriceList(region, 'NAT gateway hour'),
    ),
    natGatewayProcessingPerGib: price(
      rates.natHour,
      'USD per GiB processed by a NAT gateway',
      natProcessingSource(region),
    ),
    publicIpv4Hour: price(
      rates.publicIpv4Hour,
      'USD per public IPv4 address-hour',
      awsPriceList(region, 'public IPv4 address'),
    ),
    s3GibMonth: mapValues(rates.s3, (storageClass, usd) =>
      price(usd, `USD per GiB-month, S3 ${storageClass}`, awsPriceList(region, `S3 ${storageClass} storage`)),
    ),
    s3StandardTiers: [
      {
        upToGib: 50 * S3_TIER_TB_GIB,
        price: price(
          rates.s3.STANDARD,
          'USD per GiB-month, S3 STANDARD, first 50 TB a month',
          awsPriceList(region, 'S3 STANDARD storage'),
        ),
      },
      {
        upToGib: 500 * S3_TIER_TB_GIB,
        price: price(
          rates.s3StandardNext450Tb,
          'USD per GiB-month, S3 STANDARD, next 450 TB a month',
          s3StandardTierSource(region),
        ),
      },
      {
        upToGib: Number.POSITIVE_INFINITY,
        price: price(
          rates.s3StandardOver500Tb,
          'USD per GiB-month, S3 STANDARD, over 500 TB a month',
          s3StandardTierSource(region),
        ),
      },
    ],
  };
}

const karpenterUsEast1: Source = {
  title:
    'Karpenter InitialOnDemandPricesAWS, generated 2026-07-20 from the AWS Pricing API for us-east-1 ' +
    '(third-party transcription, by the AWS Karpenter project)',
  url: 'https://github.com/aws/karpenter-provider-aws/blob/6fc13b5236fd04fd16ff3f9dc7490d0813994099/pkg/providers/pricing/zz_generated.pricing_aws.go',
  retrieved: '2026-07-20',
};

const interRegionTransfer: Source = {
  title:
    'AWS data transfer between regions is billed by the source region, "$0.02/GB" for most regions ' +
    '(third-party summary of the EC2 on-demand data transfer table; read for the regions listed here only)',
  url: 'https://awscostguide.notion.site/Regions-AZ-and-data-transfer-costs-47d9c039e623473dbe989bd9babbfe2a',
  retrieved: '2026-12-01',
};

const interRegionTransferMatrix: Source = {
  title:
    'Redress Compliance, AWS inter-region transfer costs: us-east-1 to eu-west-1 and to us-west-2 at $0.02 per GB, ' +
    'charged to the source region (third-party)',
  url: 'https://redresscompliance.com/aws-inter-region-transfer-costs-multiregion.html',
  retrieved: '2026-12-01',
};

export interface Prices {
  gcp: GcpPrices;
  aws: Record<AwsRegion, AwsRegionPrices>;
  /**
   * Data transfer out of a region to another AWS region, per GiB, billed to the source region. Only
   * the source regions whose rate was read are here; a model asked about another says so.
   */
  awsInterRegionTransferOutPerGib: Partial<Record<AwsRegion, Price>>;
  /** Full-size prices from an independent transcription, to check that sizes scale linearly from `.large`. */
  awsListedUsEast1InstanceHour: Record<string, Price>;
}

export const prices: Prices = {
  gcp: {
    cloudNat: {
      perVmHour: price(
        0.0014,
        'USD per VM-hour, for each VM using the gateway (up to 32 VMs)',
        cloudNatPricing,
      ),
      gatewayHourAbove32Vms: price(
        0.044,
        'USD per gateway-hour, when more than 32 VMs use the gateway',
        cloudNatPricing,
      ),
      processingPerGib: price(
        0.045,
        'USD per GiB processed by the gateway, inbound and outbound',
        cloudNatPricing,
      ),
      ipPerHour: price(0.005, 'USD per hour for each external IP address the gateway uses', cloudNatPricing),
    },
    compute: {
      e2VcpuHour: price(0.02181159, 'USD per vCPU-hour, E2, us-central1', e2Pricing),
      e2MemoryGibHour: price(0.00292353, 'USD per GiB-hour of memory, E2, us-central1', e2Pricing),
      externalIpv4Hour: price(
        0.005,
        'USD per hour for an external IPv4 address in use on a standard VM',
        gcpExternalIp,
      ),
    },
  },
  aws: mapValues(awsRates, awsRegionPrices),
  awsInterRegionTransferOutPerGib: {
    'eu-west-1': price(0.02, 'USD per GiB sent from eu-west-1 to another AWS region', interRegionTransfer),
    'us-east-1': price(
      0.02,
      'USD per GiB sent from us-east-1 to another AWS region',
      interRegionTransferMatrix,
    ),
  },
  awsListedUsEast1InstanceHour: {
    'r6i.4xlarge': price(1.008, 'USD per instance-hour, Linux', karpenterUsEast1),
    'm6i.xlarge': price(0.192, 'USD per instance-hour, Linux', karpenterUsEast1),
    'c6i.xlarge': price(0.17, 'USD per instance-hour, Linux', karpenterUsEast1),
    'r6g.4xlarge': price(0.8064, 'USD per instance-hour, Linux', karpenterUsEast1),
    'm6g.xlarge': price(0.154, 'USD per instance-hour, Linux', karpenterUsEast1),
    'c6g.xlarge': price(0.136, 'USD per instance-hour, Linux', karpenterUsEast1),
  },
};
