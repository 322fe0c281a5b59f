import { styleText } from 'node:util';
import type { Phase, Reporter } from '@storylabs/lab-kit';

export interface Io {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

export interface UiOptions {
  json: boolean;
  debug: boolean;
}

type Style = Parameters<typeof styleText>[0];

/**
 * How the CLI talks to people: live phases that collapse on success on a TTY; plain lines when output
 * is not a TTY, under CI, or with NO_COLOR; nothing but JSON on stdout with --json.
 */
export class Ui {
  readonly io: Io;
  readonly json: boolean;
  readonly debugEnabled: boolean;
  readonly live: boolean;
  readonly color: boolean;

  constructor(io: Io, options: UiOptions) {
    this.io = io;
    this.json = options.json;
    this.debugEnabled = options.debug;
    const plain = Boolean(io.env.CI) || io.env.NO_COLOR !== undefined || io.env.TERM === 'dumb';
    this.color = Boolean(io.stderr.isTTY) && !plain;
    this.live = this.color && !options.debug;
  }

  style(format: Style, text: string): string {
    return this.color ? styleText(format, text) : text;
  }

  /** Human output goes to stdout, or to stderr when stdout carries JSON. */
  line(text = ''): void {
    (this.json ? this.io.stderr : this.io.stdout).write(`${text}\n`);
  }

  error(message: string, hint?: string): void {
    this.io.stderr.write(`${this.style(['red', 'bold'], 'error:')} ${message}\n`);
    if (hint) this.io.stderr.write(`${hint.replace(/^/gm, '  ')}\n`);
  }

  writeJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  reporter(): Reporter {
    return {
      phase: (title) => this.#phase(title),
      info: (message) => this.line(message),
      warn: (message) => this.io.stderr.write(`${this.style('yellow', 'warning:')} ${message}\n`),
      debug: (message) => {
        if (this.debugEnabled) this.io.stderr.write(`${this.style('dim', `debug: ${message}`)}\n`);
      },
    };
  }

  #phase(title: string): Phase {
    const out = this.io.stderr;
    if (!this.live) {
      out.write(`- ${title} ...\n`);
      return {
        update: (line) => {
          if (this.debugEnabled) out.write(`  ${line}\n`);
        },
        done: (summary) => out.write(`  ${title}: done${summary ? ` (${summary})` : ''}\n`),
        fail: (message) => out.write(`  ${title}: failed${message ? `: ${message.split('\n')[0]}` : ''}\n`),
      };
    }
    const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    let frame = 0;
    let detail = '';
    const width = () => (out as { columns?: number }).columns ?? 80;
    const render = () => {
      const text = `${frames[frame % frames.length]} ${title}${detail ? this.style('dim', ` ${detail}`) : ''}`;
      out.write(`\r\x1b[2K${text.slice(0, width() + 20)}`);
    };
    const timer = setInterval(() => {
      frame++;
      render();
    }, 80);
    render();
    const finish = (symbol: string, text: string) => {
      clearInterval(timer);
      out.write(`\r\x1b[2K${symbol} ${text}\n`);
    };
    return {
      update: (line) => {
        detail = line.trim().slice(0, 60);
      },
      done: (summary) =>
        finish(this.style('green', '✔'), `${title}${summary ? this.style('dim', ` (${summary})`) : ''}`),
      fail: (message) =>
        finish(this.style('red', '✖'), `${title}${message ? `: ${message.split('\n')[0]}` : ''}`),
    };
  }
}
