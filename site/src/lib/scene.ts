// Geometry of the "what you see" diagram (Scene.astro): boxes stacked top to bottom with an arrow
// between each pair. Widths are sized for Debian's DejaVu Sans, the widest font the site meets, so a
// label that fits here fits everywhere; a longer one fails the build instead of spilling out.

export interface SceneStep {
  label: string;
  note?: string;
  symptom?: boolean;
  /** false: no arrow from the step above (e.g. a bill, which is not on the traffic path). */
  link?: boolean;
}

export interface SceneBox {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  labelY: number;
  noteLines: string[];
  noteY: number;
  symptom: boolean;
}

const WIDTH = 360;
const BOX_WIDTH = 340;
const GAP = 34;
/** Characters that fit across a box: DejaVu Sans averages ~0.6 em, bold 15 px and regular 13 px. */
export const MAX_LABEL_CHARS = 34;
export const MAX_NOTE_CHARS = 42;
const MAX_NOTE_LINES = 3;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (word.length > width) throw new Error(`scene note word "${word}" is longer than ${width} characters`);
    const next = line ? `${line} ${word}` : word;
    if (next.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function sceneLayout(steps: readonly SceneStep[]): {
  width: number;
  height: number;
  boxes: SceneBox[];
  arrows: Array<{ x: number; y1: number; y2: number }>;
} {
  if (steps.length === 0) throw new Error('a scene needs at least one step');
  const boxes: SceneBox[] = [];
  let y = 8;
  for (const step of steps) {
    if (step.label.length > MAX_LABEL_CHARS) {
      throw new Error(`scene label "${step.label}" is longer than ${MAX_LABEL_CHARS} characters`);
    }
    const noteLines = step.note ? wrap(step.note, MAX_NOTE_CHARS) : [];
    if (noteLines.length > MAX_NOTE_LINES) {
      throw new Error(`scene note "${step.note}" needs more than ${MAX_NOTE_LINES} lines`);
    }
    const height = 40 + noteLines.length * 17;
    boxes.push({
      x: (WIDTH - BOX_WIDTH) / 2,
      y,
      width: BOX_WIDTH,
      height,
      label: step.label,
      labelY: y + 26,
      noteLines,
      noteY: y + 46,
      symptom: step.symptom === true,
    });
    y += height + GAP;
  }
  const arrows = boxes.flatMap((box, i) => {
    const above = boxes[i - 1];
    if (!above || steps[i]?.link === false) return [];
    return [{ x: WIDTH / 2, y1: above.y + above.height, y2: box.y - 2 }];
  });
  return { width: WIDTH, height: y - GAP + 8, boxes, arrows };
}
