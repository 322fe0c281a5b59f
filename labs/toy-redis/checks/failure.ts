// Failure messages, written for the learner: what was sent, what came back, what real Redis said, and
// a hint about what usually causes that. Pure functions, so the wording is unit-tested.
import type { ReadOutcome } from './connection.ts';
import { type Arg, describeType, escapeBytes, formatCommand, type Reply } from './resp.ts';

export type Blame = 'learner' | 'environment';

/** A stage failed; `message` and `hints` are shown to the learner as they are. */
export class StageFailure extends Error {
  readonly hints: string[];
  readonly blame: Blame;
  constructor(message: string, hints: string | string[] = [], blame: Blame = 'learner') {
    super(message);
    this.name = 'StageFailure';
    this.hints = typeof hints === 'string' ? [hints] : hints;
    this.blame = blame;
  }
}

/** The lab itself is not right (real Redis unreachable or disagreeing with the spec), not the learner's server. */
export function environmentFailure(message: string, hint: string): StageFailure {
  return new StageFailure(message, hint, 'environment');
}

export interface Sent {
  /** The command, when what was sent is one command. */
  command?: readonly Arg[];
  /** The bytes exactly as written. */
  raw: Buffer;
  /** Words for what was sent when it is not one plain command, e.g. "the second half of a PING". */
  description?: string;
}

export interface Exchange {
  /** Which connection, e.g. "connection 2". */
  connection: string;
  sent: Sent;
  /** Where in a pipeline, e.g. "reply 7 of 32". */
  position?: string;
  learner: ReadOutcome;
  /** Real Redis's reply to the same bytes, or the tester's own expectation when real Redis is not asked. */
  reference?: { label: string; raw: Buffer; reply: Reply };
  /** A stage-specific hint for this step. */
  hint?: string;
  /** Set when the program has exited (a crash). */
  programExit?: string;
}

export function commandName(sent: Sent): string {
  if (sent.description) return sent.description;
  const name = sent.command?.[0];
  if (name === undefined) return 'the command';
  return (typeof name === 'string' ? name : name.toString('latin1')).toUpperCase();
}

/** What came back, as one line. */
export function describeOutcome(outcome: ReadOutcome): string {
  switch (outcome.kind) {
    case 'reply':
      return escapeBytes(outcome.raw);
    case 'invalid':
      return `${escapeBytes(outcome.raw)} (not valid RESP)`;
    case 'timeout':
      return outcome.partial.length === 0
        ? `no reply within ${outcome.waitedMs / 1000} s`
        : `${escapeBytes(outcome.partial)}, then nothing more within ${outcome.waitedMs / 1000} s`;
    case 'closed':
      return outcome.partial.length === 0
        ? `connection closed${outcome.error ? ` (${outcome.error})` : ''}, no reply`
        : `${escapeBytes(outcome.partial)}, then the connection closed`;
  }
}

function sentLines(sent: Sent): string[] {
  const lines: string[] = [];
  if (sent.command) lines.push(formatCommand(sent.command));
  else if (sent.description) lines.push(`(${sent.description})`);
  lines.push(escapeBytes(sent.raw));
  return lines;
}

function firstDifference(learner: Reply, reference: Reply, path: string): string | undefined {
  if (
    learner.type !== reference.type ||
    (learner.type === 'bulk' && (learner.value === null) !== (reference.value === null))
  ) {
    return `${path}real Redis replies with ${describeType(reference)}, yours is ${describeType(learner)}.`;
  }
  if (learner.type === 'array' && reference.type === 'array' && learner.value && reference.value) {
    if (learner.value.length !== reference.value.length) {
      return `${path}real Redis replies with ${reference.value.length} elements, yours has ${learner.value.length}.`;
    }
    for (const [i, item] of learner.value.entries()) {
      const other = reference.value[i];
      if (!other) continue;
      const inner = firstDifference(item, other, `${path}element ${i + 1}: `);
      if (inner) return inner;
    }
  }
  if (learner.type === 'error' && reference.type === 'error' && learner.value !== reference.value) {
    return `${path}error texts must match Redis's word for word: clients and scripts compare them.`;
  }
  return undefined;
}

