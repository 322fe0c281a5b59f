import { describe, expect, it } from 'vitest';
import { defineFigures, type FigureInput, parseFigures } from '../src/figures.ts';

const bars: FigureInput = {
  kind: 'bars',
  title: 'Requests per second',
  caption: 'More is better.',
  method: 'On a 2-core machine, client and server together.',
  source: 'bench/results.json; pnpm bench',
  valueLabel: 'Requests per second',
  rowHeader: 'Test',
  series: ['A', 'B'],
  rows: [{ label: 'GET', values: [10, 9], note: '0.90 times A' }],
};

describe('lab figures', () => {
  it('fill defaults', () => {
    expect(defineFigures({ speed: bars }).speed).toMatchObject({ stacked: false, decimals: 0 });
  });

  it('must say how they were measured and where the numbers come from', () => {
    const { method: _m, source: _s, ...bare } = bars;
    expect(() => defineFigures({ speed: bare as FigureInput })).toThrow(/speed\.method[\s\S]*speed\.source/);
  });

  it('name the package and the field when a row does not match the series', () => {
    expect(() =>
      parseFigures(
        { speed: { ...bars, rows: [{ label: 'GET', values: [1] }] } },
        '@storylabs/lab-x ("./figures")',
      ),
    ).toThrow(
      '@storylabs/lab-x ("./figures"): the figures are not valid:\n  - speed.rows[0].values: has 1 values for 2 series',
    );
    expect(() => parseFigures({ Speed: bars }, 'x')).toThrow('Speed');
    expect(() => parseFigures({ speed: { ...bars, measuredAt: '26 Nov' } }, 'x')).toThrow('speed.measuredAt');
  });
});
