// The session's results as CSV (RFC 4180): one line per learner x lab x instance x objective, and one
// line for a learner who joined but has not reported yet. Cells a spreadsheet would read as a formula
// (=, +, -, @ first) get a leading apostrophe, so a display name cannot run anything when opened.
import type { BoardState } from './store.ts';

const header = [
  'name',
  'lab',
  'instance',
  'position',
  'objective',
  'title',
  'status',
  'reason',
  'unsolved_since',
  'passed_at',
  'first_report',
  'last_report',
  'reports',
];

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toCsv(state: BoardState): string {
  const lines = [header.join(',')];
  const reported = new Set(state.rows.map((row) => row.name));
  const rows = [...state.rows].sort(
    (a, b) =>
      a.name.localeCompare(b.name) || a.lab.localeCompare(b.lab) || a.instance.localeCompare(b.instance),
  );
  for (const row of rows)
    row.objectives.forEach((objective, index) => {
      lines.push(
        [
          row.name,
          row.lab,
          row.instance,
          index + 1,
          objective.id,
          objective.title,
          objective.status,
          objective.reason,
          iso(objective.unsolvedSince),
          iso(objective.passedAt),
          iso(row.firstReport),
          iso(row.lastReport),
          row.reports,
        ]
          .map(cell)
          .join(','),
      );
    });
  for (const participant of state.participants)
    if (!reported.has(participant.name))
      lines.push([participant.name, '', '', '', '', '', 'joined', '', '', '', '', '', 0].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
