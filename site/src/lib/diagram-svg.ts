// The rules a story diagram must follow to be inlined (see notes/site-conventions.md). Breaking one
// fails the build with a message naming the file and the rule, rather than shipping a diagram that
// is unreadable in dark mode, overflows a phone, or says nothing to a screen reader.

function rootTagOf(svg: string): string | undefined {
  return /<svg\b[^>]*>/i.exec(svg)?.[0];
}

function textOf(svg: string, element: 'title' | 'desc'): string {
  const match = new RegExp(`<${element}\\b[^>]*>([\\s\\S]*?)</${element}>`, 'i').exec(svg);
  return (match?.[1] ?? '').replace(/<[^>]*>/g, '').trim();
}

/** Returns the SVG ready to inline (no XML prolog or comments), or throws naming what is wrong. */
export function checkDiagram(name: string, source: string): string {
  const svg = source
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  const root = rootTagOf(svg);
  const problems: string[] = [];
  if (!root || !svg.startsWith('<svg')) {
    problems.push('the file must be a single <svg> element');
  } else {
    if (!/\sviewBox\s*=/.test(root)) problems.push('the <svg> needs a viewBox');
    if (/\s(width|height)\s*=/.test(root))
      problems.push('the <svg> must not set width or height (it scales to the page)');
    if (!/\srole\s*=\s*["']img["']/.test(root)) problems.push('the <svg> needs role="img"');
  }
  if (textOf(svg, 'title') === '') problems.push('it needs a non-empty <title>');
  if (textOf(svg, 'desc') === '') problems.push('it needs a non-empty <desc>, the full text alternative');
  if (problems.length > 0) {
    throw new Error(`src/diagrams/${name}.svg: ${problems.join('; ')}`);
  }
  return svg;
}
