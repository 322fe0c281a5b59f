/** An error the CLI prints as one line (plus an optional hint), never as a stack trace. */
export class LabError extends Error {
  /** 1: a check failed; 2: usage or environment error. */
  readonly exitCode: 1 | 2;
  readonly hint: string | undefined;
  constructor(message: string, options: { exitCode?: 1 | 2; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LabError';
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint;
  }
}

/** The user asked for something that does not exist or does not make sense. */
export class UsageError extends LabError {
  constructor(message: string, hint?: string) {
    super(message, hint === undefined ? {} : { hint });
    this.name = 'UsageError';
  }
}

/** The machine is not ready: Docker unreachable, a port taken, a build failed. */
export class EnvironmentError extends LabError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'EnvironmentError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
