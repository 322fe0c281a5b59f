// Formatting for the site: one place decides how a dollar figure or a byte count reads.

import { requireNonNegative } from './validate.ts';

function requireFinite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
  return value;
}

function dollars(n: number, minimumFractionDigits: number, maximumFractionDigits: number): string {
  const digits = Math.abs(n).toLocaleString('en-US', { minimumFractionDigits, maximumFractionDigits });
  return `${n < 0 && digits !== '0' ? '-' : ''}$${digits}`;
}

/**
 * "$4,608" for amounts of $100 and more, "$18.61" between $1 and $100, and unit prices below $1
 * with up to 5 decimals as published ("$0.045", "$0.00099"). `cents: true` always shows cents.
 */
export function formatUsd(n: number, o?: { cents?: boolean }): string {
  requireFinite('amount', n);
  const size = Math.abs(n);
  if (o?.cents) return dollars(n, 2, 2);
  if (size >= 100) return dollars(n, 0, 0);
  if (size >= 1) return dollars(n, 2, 2);
  return dollars(n, 0, 5);
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * "100 TiB", "12.5 TiB", "512 B": the largest unit that keeps the number at 1 or more, one decimal
 * at most. Binary units by default (what clouds bill); `{ decimal: true }` for "1.5 TB" as stories say.
 */
export function formatBytes(bytes: number, o?: { decimal?: boolean }): string {
  requireNonNegative('bytes', bytes);
  const base = o?.decimal ? 1000 : 1024;
  const units = o?.decimal ? decimalUnits : binaryUnits;
  let exponent = 0;
  while (bytes >= base ** (exponent + 1) && exponent < units.length - 1) exponent += 1;
  let value = Math.round((bytes / base ** exponent) * 10) / 10;
  // Rounding can carry into the next unit: 1023.96 KiB reads as 1 MiB, not 1024 KiB.
  if (value >= base && exponent < units.length - 1) {
    exponent += 1;
    value = Math.round((bytes / base ** exponent) * 10) / 10;
  }
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${units[exponent]}`;
}

/** "30,000,000", "0.25": thousands separators, at most 2 decimals. */
export function formatNumber(n: number): string {
  return requireFinite('number', n).toLocaleString('en-US', { maximumFractionDigits: 2 });
}
