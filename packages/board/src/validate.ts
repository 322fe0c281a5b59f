// What the board accepts from learners, checked field by field; every refusal names the field.

export interface ObjectiveReport {
  id: string;
  title?: string;
  /** lab-kit's ObjectiveStatus: 'pass' | 'fail' | 'not-run' | 'needs-answer' (other short words are kept as they are). */
  status: string;
  reason?: string;
}

export interface Report {
  name: string;
  lab: string;
  instance: string;
  results: ObjectiveReport[];
}

export const limits = {
  name: 60,
  id: 64,
  title: 200,
  reason: 1000,
  objectives: 100,
} as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const labId = /^[a-z0-9][a-z0-9-]*$/;
const instanceName = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const objectiveId = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const statusWord = /^[a-z][a-z-]{0,23}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A display name: 1-60 characters after trimming, no control characters. */
export function checkName(value: unknown, field = 'name'): Checked<string> {
  if (typeof value !== 'string') return { ok: false, error: `${field} must be a string` };
  const name = value.trim().normalize('NFC');
  if (name.length === 0) return { ok: false, error: `${field} must not be empty` };
  if (name.length > limits.name)
    return { ok: false, error: `${field} is longer than ${limits.name} characters` };
  if (controlCharacters.test(name)) return { ok: false, error: `${field} contains control characters` };
  return { ok: true, value: name };
}

function checkToken(value: unknown, field: string, pattern: RegExp, shape: string): Checked<string> {
  if (typeof value !== 'string') return { ok: false, error: `${field} must be a string` };
  if (value.length === 0 || value.length > limits.id || !pattern.test(value))
    return { ok: false, error: `${field} must be ${shape}, at most ${limits.id} characters` };
  return { ok: true, value };
}

function checkText(value: unknown, field: string, max: number): Checked<string | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, error: `${field} must be a string` };
  if (value.length > max) return { ok: false, error: `${field} is longer than ${max} characters` };
  return { ok: true, value };
}

export function checkJoin(body: unknown): Checked<{ name: string }> {
  if (!isRecord(body)) return { ok: false, error: 'the body must be a JSON object' };
  const name = checkName(body.name);
  return name.ok ? { ok: true, value: { name: name.value } } : name;
}

export function checkReport(body: unknown): Checked<Report> {
  if (!isRecord(body)) return { ok: false, error: 'the body must be a JSON object' };
  const name = checkName(body.name);
  if (!name.ok) return name;
  const lab = checkToken(body.lab, 'lab', labId, 'a lab id (lowercase letters, digits and -)');
  if (!lab.ok) return lab;
  const instance = checkToken(
    body.instance ?? 'default',
    'instance',
    instanceName,
    'an instance name (letters, digits, _ . -)',
  );
  if (!instance.ok) return instance;
  if (!Array.isArray(body.results)) return { ok: false, error: 'results must be an array' };
  if (body.results.length === 0) return { ok: false, error: 'results must not be empty' };
  if (body.results.length > limits.objectives)
    return { ok: false, error: `results has more than ${limits.objectives} objectives` };
  const results: ObjectiveReport[] = [];
  const seen = new Set<string>();
  for (const [index, item] of body.results.entries()) {
    const at = `results[${index}]`;
    if (!isRecord(item)) return { ok: false, error: `${at} must be an object` };
    const id = checkToken(item.id, `${at}.id`, objectiveId, 'an objective id (letters, digits, _ . : -)');
    if (!id.ok) return id;
    if (seen.has(id.value)) return { ok: false, error: `${at}.id "${id.value}" appears twice` };
    seen.add(id.value);
    if (typeof item.status !== 'string' || !statusWord.test(item.status))
      return { ok: false, error: `${at}.status must be a status word such as "pass" or "fail"` };
    const title = checkText(item.title, `${at}.title`, limits.title);
    if (!title.ok) return title;
    const reason = checkText(item.reason, `${at}.reason`, limits.reason);
    if (!reason.ok) return reason;
    const result: ObjectiveReport = { id: id.value, status: item.status };
    if (title.value !== undefined) result.title = title.value;
    if (reason.value !== undefined) result.reason = reason.value;
    results.push(result);
  }
  return { ok: true, value: { name: name.value, lab: lab.value, instance: instance.value, results } };
}
