import { parseArgs } from 'node:util';
import { didYouMean, UsageError } from '@storylabs/lab-kit';
import { VERB_NAMES, verbNamed } from './verbs/index.ts';

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
  /** The starter a new workspace is made from (`--starter`), for labs with several. */
  starter?: string;
  /** `board`: where it listens and keeps its data. */
  host?: string;
  port?: string;
  db?: string;
  /** `join`: who the learner is on the board, and the board's join code. */
  name?: string;
  code?: string;
  /** `compose`: the file to write (.json: JSON, otherwise YAML). */
  output?: string;
}

export interface ParsedArgs {
  /** The verb's name (see verbs/index.ts). */
  verb: string;
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
  starter: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  name: { type: 'string' },
  code: { type: 'string' },
  output: { type: 'string', short: 'o' },
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

export function isVerb(word: string): boolean {
  return VERB_NAMES.includes(word);
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
  let verb: string;
  let positionals: string[];
  const first = words[0];
  if (first === undefined) {
    verb = flags.help ? 'help' : 'list';
    positionals = [];
  } else if (isVerb(first)) {
    verb = first;
    positionals = words.slice(1);
  } else if (words.length > 1 && didYouMean(first, VERB_NAMES) !== undefined) {
    // `lab chekc toy-redis`: a lab name never comes with more words, so this is a misspelt verb.
    throw new UsageError(
      `unknown command '${first}'; did you mean '${didYouMean(first, VERB_NAMES)}'?`,
      'see `pnpm lab help`',
    );
  } else {
    verb = 'up';
    positionals = words;
  }
  const definition = verbNamed(verb);
  if (!definition) throw new UsageError(`unknown command '${verb}'`, 'see `pnpm lab help`');
  const [required, maximum] = definition.arity;
  if (!flags.help && (positionals.length < required || positionals.length > maximum)) {
    throw new UsageError(
      positionals.length < required ? `missing arguments for '${verb}'` : `too many arguments for '${verb}'`,
      `usage: pnpm ${definition.usage}`,
    );
  }
  if (definition.takesCommand && rest.length === 0 && !flags.help) {
    throw new UsageError(`'${verb}' needs a command after --`, `usage: pnpm ${definition.usage}`);
  }
  return { verb, positionals, flags, rest };
}

export { helpText } from './verbs/help.ts';
