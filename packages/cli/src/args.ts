import { parseArgs } from 'node:util';
import { didYouMean, UsageError } from '@storylabs/lab-kit';

export const VERBS = [
  'list',
  'up',
  'down',
  'status',
  'check',
  'hint',
  'answer',
  'solution',
  'solve',
  'reset',
  'logs',
  'shell',
  'exec',
  'doctor',
  'help',
] as const;
export type Verb = (typeof VERBS)[number];

export interface Flags {
  json: boolean;
  debug: boolean;
  detach: boolean;
  yes: boolean;
  follow: boolean;
  progress: boolean;
  help: boolean;
  version: boolean;
  all: boolean;
  /** The lab instance (`--instance`), default "default". */
  instance: string;
}

export interface ParsedArgs {
  verb: Verb;
  positionals: string[];
  flags: Flags;
  /** Everything after `--` (the command of `lab exec`). */
  rest: string[];
}

const options = {
  json: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  detach: { type: 'boolean', short: 'd', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  follow: { type: 'boolean', short: 'f', default: false },
  progress: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
  all: { type: 'boolean', short: 'a', default: false },
  instance: { type: 'string', short: 'i', default: 'default' },
} as const;

const FLAG_NAMES = Object.keys(options).map((name) => `--${name}`);

/** parseArgs' message, said plainly, with the nearest flag when one was misspelt. */
function flagError(error: Error): UsageError {
  const unknown = /Unknown option '([^']+)'/.exec(error.message)?.[1];
  if (unknown) {
    const suggestion = didYouMean(unknown, FLAG_NAMES);
    return new UsageError(
      `unknown option ${unknown}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      'see `pnpm lab help` (a value that starts with - goes after --)',
    );
  }
  const missing = /Option '([^']+)' argument missing/.exec(error.message)?.[1];
  if (missing)
    return new UsageError(`${missing.replace(/^-\w, /, '')} needs a value`, 'e.g. --instance alice');
  return new UsageError(error.message.replace(/^.*?: /, '').replace(/'/g, ''), 'see `pnpm lab help`');
}

/** How many positionals each verb takes: [required, maximum]. */
const ARITY: Record<Verb, [number, number]> = {
  list: [0, 0],
  up: [1, 1],
  down: [1, 1],
  status: [0, 1],
  check: [1, 2],
  hint: [1, 2],
  answer: [3, 3],
  solution: [1, 1],
  solve: [1, 1],
  reset: [1, 1],
  logs: [1, 2],
  shell: [2, 2],
  exec: [2, 2],
  doctor: [0, 1],
  help: [0, 1],
};

const USAGE: Record<Verb, string> = {
  list: 'lab',
  up: 'lab <lab> [--detach] [--instance name]',
  down: 'lab down <lab> [--instance name | --all]',
  status: 'lab status [lab] [--all]',
  check: 'lab check <lab> [objective]',
  hint: 'lab hint <lab> [objective]',
  answer: 'lab answer <lab> <objective> <value>',
  solution: 'lab solution <lab> [--yes]',
  solve: 'lab solve <lab>',
  reset: 'lab reset <lab> [--progress]',
  logs: 'lab logs <lab> [service] [-f]',
  shell: 'lab shell <lab> <service>',
  exec: 'lab exec <lab> <service> -- <command...>',
  doctor: 'lab doctor [lab]',
  help: 'lab help [verb]',
};

export function usageOf(verb: Verb): string {
  return USAGE[verb];
}

export function isVerb(word: string): word is Verb {
  return (VERBS as readonly string[]).includes(word);
}

/** `lab toy-redis` means `lab up toy-redis`; `lab` alone lists the labs. */
export function parseArgv(argv: string[]): ParsedArgs {
  const dashDash = argv.indexOf('--');
  const head = dashDash === -1 ? argv : argv.slice(0, dashDash);
  const rest = dashDash === -1 ? [] : argv.slice(dashDash + 1);
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: head, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw flagError(error as Error);
  }
  const words = parsed.positionals;
  const flags = parsed.values as Flags;
  let verb: Verb;
  let positionals: string[];
  const first = words[0];
  if (first === undefined) {
    verb = flags.help ? 'help' : 'list';
    positionals = [];
  } else if (isVerb(first)) {
    verb = first;
    positionals = words.slice(1);
  } else if (words.length > 1 && didYouMean(first, [...VERBS]) !== undefined) {
    // `lab chekc toy-redis`: a lab name never comes with more words, so this is a misspelt verb.
    throw new UsageError(
      `unknown command '${first}'; did you mean '${didYouMean(first, [...VERBS])}'?`,
      'see `pnpm lab help`',
    );
  } else {
    verb = 'up';
    positionals = words;
  }
  const [required, maximum] = ARITY[verb];
  if (!flags.help && (positionals.length < required || positionals.length > maximum)) {
    throw new UsageError(
      positionals.length < required ? `missing arguments for '${verb}'` : `too many arguments for '${verb}'`,
      `usage: pnpm ${USAGE[verb]}`,
    );
  }
  if (verb === 'exec' && rest.length === 0 && !flags.help) {
    throw new UsageError("'exec' needs a command after --", `usage: pnpm ${USAGE.exec}`);
  }
  return { verb, positionals, flags, rest };
}

export function helpText(): string {
  const width = Math.max(...VERBS.map((v) => USAGE[v].length));
  const describe: Record<Verb, string> = {
    list: 'list the labs',
    up: 'start a lab in the foreground (Ctrl-C tears it down)',
    down: 'stop a lab and remove its containers, networks and volumes',
    status: 'show running labs, their endpoints and progress (--all: every instance)',
    check: 'check the objectives: pass/fail, why, and the next hint',
    hint: 'reveal the next hint of an objective',
    answer: 'record a numeric answer to an objective',
    solution: 'show the walkthrough (asks first)',
    solve: 'apply the reference solution (instructors, self-tests)',
    reset: 'tear down and start again (--progress also clears progress)',
    logs: 'show (or follow) the logs of a service',
    shell: 'open a shell in a service',
    exec: 'run a command in a service',
    doctor: "check this machine (and a lab's own needs) with fixes",
    help: 'show this help',
  };
  const lines = VERBS.map((v) => `  pnpm ${USAGE[v].padEnd(width)}  ${describe[v]}`);
  return [
    'Storylabs: run the system a story describes, then fix it.',
    '',
    'Usage:',
    ...lines,
    '',
    'Options: --instance <name> (run several copies of a lab: every verb takes it; default "default"),',
    '         --json (machine-readable output), --debug (Docker and testcontainers detail), --yes, --detach',
    'Exit codes: 0 ok, 1 a check failed, 2 usage or environment error.',
  ].join('\n');
}
