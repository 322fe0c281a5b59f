// Geometry for the build-time SVG charts: scales and "nice" axis ticks. Pure functions, so the
// chart components stay templates and the arithmetic is unit-tested.

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) =>
    span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0)) as LinearScale;
  scale.domain = domain;
  scale.range = range;
  return scale;
}

/** A step of 1, 2 or 5 times a power of ten that splits [0, max] into about `count` intervals. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0) || count < 1) return 1;
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const multiple = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return multiple * power;
}

/** Ticks from 0 to the first multiple of a nice step at or above `max` (the axis ends on a tick). */
export function niceTicks(max: number, count = 5): number[] {
  const step = niceStep(max, count);
  const ticks: number[] = [];
  const last = Math.ceil(max / step - 1e-9) * step;
  for (let i = 0; i * step <= last + step / 2; i += 1) {
    // Rounding keeps 0.1 + 0.2 style drift out of labels.
    ticks.push(Number((i * step).toPrecision(12)));
  }
  return ticks.length > 1 ? ticks : [0, step];
}

/** An SVG path through points, in order. */
export function linePath(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ');
}

/** Coordinates to two decimals: enough for the screen, short in the HTML. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Plot box inside an SVG of the given size, leaving margins for axis labels. */
export interface PlotArea {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function plotArea(
  width: number,
  height: number,
  margin: { top: number; right: number; bottom: number; left: number },
): PlotArea {
  return {
    width,
    height,
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  };
}

const compactUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** Axis ticks only: "$15K", "$500". Values in text and tables use formatUsd from @storylabs/models. */
export function formatUsdTick(n: number): string {
  return compactUsd.format(n);
}
