import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber, formatUsd } from './format.ts';
import { GiB, KiB, TiB } from './units.ts';

describe('formatUsd', () => {
  it('shows whole dollars from $100, cents below, and unit prices as published', () => {
    expect(formatUsd(4608)).toBe('$4,608');
    expect(formatUsd(4635.74)).toBe('$4,636');
    expect(formatUsd(18.608)).toBe('$18.61');
    expect(formatUsd(0.045)).toBe('$0.045');
    expect(formatUsd(0.00099)).toBe('$0.00099');
    expect(formatUsd(0)).toBe('$0');
  });

  it('shows cents when asked', () => {
    expect(formatUsd(4608, { cents: true })).toBe('$4,608.00');
    expect(formatUsd(0.045, { cents: true })).toBe('$0.05');
  });

  it('puts the minus sign before the dollar sign', () => {
    expect(formatUsd(-1234.5)).toBe('-$1,235');
    expect(formatUsd(-0.0000001)).toBe('$0');
  });

  it('rejects a non-finite amount', () => {
    expect(() => formatUsd(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatBytes', () => {
  it('picks the largest binary unit and one decimal at most', () => {
    expect(formatBytes(100 * TiB)).toBe('100 TiB');
    expect(formatBytes(12_849.457 * GiB)).toBe('12.5 TiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(0)).toBe('0 B');
  });

  it('carries a rounded value into the next unit', () => {
    expect(formatBytes(1023.96 * KiB)).toBe('1 MiB');
  });

  it('speaks decimal units when asked, as stories do', () => {
    expect(formatBytes(1.5e12, { decimal: true })).toBe('1.5 TB');
    expect(formatBytes(700e12, { decimal: true })).toBe('700 TB');
  });

  it('rejects negative sizes', () => {
    expect(() => formatBytes(-1)).toThrow(/bytes/);
  });
});

describe('formatNumber', () => {
  it('groups thousands and keeps two decimals at most', () => {
    expect(formatNumber(30_000_000)).toBe('30,000,000');
    expect(formatNumber(0.256)).toBe('0.26');
    expect(formatNumber(-5000)).toBe('-5,000');
  });
});
