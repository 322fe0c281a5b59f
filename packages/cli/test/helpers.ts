import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDocker, findResources } from '@storylabs/lab-kit';
import { type MainOptions, main } from '../src/main.ts';

export const fixtureLabs = fileURLToPath(new URL('../../lab-kit/test/fixtures/labs/', import.meta.url));
export const starterLabs = fileURLToPath(
  new URL('../../lab-kit/test/fixtures/starter-labs/', import.meta.url),
);
export const brokenLabs = fileURLToPath(new URL('../../lab-kit/test/fixtures/broken-labs/', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/** How many containers, networks and volumes carry the labels of a lab's instance: all zero after `down`. */
export async function leftovers(
  labId: string,
  instance = 'default',
): Promise<{ containers: number; networks: number; volumes: number }> {
  const found = await findResources(await connectDocker(), labId, instance);
  return {
    containers: found.containers.length,
    networks: found.networks.length,
    volumes: found.volumes.length,
  };
}

/** Gives each test file its own state and workspace directories. */
export function isolateState(): void {
  process.env.XDG_STATE_HOME = mkdtempSync(path.join(os.tmpdir(), 'storylabs-cli-state-'));
  process.env.STORYLABS_WORKSPACES = mkdtempSync(path.join(os.tmpdir(), 'storylabs-cli-ws-'));
}

/** Runs the `lab` command in-process, as a user would type it, capturing what it prints. */
export async function lab(
  argv: string[],
  options: Partial<MainOptions> & { env?: Record<string, string>; onOutput?: (all: string) => void } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    labsDir: fixtureLabs,
    signal: new AbortController().signal,
    stdinIsTTY: false,
    ...options,
    io: {
      stdout: {
        write: (s: string) => {
          stdout += s;
          options.onOutput?.(stdout + stderr);
        },
      },
      stderr: {
        write: (s: string) => {
          stderr += s;
          options.onOutput?.(stdout + stderr);
        },
      },
      env: { CI: 'true', ...options.env },
    },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
