// How the site names provider identifiers for readers.
import type { AwsRegion, S3StorageClass } from '@storylabs/models';

const awsRegionNames: Record<string, string> = {
  'us-east-1': 'N. Virginia',
  'us-west-2': 'Oregon',
  'eu-west-1': 'Ireland',
  'eu-central-1': 'Frankfurt',
  'ap-south-1': 'Mumbai',
  'ap-southeast-1': 'Singapore',
};

/** "ap-south-1 (Mumbai)"; just the code for a region without a name here. */
export function awsRegionName(region: AwsRegion): string {
  const name = awsRegionNames[region];
  return name ? `${region} (${name})` : region;
}

const s3StorageClassNames: Record<S3StorageClass, string> = {
  STANDARD: 'S3 Standard',
  STANDARD_IA: 'S3 Standard-IA',
  GLACIER_IR: 'S3 Glacier Instant Retrieval',
  GLACIER: 'S3 Glacier Flexible Retrieval',
  DEEP_ARCHIVE: 'S3 Glacier Deep Archive',
};

export function s3StorageClassName(storageClass: S3StorageClass): string {
  return s3StorageClassNames[storageClass];
}
