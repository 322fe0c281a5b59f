import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { techniques } from '~/data/techniques.ts';
import { decisionId, decisionsIn } from '~/lib/decisions.ts';
import { siteDir } from './built-site.ts';

describe('decisionsIn', () => {
  it('reads each decision point with its techniques and anchor', () => {
    const mdx = [
      '<Decision question="EFS looks normal. What next?" reveals="latency metric; nginx" technique="measure-the-symptom">',
      'answer',
      '</Decision>',
      '<Decision question="And then?">',
    ].join('\n');
    expect(decisionsIn(mdx, 'x.mdx')).toEqual([
      {
        question: 'EFS looks normal. What next?',
        techniques: ['measure-the-symptom'],
        reveals: ['latency metric', 'nginx'],
        id: 'decision-efs-looks-normal-what-next',
      },
      { question: 'And then?', techniques: [], reveals: [], id: 'decision-and-then' },
    ]);
  });

  it('names the known techniques when a page uses an unknown one', () => {
    expect(() => decisionsIn('<Decision question="Q" technique="guessing">', 'x.mdx')).toThrow(
      /x\.mdx: unknown technique 'guessing'; known: measure-the-symptom/,
    );
  });
});

describe('the stories', () => {
  const dir = path.join(siteDir, 'src/content/docs/stories');
  const points = readdirSync(dir)
    .filter((file) => file.endsWith('.mdx'))
    .flatMap((file) =>
      decisionsIn(readFileSync(path.join(dir, file), 'utf8'), file).map((p) => ({ ...p, file })),
    );

  it('give every technique at least one decision point, and every anchor is unique within its page', () => {
    for (const technique of techniques) {
      expect(
        points.some((p) => p.techniques.includes(technique.id)),
        technique.id,
      ).toBe(true);
    }
    const anchors = points.map((p) => `${p.file}#${p.id}`);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(decisionId('A, b: C?')).toBe('decision-a-b-c');
  });
});
