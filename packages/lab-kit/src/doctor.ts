import { statfsSync } from 'node:fs';
import path from 'node:path';
import {
  connectDocker,
  type Docker,
  dockerHostDescription,
  ryukEnabled,
  START_DOCKER_HINT,
} from './docker.ts';
import { demuxText } from './docker-output.ts';
import { errorMessage } from './errors.ts';
import { buildImage, imageExists, imageTag } from './images.ts';
import { labLabels } from './labels.ts';
import type { ExecResult, PreflightContext } from './manifest.ts';
import type { LabEntry } from './registry.ts';
import type { Reporter } from './reporter.ts';
import { silentReporter } from './reporter.ts';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do when it is not ok. */
  fix?: string;
}

const NODE_MINIMUM = [22, 22, 0];
const MIN_FREE_GIB = 5;

function nodeCheck(): DoctorCheck {
  const parts = process.versions.node.split('.').map(Number);
  const ok =
    (parts[0] ?? 0) > (NODE_MINIMUM[0] ?? 0) ||
    ((parts[0] ?? 0) === NODE_MINIMUM[0] && (parts[1] ?? 0) >= (NODE_MINIMUM[1] ?? 0));
  return {
    name: 'Node.js',
    ok,
    detail: `v${process.versions.node}`,
    ...(ok
      ? {}
      : { fix: 'install Node.js 24 LTS (https://nodejs.org), or run `bash scripts/provision.sh node`' }),
  };
}

function diskCheck(): DoctorCheck {
  const stats = statfsSync(process.cwd());
  const freeGiB = (stats.bavail * stats.bsize) / 1024 ** 3;
  const ok = freeGiB >= MIN_FREE_GIB;
  return {
    name: 'Disk space',
    ok,
    detail: `${freeGiB.toFixed(1)} GiB free`,
    ...(ok
      ? {}
      : { fix: `labs need about ${MIN_FREE_GIB} GiB for images; free some space (docker system prune)` }),
  };
}

/** Builds a lab's build context if needed and runs one command in a throwaway container with no network. */
export async function runThrowaway(
  docker: Docker,
  options: {
    labId: string;
    context: string;
    dockerfile?: string;
    command: string[];
    capabilities?: string[];
    sysctls?: Record<string, string>;
    reporter?: Reporter;
  },
): Promise<ExecResult> {
  const dockerfile = options.dockerfile ?? 'Dockerfile';
  const tag = imageTag(options.labId, path.basename(options.context), options.context, dockerfile);
  if (!(await imageExists(docker, tag))) {
    const phase = (options.reporter ?? silentReporter).phase(
      `Building ${path.basename(options.context)} for a preflight check`,
    );
    await buildImage(docker, {
      labId: options.labId,
      service: 'preflight',
      context: options.context,
      dockerfile,
      tag,
    });
    phase.done();
  }
  const api = docker.container.dockerode;
  const container = await api.createContainer({
    Image: tag,
    Cmd: options.command,
    Labels: labLabels(options.labId, 'preflight'),
    HostConfig: {
      CapAdd: options.capabilities ?? [],
      Sysctls: options.sysctls ?? {},
      NetworkMode: 'none',
    },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    return { exitCode: StatusCode, ...demuxText(logs) };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/**
 * A lab's own preflight checks (`preflight` in its manifest), as doctor lines named after the lab.
 * `starter` is the starter the learner works from (see `currentStarter`); checks of a starter's
 * toolchain look at it.
 */
export async function runPreflight(
  entry: LabEntry,
  reporter: Reporter = silentReporter,
  options: { starter?: string | undefined } = {},
): Promise<DoctorCheck[]> {
  if (entry.lab.preflight.length === 0) return [];
  let docker: Docker;
  try {
    docker = await connectDocker();
  } catch (error) {
    return entry.lab.preflight.map((p) => ({
      name: `${entry.id}: ${p.title}`,
      ok: false,
      detail: errorMessage(error),
      fix: START_DOCKER_HINT,
    }));
  }
  const ctx: PreflightContext = {
    labId: entry.id,
    dir: entry.dir,
    starter: options.starter,
    runContainer: (options) =>
      runThrowaway(docker, {
        labId: entry.id,
        context: path.resolve(entry.dir, options.build),
        command: options.command,
        reporter,
        ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}),
        ...(options.capabilities ? { capabilities: options.capabilities } : {}),
        ...(options.sysctls ? { sysctls: options.sysctls } : {}),
      }),
  };
  const checks: DoctorCheck[] = [];
  for (const preflight of entry.lab.preflight) {
    const name = `${entry.id}: ${preflight.title}`;
    try {
      const result = await preflight.run(ctx);
      checks.push({ name, ok: result.ok, detail: result.detail, ...(result.fix ? { fix: result.fix } : {}) });
    } catch (error) {
      checks.push({
        name,
        ok: false,
        detail: errorMessage(error).split('\n')[0] ?? '',
        fix: `see \`pnpm lab doctor ${entry.id} --debug\``,
      });
    }
  }
  return checks;
}

/** Preflight checks with fixes: what `lab doctor` prints. */
export async function runDoctor(): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [nodeCheck(), diskCheck()];
  let docker: Docker;
  try {
    docker = await connectDocker();
  } catch (error) {
    checks.push({ name: 'Docker engine', ok: false, detail: errorMessage(error), fix: START_DOCKER_HINT });
    return checks;
  }
  const version = await docker.container.dockerode.version();
  checks.push({
    name: 'Docker engine',
    ok: true,
    detail: `${version.Version} (API ${version.ApiVersion}) at ${dockerHostDescription()}`,
  });
  const base = 'debian:bookworm-slim';
  const hasBase = await imageExists(docker, base);
  checks.push({
    name: 'Base image',
    ok: hasBase,
    detail: hasBase ? `${base} is present` : `${base} is missing`,
    ...(hasBase ? {} : { fix: `docker pull ${base}, or offline: bash scripts/provision.sh base-image` }),
  });
  checks.push({
    name: 'Resource reaper (Ryuk)',
    ok: true,
    detail: ryukEnabled()
      ? 'available: a crashed lab is reaped automatically'
      : 'not available offline; `pnpm lab down <lab>` cleans up by label',
  });
  return checks;
}
