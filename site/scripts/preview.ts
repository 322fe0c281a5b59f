// Serves site/dist with `astro preview` on 127.0.0.1, as a reader's browser meets it.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const siteDir = fileURLToPath(new URL('..', import.meta.url));

export interface Preview {
  /** The site's root URL, base included, with a trailing slash. */
  url: string;
  stop(): Promise<void>;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Starts `astro preview` (it moves on from a busy port) and waits until it serves. Astro runs one
 * preview per project: when one is already running, for instance a developer's, the tests use it
 * and leave it running.
 */
export async function startPreview(): Promise<Preview> {
  const child = spawn(
    path.join(siteDir, 'node_modules', '.bin', 'astro'),
    ['preview', '--host', '127.0.0.1', '--port', '4321'],
    {
      cwd: siteDir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const base = (process.env.SITE_BASE ?? '/').replace(/^\/?/, '/').replace(/\/?$/, '/');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `astro preview did not start within 120 s (a busy machine starts it slowly; this is the limit):\n${output}`,
          ),
        ),
      120_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Local\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].endsWith('/') ? match[1] : `${match[1]}/`);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const running = /already running[\s\S]*?URL:\s*(http:\/\/\S+)/.exec(output)?.[1];
      if (running) resolve(`${running.replace(/\/$/, '')}${base}`);
      else reject(new Error(`astro preview exited (${code}):\n${output}`));
    });
  });
  const response = await fetch(url);
  if (!response.ok) {
    await stopProcess(child);
    throw new Error(
      `astro preview answered ${response.status} at ${url}${child.exitCode === null ? '' : ' (a preview that was already running: was it started with another SITE_BASE?)'}`,
    );
  }
  return { url, stop: () => stopProcess(child) };
}
