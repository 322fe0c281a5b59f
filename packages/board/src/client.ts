// What a learner's CLI uses: join a board once, keep the join in the state dir, report each check.
// Reporting never throws and gives up after a short timeout: a check works as before when the board
// is unreachable, and the caller says so once.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { limits } from './validate.ts';

export interface JoinConfig {
  /** The board's base URL, ending in `/`. */
  url: string;
  /** The join code, as the learner typed it. */
  code: string;
  /** The display name the learner joined with. */
  name: string;
  /** When the join was saved (ISO 8601). */
  joinedAt: string;
}

/** One objective's result, as lab-kit's ObjectiveResult has it (extra fields are left out). */
export interface ResultForBoard {
  id: string;
  title?: string;
  status: string;
  reason?: string;
}

export type BoardAnswer =
  /** `id`: the stored report's number. `alreadyJoined` (join only): the name was on the board already,
   *  from an earlier join of this learner or from someone else using the same name. */
  { ok: true; id?: number; alreadyJoined?: boolean } | { ok: false; reason: string; status?: number };

export const defaultReportTimeoutMs = 2000;
const joinFileName = 'board.json';

/** A board URL as a learner may type it (`127.0.0.1:4477`, `http://host:4477/`), as a base URL ending in `/`. */
export function normalizeBoardUrl(input: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim()) ? input.trim() : `http://${input.trim()}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${input}" is not a board URL; it looks like http://127.0.0.1:4477/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`"${input}" is not a board URL: it must start with http:// or https://`);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

