import { requireNonNegative } from './validate.ts';

// Binary units: GCP and AWS both bill data in "GB" that are 2^30 bytes (GCP's price pages say
// "GiB" outright; AWS's price list says "GB" and bills byte-hours in 2^30-byte units). Every
// model here therefore counts GiB. Stories and people quote decimal TB ("1.5 TB per day"), so the
// decimal units exist for converting what a story says into what a bill counts.
export const KiB = 1024;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;

export const GB = 1e9;
export const TB = 1e12;

/** The billing month both clouds use for hourly prices: 8,760 hours a year / 12. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * SECONDS_PER_HOUR;

export function gibFromTib(tib: number): number {
  return requireNonNegative('tib', tib) * (TiB / GiB);
}

/** Decimal terabytes (10^12 bytes, as stories quote them) to the GiB a bill counts. */
export function gibFromTerabytes(terabytes: number): number {
  return (requireNonNegative('terabytes', terabytes) * TB) / GiB;
}

export function gibFromBytes(bytes: number): number {
  return requireNonNegative('bytes', bytes) / GiB;
}
