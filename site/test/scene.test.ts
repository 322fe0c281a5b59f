import { describe, expect, it } from 'vitest';
import { MAX_LABEL_CHARS, sceneLayout } from '~/lib/scene.ts';

describe('sceneLayout', () => {
  it('stacks boxes top to bottom with an arrow between each pair', () => {
    const layout = sceneLayout([
      { label: 'Users' },
      { label: 'API', note: 'p90 over 500 ms', symptom: true },
      { label: 'Database' },
    ]);
    expect(layout.boxes.map((b) => b.label)).toEqual(['Users', 'API', 'Database']);
    expect(layout.boxes[1]?.symptom).toBe(true);
    expect(layout.arrows).toHaveLength(2);
    for (const [i, arrow] of layout.arrows.entries()) {
      const above = layout.boxes[i];
      const below = layout.boxes[i + 1];
      expect(arrow.y1).toBe((above?.y ?? 0) + (above?.height ?? 0));
      expect(arrow.y2).toBeLessThan(below?.y ?? 0);
    }
    const last = layout.boxes.at(-1);
    expect(layout.height).toBeGreaterThan((last?.y ?? 0) + (last?.height ?? 0));
  });

  it('draws no arrow into a step that is not on the path', () => {
    const layout = sceneLayout([{ label: 'Pods' }, { label: 'NAT' }, { label: 'The bill', link: false }]);
    expect(layout.arrows).toHaveLength(1);
  });

  it('wraps a long note and grows its box', () => {
    const layout = sceneLayout([
      { label: 'API', note: 'some requests answer in under a second and others take more than eight' },
    ]);
    const box = layout.boxes[0];
    expect(box?.noteLines.length).toBe(2);
    for (const line of box?.noteLines ?? []) expect(line.length).toBeLessThanOrEqual(42);
    expect(box?.height).toBe(40 + 2 * 17);
  });

  it('refuses a label that would not fit with wide fonts', () => {
    expect(() => sceneLayout([{ label: 'x'.repeat(MAX_LABEL_CHARS + 1) }])).toThrow(/longer than/);
  });
});
