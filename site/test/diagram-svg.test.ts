import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDiagram } from '~/lib/diagram-svg.ts';

const good =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="img"><title>A to B</title><desc>A connects to B.</desc></svg>';

describe('checkDiagram', () => {
  it('accepts a diagram that follows the conventions, without its XML prolog and comments', () => {
    expect(checkDiagram('ok', `<?xml version="1.0"?>\n<!-- drawn by hand -->\n${good}`)).toBe(good);
  });

  it('names the file and every rule it breaks', () => {
    const bad = '<svg width="300" height="200"><title></title></svg>';
    expect(() => checkDiagram('bad', bad)).toThrow(
      'src/diagrams/bad.svg: the <svg> needs a viewBox; the <svg> must not set width or height (it scales to the page); the <svg> needs role="img"; it needs a non-empty <title>; it needs a non-empty <desc>, the full text alternative',
    );
  });
});

describe('the committed story diagrams', () => {
  const dir = new URL('../src/diagrams/', import.meta.url);
  const files = readdirSync(dir).filter((file) => file.endsWith('.svg'));

  it.each(files)('%s follows the conventions', (file) => {
    expect(() =>
      checkDiagram(file.replace(/\.svg$/, ''), readFileSync(new URL(file, dir), 'utf8')),
    ).not.toThrow();
  });
});
