import type { ParsedArgs } from './args.ts';
import type { Ui } from './ui.ts';

export interface CommandContext {
  ui: Ui;
  /** A folder of lab folders (tests); undefined: the workspace's lab packages. */
  labsDir: string | undefined;
  /** Aborted by Ctrl-C or SIGTERM: a foreground lab then tears itself down. */
  signal: AbortSignal;
  stdinIsTTY: boolean;
}

/** A verb's action: returns the exit code (0 ok, 1 a check failed, 2 usage or environment error). */
export type Command = (args: ParsedArgs, ctx: CommandContext) => Promise<number>;

/** One verb of the `lab` command, defined once: its arguments, usage, help line and action. */
export interface VerbDefinition {
  name: string;
  /** How many positionals it takes: [required, maximum]. */
  arity: [number, number];
  /** Usage after `pnpm `, e.g. "lab check <lab> [objective]". */
  usage: string;
  /** One line for `pnpm lab help`. */
  description: string;
  /** Takes a command after `--` (exec). */
  takesCommand?: boolean;
  run: Command;
}

export function defineVerb(verb: VerbDefinition): VerbDefinition {
  return verb;
}
