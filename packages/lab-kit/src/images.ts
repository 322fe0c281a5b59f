import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Docker } from './docker.ts';
import { EnvironmentError } from './errors.ts';
import { LABEL_LAB, LABEL_MANAGED, LABEL_SERVICE } from './labels.ts';

/** Every file of a build context, relative to it, sorted (hidden files included, like docker build). */
function contextFiles(context: string): string[] {
  const files: string[] = [];
  const visit = (relative: string) => {
    for (const entry of readdirSync(path.join(context, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(child);
      else files.push(child);
    }
  };
  visit('');
  return files.sort();
}

/**
 * The image tag of a service: its content hash, so an unchanged context is never rebuilt (warm start)
 * and any edit to a Dockerfile or config file is.
 */
export function imageTag(labId: string, service: string, context: string, dockerfile: string): string {
  const hash = createHash('sha256');
  hash.update(dockerfile);
  for (const file of contextFiles(context)) {
    const full = path.join(context, file);
    hash.update(`${file}\0${statSync(full).mode & 0o111 ? 'x' : '-'}\0`);
    hash.update(readFileSync(full));
  }
  return `storylabs/${labId}-${service}:${hash.digest('hex').slice(0, 16)}`;
}

export async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.container.dockerode.getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}

interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Builds a service image with the classic builder (it never pulls a base image it has locally, so
 * labs build offline). Build output goes to `onLine`; a failing step fails with its message.
 */
export async function buildImage(
  docker: Docker,
  options: {
    labId: string;
    service: string;
    context: string;
    dockerfile: string;
    tag: string;
    onLine?: (line: string) => void;
  },
): Promise<void> {
  const api = docker.container.dockerode;
  const stream = await api.buildImage(
    { context: options.context, src: contextFiles(options.context) },
    {
      t: options.tag,
      dockerfile: options.dockerfile,
      labels: { [LABEL_MANAGED]: 'true', [LABEL_LAB]: options.labId, [LABEL_SERVICE]: options.service },
      rm: true,
      forcerm: true,
    },
  );
  const lastLines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    api.modem.followProgress(
      stream,
      (error: Error | null, events: BuildEvent[]) => {
        const failed = error?.message ?? events.find((e) => e.error)?.error;
        if (failed) {
          reject(
            new EnvironmentError(`building the '${options.service}' image failed: ${failed.trim()}`, {
              hint: lastLines.length > 0 ? `last build output:\n${lastLines.join('\n')}` : undefined,
            }),
          );
        } else resolve();
      },
      (event: BuildEvent) => {
        for (const line of (event.stream ?? event.status ?? '').split('\n')) {
          if (!line.trim()) continue;
          lastLines.push(line.trimEnd());
          if (lastLines.length > 15) lastLines.shift();
          options.onLine?.(line.trimEnd());
        }
      },
    );
  });
}
