import { type ContainerRuntimeClient, getContainerRuntimeClient } from 'testcontainers';
import { EnvironmentError, errorMessage } from './errors.ts';
import { LABEL_INSTANCE, LABEL_LAB, LABEL_MANAGED } from './labels.ts';

export type Docker = ContainerRuntimeClient;
export type Dockerode = ContainerRuntimeClient['container']['dockerode'];

const RYUK_IMAGE_PREFIX = 'testcontainers/ryuk';
const CONNECT_TIMEOUT_MS = 15_000;

export function dockerHostDescription(): string {
  return process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'unix:///var/run/docker.sock';
}

export const START_DOCKER_HINT =
  'start Docker (Docker Desktop; or `sudo systemctl start docker`; or `bash scripts/provision.sh docker`), ' +
  'or point DOCKER_HOST at your engine (Podman/Colima)';

function unreachable(cause: unknown): EnvironmentError {
  const reason = errorMessage(cause).split('\n')[0];
  return new EnvironmentError(`Docker is not reachable at ${dockerHostDescription()} (${reason})`, {
    hint: START_DOCKER_HINT,
    cause,
  });
}

let connected: Promise<Docker> | undefined;

/**
 * Connects to the Docker engine, or fails fast with one line naming DOCKER_HOST and how to start Docker.
 * Ryuk (testcontainers' reaper) is used only when its image is already present: it cannot be pulled
 * without a registry, and cleanup never depends on it anyway (everything is labelled).
 */
export function connectDocker(): Promise<Docker> {
  // Lab ports are published on 127.0.0.1 only, so that is where they are reached. Left to itself,
  // testcontainers running inside a container (a /.dockerenv exists, as in CI sandboxes and dev
  // containers sharing the engine's network) would use the bridge gateway, where nothing listens.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  connected ??= (async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
        CONNECT_TIMEOUT_MS,
      );
    });
    try {
      const docker = await Promise.race([getContainerRuntimeClient(), timeout]);
      // testcontainers falls back to the default socket when DOCKER_HOST does not answer; a user who set
      // DOCKER_HOST means that engine, so the fallback would silently use another one.
      const wanted = process.env.DOCKER_HOST;
      const modem = docker.container.dockerode.modem as { socketPath?: string; host?: string };
      if (wanted && !wanted.includes(modem.socketPath ?? modem.host ?? '\0')) {
        throw new Error('that engine does not answer');
      }
      await Promise.race([docker.container.dockerode.ping(), timeout]);
      if (process.env.TESTCONTAINERS_RYUK_DISABLED === undefined) {
        const images = await docker.container.dockerode.listImages({
          filters: { reference: [`${RYUK_IMAGE_PREFIX}*`] },
        });
        if (images.length === 0) process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
      }
      return docker;
    } catch (error) {
      connected = undefined;
      throw unreachable(error);
    } finally {
      clearTimeout(timer);
    }
  })();
  return connected;
}

export function ryukEnabled(): boolean {
  return process.env.TESTCONTAINERS_RYUK_DISABLED !== 'true';
}

export interface LabResources {
  containers: { id: string; name: string; labId: string; instanceId: string; state: string }[];
  networks: { id: string; name: string; labId: string; instanceId: string }[];
  volumes: { name: string; labId: string; instanceId: string }[];
}

function labelFilter(labId?: string, instanceId?: string): string[] {
  const filter = [`${LABEL_MANAGED}=true`];
  if (labId) filter.push(`${LABEL_LAB}=${labId}`);
  if (instanceId) filter.push(`${LABEL_INSTANCE}=${instanceId}`);
  return filter;
}

/** Everything Docker holds with the kit's labels (optionally of one lab or instance). */
export async function findResources(
  docker: Docker,
  labId?: string,
  instanceId?: string,
): Promise<LabResources> {
  const api = docker.container.dockerode;
  const filters = { label: labelFilter(labId, instanceId) };
  const [containers, networks, volumes] = await Promise.all([
    api.listContainers({ all: true, filters }),
    api.listNetworks({ filters }),
    api.listVolumes({ filters }),
  ]);
  return {
    containers: containers.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      labId: c.Labels[LABEL_LAB] ?? '',
      instanceId: c.Labels[LABEL_INSTANCE] ?? '',
      state: c.State,
    })),
    networks: networks.map((n) => ({
      id: n.Id,
      name: n.Name,
      labId: n.Labels?.[LABEL_LAB] ?? '',
      instanceId: n.Labels?.[LABEL_INSTANCE] ?? '',
    })),
    volumes: (volumes.Volumes ?? []).map((v) => ({
      name: v.Name,
      labId: v.Labels?.[LABEL_LAB] ?? '',
      instanceId: v.Labels?.[LABEL_INSTANCE] ?? '',
    })),
  };
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: number }).statusCode === 404;
}

/**
 * Removes every labelled container, network and volume (of one lab or instance). Idempotent, and
 * safe to run while another teardown of the same lab runs: "not found" counts as removed.
 */
export async function removeResources(
  docker: Docker,
  labId?: string,
  instanceId?: string,
): Promise<{ containers: number; networks: number; volumes: number }> {
  const api = docker.container.dockerode;
  const found = await findResources(docker, labId, instanceId);
  const tolerate = (error: unknown) => {
    if (!isNotFound(error) && !/already in progress|no such/i.test(errorMessage(error))) throw error;
  };
  await Promise.all(
    found.containers.map((c) => api.getContainer(c.id).remove({ force: true, v: true }).catch(tolerate)),
  );
  await Promise.all(found.networks.map((n) => api.getNetwork(n.id).remove().catch(tolerate)));
  await Promise.all(found.volumes.map((v) => api.getVolume(v.name).remove({ force: true }).catch(tolerate)));
  return {
    containers: found.containers.length,
    networks: found.networks.length,
    volumes: found.volumes.length,
  };
}