/** A hint derived from what came back; undefined when the raw bytes say it all. */
export function diagnose(exchange: Exchange): string | undefined {
  const { learner, reference } = exchange;
  switch (learner.kind) {
    case 'timeout':
      if (learner.partial.length > 0) {
        return 'The reply started but never finished: a missing "\\r\\n" at its end, or a length prefix larger than the data, looks like this.';
      }
      return 'Nothing came back: is this command handled yet, and is the reply written to the socket (not just printed)?';
    case 'closed':
      if (exchange.programExit)
        return 'Your server crashed while handling this command: look for the error in its output below.';
      return 'Your server closed the connection: a connection stays open for many commands, also after an error reply.';
    case 'invalid':
      if (/^(\(integer\)|\(nil\)|\(error\)|PONG|OK\b|")/.test(learner.raw.toString('latin1'))) {
        return 'That is how redis-cli displays a reply, not what Redis sends: on the wire PONG is "+PONG\\r\\n", (integer) 1 is ":1\\r\\n", (nil) is "$-1\\r\\n", "v" is "$1\\r\\nv\\r\\n".';
      }
      if (/"\\n" alone|"\\r" before/.test(learner.reason)) {
        return 'End every line with "\\r\\n": "+PONG\\r\\n", not "+PONG\\n".';
      }
      if (/counts? bytes/.test(learner.reason)) {
        return 'A bulk string is "$" + its length in bytes + "\\r\\n" + the bytes + "\\r\\n"; "é" is 2 bytes in UTF-8.';
      }
      return 'Every reply starts with its type byte (+ - : $ *) and every line ends with "\\r\\n".';
    case 'reply':
      if (!reference) return undefined;
      return firstDifference(learner.reply, reference.reply, '');
  }
}

function indent(label: string, lines: string[]): string[] {
  const pad = ' '.repeat(label.length);
  return lines.map((line, i) => `${i === 0 ? label : pad}${line}`);
}

/** The failure for one step whose reply was not right. */
export function exchangeFailure(exchange: Exchange): StageFailure {
  const name = commandName(exchange.sent);
  const where = `${exchange.connection}${exchange.position ? `, ${exchange.position}` : ''}`;
  const { learner } = exchange;
  let headline: string;
  switch (learner.kind) {
    case 'timeout':
      headline =
        learner.partial.length === 0
          ? `Your server sent no reply to ${name} within ${learner.waitedMs / 1000} s (${where}).`
          : `Your server's reply to ${name} never finished (${where}).`;
      break;
    case 'closed':
      headline = `Your server closed the connection instead of replying to ${name} (${where}).`;
      break;
    case 'invalid':
      headline = `Your server's reply to ${name} is not valid RESP (${where}): ${learner.reason}.`;
      break;
    case 'reply':
      headline = `Your server's reply to ${name} is not what ${exchange.reference?.label ?? 'real Redis'} replies (${where}).`;
      break;
  }
  const labels = ['sent:', 'your server:', `${exchange.reference?.label ?? 'real Redis'}:`];
  const width = Math.max(...labels.map((l) => l.length)) + 1;
  const label = (text: string) => `  ${text.padEnd(width)}`;
  const lines = [
    headline,
    ...indent(label('sent:'), sentLines(exchange.sent)),
    ...indent(label('your server:'), [describeOutcome(learner)]),
  ];
  if (exchange.reference) {
    lines.push(...indent(label(`${exchange.reference.label}:`), [escapeBytes(exchange.reference.raw)]));
  }
  const hints = [diagnose(exchange), exchange.hint]
    .filter((h): h is string => h !== undefined)
    .map((h) => h.charAt(0).toUpperCase() + h.slice(1));
  return new StageFailure(lines.join('\n'), [...new Set(hints)]);
}

/** Bytes arrived that no command asked for: usually a second reply to the previous command. */
export function unexpectedBytesFailure(
  connection: string,
  bytes: Buffer,
  before: Sent | undefined,
): StageFailure {
  const when = before
    ? `before the tester sent ${commandName(before)}`
    : 'after the last reply of this stage';
  return new StageFailure(
    `Your server sent bytes nobody asked for on ${connection}, ${when}:\n  ${escapeBytes(bytes)}`,
    'Send exactly one reply per command: a second write, or a reply plus a debug print to the socket, looks like this.',
  );
}

/** The full text shown for a failed stage: the failure, its hints, and the program's last output. */
export function formatFailure(
  failure: StageFailure,
  program?: { lastOutput: string[]; exit?: string | undefined },
): string {
  const parts = [failure.message];
  for (const hint of failure.hints) parts.push(`Hint: ${hint}`);
  if (program?.exit) parts.push(`Your program ${program.exit}.`);
  if (program && program.lastOutput.length > 0) {
    parts.push(
      `Your program's last ${program.lastOutput.length === 1 ? 'line' : `${program.lastOutput.length} lines`} of output:\n${program.lastOutput
        .map((line) => `  | ${line}`)
        .join('\n')}`,
    );
  } else if (program) {
    parts.push('Your program printed nothing.');
  }
  return parts.join('\n');
}
