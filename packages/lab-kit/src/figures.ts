// Figures a lab exports for its pages: numbers the lab measured (a committed benchmark, say), with how
// they were measured. A lab package exports them as "./figures" (`export default defineFigures({...})`);
// the site finds them through the package, validates them with this schema and draws them with no code
// of its own for any lab. Light on purpose (zod only): the site's build imports it.
import { z } from 'zod';

const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter');

const barRowSchema = z.object({
  /** What the row is, e.g. "p99, 100 clients". */
  label: z.string().min(1),
  /** One value per series, in the order of `series`. */
  values: z.array(z.number().nonnegative().finite()).min(1),
  /** A short remark the accessible description adds, e.g. "0.93 times the baseline". */
  note: z.string().min(1).optional(),
});

/** A horizontal bar chart: one row per thing measured, one bar per series (or stacked parts). */
export const barFigureSchema = z
  .object({
    kind: z.literal('bars'),
    title: z.string().min(1),
    /** What the reader should take from it, e.g. "More is better." Shown first under the chart. */
    caption: z.string().min(1),
    /**
     * How the numbers were measured, for a reader: the machine (cores), the tool and its settings,
     * where client and server ran, and anything else the numbers depend on. Always shown.
     */
    method: z.string().min(1),
    /** Where the numbers are kept and how to measure them again (a file, a command). Always shown. */
    source: z.string().min(1),
    /** ISO date of the measurement. */
    measuredAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date, e.g. 2026-11-26')
      .optional(),
    /** What the bar length measures, e.g. "Requests per second". */
    valueLabel: z.string().min(1),
    /** What the rows are: the first column heading of the table of numbers, e.g. "Test". */
    rowHeader: z.string().min(1),
    /** The bars of each row, e.g. ["Before", "After"]. */
    series: z.array(z.string().min(1)).min(1).max(4),
    rows: z.array(barRowSchema).min(1),
    /** Bars are parts of one total (stacked) rather than side by side. */
    stacked: z.boolean().default(false),
    /** Decimal places the values are shown with. */
    decimals: z.number().int().min(0).max(6).default(0),
  })
  .superRefine((figure, issue) => {
    for (const [i, row] of figure.rows.entries()) {
      if (row.values.length !== figure.series.length) {
        issue.addIssue({
          code: 'custom',
          path: ['rows', i, 'values'],
          message: `has ${row.values.length} values for ${figure.series.length} series`,
        });
      }
    }
  });

export const figureSchema = barFigureSchema;

/** A lab's figures, by name: what its "./figures" export's default is. */
export const labFiguresSchema = z.record(name, figureSchema);

export type FigureInput = z.input<typeof figureSchema>;
export type Figure = z.output<typeof figureSchema>;
export type LabFigures = z.output<typeof labFiguresSchema>;

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`;
}

/** Validates figures; errors name each offending field, prefixed with `where` (e.g. the package). */
export function parseFigures(input: unknown, where: string): LabFigures {
  const result = labFiguresSchema.safeParse(input);
  if (!result.success) {
    throw new Error(
      `${where}: the figures are not valid:\n${result.error.issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`,
    );
  }
  return result.data;
}

/** What a lab's "./figures" module exports as default: its figures, validated when the module loads. */
export function defineFigures(input: Record<string, FigureInput>): LabFigures {
  return parseFigures(input, 'defineFigures');
}
