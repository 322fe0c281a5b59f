import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../src/did-you-mean.ts';

describe('didYouMean', () => {
  const labs = ['toy-redis', 'efs-latency', 'nat-routing', 'vm-cost-sizing'];

  it('suggests the closest lab for a typo', () => {
    expect(didYouMean('toy-rdis', labs)).toBe('toy-redis');
    expect(didYouMean('nat-rooting', labs)).toBe('nat-routing');
    expect(didYouMean('efs', labs)).toBe('efs-latency');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('kubernetes', labs)).toBeUndefined();
  });

  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
