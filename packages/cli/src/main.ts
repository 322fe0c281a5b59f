import { defaultLabsDir, findLab, LabError, labIds, takeStateWarnings } from '@storylabs/lab-kit';
import { type ParsedArgs, parseArgv } from './args.ts';
import { type Io, Ui } from './ui.ts';
import { helpText, labHelpText } from './verbs/help.ts';
import { verbNamed } from './verbs/index.ts';

export interface MainOptions {
  io?: Io;
  labsDir?: string;
  /** Replaces Ctrl-C/SIGTERM handling (tests abort it themselves). */
  signal?: AbortSignal;
  stdinIsTTY?: boolean;
}

/** Installs Ctrl-C/SIGTERM handling: the first asks the running verb to stop and clean up; later ones say what is happening; the third quits. */
function interruptSignal(io: Io): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (name: NodeJS.Signals) => {
    count++;
    if (count === 1) controller.abort(new Error(name));
    else if (count === 2)
      io.stderr.write(
        '\nStill cleaning up; press Ctrl-C once more to quit now (then run `pnpm lab down <lab>`).\n',
      );
    else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The `lab` command. Returns the exit code: 0 ok, 1 a check failed, 2 usage or environment error. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const io: Io = options.io ?? { stdout: process.stdout, stderr: process.stderr, env: process.env };
  let parsed: ParsedArgs;
  const jsonRequested = argv.includes('--json');
  const debugRequested = argv.includes('--debug');
  let ui = new Ui(io, { json: jsonRequested, debug: debugRequested });
  try {
    parsed = parseArgv(argv);
  } catch (error) {
    return report(ui, error);
  }
  ui = new Ui(io, { json: parsed.flags.json, debug: parsed.flags.debug });
  if (parsed.flags.version) {
    ui.line('storylabs lab 0.1.0');
    return 0;
  }
  if (parsed.flags.help && parsed.verb !== 'help') {
    const labsDir = options.labsDir ?? defaultLabsDir();
    const labName = parsed.positionals[0];
    if (parsed.verb === 'up' && labName !== undefined && labIds(labsDir).includes(labName)) {
      // `pnpm lab toy-redis --help`: how to start that lab, with its starters.
      try {
        ui.line(labHelpText(await findLab(labName, labsDir)));
        return 0;
      } catch (error) {
        return report(ui, error);
      }
    }
    const topic = verbNamed(parsed.verb);
    ui.line(
      topic && parsed.verb !== 'list' ? `usage: pnpm ${topic.usage}\n${topic.description}` : helpText(),
    );
    return 0;
  }
  const verb = verbNamed(parsed.verb);
  if (!verb) return report(ui, new Error(`no verb '${parsed.verb}'`));
  const interrupt = options.signal ? undefined : interruptSignal(io);
  try {
    return await verb.run(parsed, {
      ui,
      labsDir: options.labsDir ?? defaultLabsDir(),
      signal: options.signal ?? (interrupt as { signal: AbortSignal }).signal,
      stdinIsTTY: options.stdinIsTTY ?? Boolean(process.stdin.isTTY),
    });
  } catch (error) {
    return report(ui, error);
  } finally {
    for (const warning of takeStateWarnings()) ui.reporter().warn(warning);
    interrupt?.dispose();
  }
}

function report(ui: Ui, error: unknown): number {
  if (error instanceof LabError) {
    if (ui.json)
      ui.writeJson({ error: { message: error.message, hint: error.hint, exitCode: error.exitCode } });
    else ui.error(error.message, error.hint);
    if (ui.debugEnabled && error.cause instanceof Error) ui.io.stderr.write(`${error.cause.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (ui.json) ui.writeJson({ error: { message, exitCode: 2 } });
  else
    ui.error(
      `unexpected failure: ${message}`,
      ui.debugEnabled ? undefined : 'run again with --debug for details',
    );
  if (ui.debugEnabled && error instanceof Error) ui.io.stderr.write(`${error.stack}\n`);
  return 2;
}
