/** Where a figure was read: a page (or a transcription of one) and the ISO date it was read. */
export interface Source {
  title: string;
  url: string;
  /** ISO date (YYYY-MM-DD) the figure was read, or the date of the stored copy it was read from. */
  retrieved: string;
}

/** A list price in US dollars, per `unit`. */
export interface Price {
  usd: number;
  unit: string;
  source: Source;
}

/** A published non-price figure (a sizing rule, a story fact) with its unit and source. */
export interface Figure {
  value: number;
  unit: string;
  source: Source;
}

export const awsRegions = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-south-1',
  'ap-southeast-1',
] as const;
export type AwsRegion = (typeof awsRegions)[number];

/** S3 classes in the order a backup usually walks down them: hot to cold. GLACIER is Glacier Flexible Retrieval. */
export const s3StorageClasses = ['STANDARD', 'STANDARD_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] as const;
export type S3StorageClass = (typeof s3StorageClasses)[number];

/** EC2 families the VictoriaMetrics model uses: Intel (x86_64) and Graviton (arm64) generations 6. */
export const ec2Families = ['r6i', 'm6i', 'c6i', 'r6g', 'm6g', 'c6g'] as const;
export type Ec2Family = (typeof ec2Families)[number];