async function post(
  url: string,
  route: string,
  code: string,
  body: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<BoardAnswer> {
  let base: string;
  try {
    base = normalizeBoardUrl(url);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(new URL(route, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${code}` },
      body: JSON.stringify(body),
      signal: combined,
    });
  } catch (error) {
    if (timeout.aborted)
      return { ok: false, reason: `the board at ${base} did not answer within ${timeoutMs / 1000} s` };
    if (signal?.aborted) return { ok: false, reason: 'reporting to the board was cancelled' };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      ok: false,
      reason: `the board at ${base} is unreachable (${cause?.code ?? cause?.message ?? (error as Error).message})`,
    };
  }
  let answer: { ok?: boolean; id?: number; alreadyJoined?: boolean; error?: string } = {};
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    // Not the board's JSON (a proxy's page, or the wrong server): the status says enough.
  }
  if (response.ok && answer.ok) {
    const ok: BoardAnswer = { ok: true };
    if (typeof answer.id === 'number') ok.id = answer.id;
    if (typeof answer.alreadyJoined === 'boolean') ok.alreadyJoined = answer.alreadyJoined;
    return ok;
  }
  const why = answer.error ?? (response.ok ? 'not a Storylabs board' : response.statusText);
  const prefix = response.status === 401 ? 'the board refused the join code' : 'the board refused the report';
  return { ok: false, status: response.status, reason: `${prefix} (${response.status}): ${why}` };
}

export interface JoinRequest {
  url: string;
  code: string;
  name: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Checks the code with the board and puts the learner on it; `{ok:false, reason}` says why not. */
export function joinBoard({ url, code, name, signal, timeoutMs }: JoinRequest): Promise<BoardAnswer> {
  return post(url, 'api/join', code, { name }, signal, timeoutMs ?? 5000);
}

export interface ReportRequest {
  url: string;
  code: string;
  name: string;
  lab: string;
  /** The lab instance (lab-kit v2's `--instance`); default `default`. */
  instance?: string;
  results: readonly ResultForBoard[];
  signal?: AbortSignal;
  /** Default 2 s. */
  timeoutMs?: number;
}

/** Sends one check's results to the board. Never throws; resolves within the timeout. */
export function reportToBoard(request: ReportRequest): Promise<BoardAnswer> {
  const results = request.results.slice(0, limits.objectives).map((result) => ({
    id: result.id,
    title: clip(result.title, limits.title),
    status: result.status,
    reason: clip(result.reason, limits.reason),
  }));
  const body = { name: request.name, lab: request.lab, instance: request.instance ?? 'default', results };
  return post(
    request.url,
    'api/report',
    request.code,
    body,
    request.signal,
    request.timeoutMs ?? defaultReportTimeoutMs,
  );
}

/** The file a join is kept in: `<stateDir>/board.json` (readable by its owner only: it holds the code). */
export function joinFile(stateDir: string): string {
  return path.join(stateDir, joinFileName);
}

/** Keeps the join for later checks, replacing an earlier one. Written atomically, mode 0600. */
export function saveJoin(
  stateDir: string,
  join: Omit<JoinConfig, 'joinedAt'> & { joinedAt?: string },
): JoinConfig {
  const config: JoinConfig = {
    url: normalizeBoardUrl(join.url),
    code: join.code,
    name: join.name,
    joinedAt: join.joinedAt ?? new Date().toISOString(),
  };
  mkdirSync(stateDir, { recursive: true });
  const file = joinFile(stateDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return config;
}

/** The saved join, or undefined when the learner has not joined a board. Throws on a damaged file. */
export function loadJoin(stateDir: string): JoinConfig | undefined {
  const file = joinFile(stateDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; join the board again (pnpm lab join) or delete the file`);
  }
  const config = value as Partial<JoinConfig> | null;
  if (
    typeof config?.url !== 'string' ||
    typeof config.code !== 'string' ||
    typeof config.name !== 'string' ||
    typeof config.joinedAt !== 'string'
  )
    throw new Error(`${file} is not a board join (url, code, name); join the board again or delete the file`);
  return { url: config.url, code: config.code, name: config.name, joinedAt: config.joinedAt };
}

/** Forgets the saved join; true when there was one. */
export function forgetJoin(stateDir: string): boolean {
  const file = joinFile(stateDir);
  try {
    rmSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export interface CheckReport {
  /** The CLI's state dir, where `saveJoin` kept the join. */
  stateDir: string;
  lab: string;
  instance?: string;
  results: readonly ResultForBoard[];
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CheckReportOutcome {
  /** Whether the board stored the results (false also when the learner has not joined a board). */
  reported: boolean;
  /** A line for the learner, or undefined when there is nothing new to say. */
  message?: string;
}

const unreachableFileName = 'board-unreachable.json';

/**
 * What `pnpm lab check` calls after a check: reports to the joined board, if any. A failure is told
 * once (a marker in the state dir keeps quiet about it on later checks), and so is recovery. A
 * damaged join file is told each time, as a message; this never throws.
 */
export async function reportCheck(request: CheckReport): Promise<CheckReportOutcome> {
  let join: JoinConfig | undefined;
  try {
    join = loadJoin(request.stateDir);
  } catch (error) {
    return { reported: false, message: `Not reported to the board: ${(error as Error).message}` };
  }
  if (!join) return { reported: false };
  const answer = await reportToBoard({
    url: join.url,
    code: join.code,
    name: join.name,
    lab: request.lab,
    instance: request.instance,
    results: request.results,
    signal: request.signal,
    timeoutMs: request.timeoutMs,
  });
  const marker = path.join(request.stateDir, unreachableFileName);
  let toldBefore = false;
  try {
    readFileSync(marker);
    toldBefore = true;
  } catch {}
  if (answer.ok) {
    if (!toldBefore) return { reported: true };
    rmSync(marker, { force: true });
    return { reported: true, message: `Reporting to the board at ${join.url} again.` };
  }
  if (toldBefore) return { reported: false };
  try {
    writeFileSync(marker, `${JSON.stringify({ since: new Date().toISOString(), reason: answer.reason })}\n`);
  } catch {}
  return {
    reported: false,
    message: `Not reported to the board: ${answer.reason}. Checks work as before; this is said once, until the board answers again.`,
  };
}
