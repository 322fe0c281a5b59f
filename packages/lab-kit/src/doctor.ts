import { statfsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  connectDocker,
  type Docker,
  dockerHostDescription,
  ryukEnabled,
  START_DOCKER_HINT,
} from './docker.ts';
import { errorMessage } from './errors.ts';
import { buildImage, imageExists, imageTag } from './images.ts';
import { labLabels } from './labels.ts';
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

async function iptablesCheck(docker: Docker, reporter: Reporter): Promise<DoctorCheck> {
  const name = 'iptables in a container';
  try {
    const context = fileURLToPath(new URL('../doctor/', import.meta.url));
    const tag = imageTag('doctor', 'iptables', context, 'Dockerfile');
    if (!(await imageExists(docker, tag))) {
      const phase = reporter.phase('Building the doctor image (once)');
      await buildImage(docker, {
        labId: 'doctor',
        service: 'iptables',
        context,
        dockerfile: 'Dockerfile',
        tag,
      });
      phase.done();
    }
    const api = docker.container.dockerode;
    const container = await api.createContainer({
      Image: tag,
      Cmd: ['iptables', '-t', 'nat', '-L', '-n'],
      Labels: labLabels('doctor', 'doctor'),
      HostConfig: { CapAdd: ['NET_ADMIN'], NetworkMode: 'none' },
    });
    try {
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
      const ok = StatusCode === 0;
      return {
        name,
        ok,
        detail: ok
          ? 'the nat table works (NET_ADMIN)'
          : (logs.trim().split('\n').at(-1) ?? `exit ${StatusCode}`),
        ...(ok
          ? {}
          : { fix: 'load the netfilter modules on the Docker host: `sudo modprobe iptable_nat nf_nat`' }),
      };
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  } catch (error) {
    return {
      name,
      ok: false,
      detail: errorMessage(error).split('\n')[0] ?? '',
      fix: 'see `pnpm lab doctor --debug`',
    };
  }
}

/** Preflight checks with fixes: what `lab doctor` prints. */
export async function runDoctor(reporter: Reporter = silentReporter): Promise<DoctorCheck[]> {
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
    ...(hasBase ? {} : { fix: `docker pull ${base}, or offline: sudo bash scripts/provision.sh base-image` }),
  });
  checks.push({
    name: 'Resource reaper (Ryuk)',
    ok: true,
    detail: ryukEnabled()
      ? 'available: a crashed lab is reaped automatically'
      : 'not available offline; `pnpm lab down <lab>` cleans up by label',
  });
  if (hasBase) checks.push(await iptablesCheck(docker, reporter));
  return checks;
}
