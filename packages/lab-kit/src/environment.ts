import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { GenericContainer, Wait, type WaitStrategy } from 'testcontainers';
import { createCheckContext } from './checks.ts';
import { connectDocker, type Docker, removeResources, ryukEnabled } from './docker.ts';
import { EnvironmentError, errorMessage } from './errors.ts';
import { buildImage, imageExists, imageTag } from './images.ts';
import {
  LABEL_INSTANCE,
  LABEL_LAB,
  LABEL_MANAGED,
  LABEL_NETWORK,
  LABEL_SERVICE,
  labLabels,
} from './labels.ts';
import type { Lab, Service } from './manifest.ts';
import type { LabEntry } from './registry.ts';
import { inPhase, type Reporter, silentReporter } from './reporter.ts';

export interface PublishedPort {
  container: number;
  host: number;
  protocol: 'tcp' | 'udp';
  label: string | undefined;
  scheme: string | undefined;
}

export interface RunningService {
  name: string;
  containerId: string;
  containerName: string;
  state: string;
  ports: PublishedPort[];
  /** The service's address on each of the lab's networks, by manifest network name. */
  addresses: Record<string, string>;
}

export interface RunningLab {
  labId: string;
  instanceId: string;
  services: Record<string, RunningService>;
  /** Every declared service exists and runs. */
  complete: boolean;
}

const LOOPBACK = '127.0.0.1';

export function networkName(labId: string, network: string, instanceId: string): string {
  return `storylabs-${labId}-${network}-${instanceId.slice(0, 8)}`;
}

function containerName(labId: string, service: string, instanceId: string): string {
  return `storylabs-${labId}-${service}-${instanceId.slice(0, 8)}`;
}

/** The instance of a lab that Docker holds, found by its labels (there is at most one). */
export async function findInstance(entry: LabEntry, docker?: Docker): Promise<RunningLab | undefined> {
  const client = docker ?? (await connectDocker());
  const api = client.container.dockerode;
  const containers = await api.listContainers({
    all: true,
    filters: { label: [`${LABEL_MANAGED}=true`, `${LABEL_LAB}=${entry.id}`] },
  });
  const first = containers[0];
  if (!first) return undefined;
  const instanceId = first.Labels[LABEL_INSTANCE] ?? '';
  const services: Record<string, RunningService> = {};
  for (const summary of containers.filter((c) => c.Labels[LABEL_INSTANCE] === instanceId)) {
    const name = summary.Labels[LABEL_SERVICE] ?? '';
    const declared = entry.lab.services[name];
    const info = await api
      .getContainer(summary.Id)
      .inspect()
      .catch(() => undefined);
    if (!info) continue;
    const ports: PublishedPort[] = [];
    for (const port of declared?.ports ?? []) {
      const binding = info.NetworkSettings.Ports?.[`${port.container}/${port.protocol}`]?.[0];
      if (binding) {
        ports.push({
          container: port.container,
          host: Number(binding.HostPort),
          protocol: port.protocol,
          label: port.label,
          scheme: port.scheme,
        });
      }
    }
    const addresses: Record<string, string> = {};
    for (const [dockerNetwork, endpoint] of Object.entries(info.NetworkSettings.Networks ?? {})) {
      const manifestName = Object.keys(entry.lab.networks).find(
        (n) => networkName(entry.id, n, instanceId) === dockerNetwork,
      );
      if (manifestName) addresses[manifestName] = endpoint.IPAddress;
    }
    services[name] = {
      name,
      containerId: summary.Id,
      containerName: info.Name.replace(/^\//, ''),
      state: info.State.Status,
      ports,
      addresses,
    };
  }
  const complete = Object.keys(entry.lab.services).every((name) => services[name]?.state === 'running');
  return { labId: entry.id, instanceId, services, complete };
}

/** True when something on this machine already listens on the port. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(false)));
  });
}

function waitStrategy(service: Service): WaitStrategy {
  const wait = service.wait;
  switch (wait.type) {
    case 'ports':
      return Wait.forListeningPorts();
    case 'log':
      return Wait.forLogMessage(wait.message, wait.times);
    case 'http':
      return Wait.forHttp(wait.path, wait.port).forStatusCode(wait.status);
    case 'command':
      return Wait.forSuccessfulCommand(wait.command);
    case 'healthcheck':
      return Wait.forHealthCheck();
  }
}

interface NetworkAttachment {
  dockerName: string;
  ip: string | undefined;
  aliases: string[];
}

/**
 * A container as a lab wants it: ports published on 127.0.0.1 only, and attached to the lab's networks
 * with their fixed addresses (testcontainers' own network options have neither).
 */
class LabContainer extends GenericContainer {
  readonly #attachments: NetworkAttachment[];
  readonly #docker: Docker;

  constructor(image: string, attachments: NetworkAttachment[], docker: Docker) {
    super(image);
    this.#attachments = attachments;
    this.#docker = docker;
    const first = attachments[0];
    if (first) this.withNetworkMode(first.dockerName);
  }

  withSysctls(sysctls: Record<string, string>): this {
    this.hostConfig.Sysctls = { ...this.hostConfig.Sysctls, ...sysctls };
    return this;
  }

  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {}) as { HostIp?: string }[][]) {
      for (const binding of bindings) binding.HostIp = LOOPBACK;
    }
    const first = this.#attachments[0];
    if (first) {
      this.createOpts.NetworkingConfig = {
        EndpointsConfig: {
          [first.dockerName]: {
            Aliases: first.aliases,
            ...(first.ip ? { IPAMConfig: { IPv4Address: first.ip } } : {}),
          },
        },
      };
    }
  }

  protected override async containerCreated(containerId: string): Promise<void> {
    const api = this.#docker.container.dockerode;
    for (const attachment of this.#attachments.slice(1)) {
      await api.getNetwork(attachment.dockerName).connect({
        Container: containerId,
        EndpointConfig: {
          Aliases: attachment.aliases,
          ...(attachment.ip ? { IPAMConfig: { IPv4Address: attachment.ip } } : {}),
        },
      });
    }
  }
}

export interface UpOptions {
  reporter?: Reporter;
  /** Leave the lab running after this process exits (never reaped by Ryuk). */
  detach?: boolean;
  signal?: AbortSignal;
}

export interface UpResult {
  running: RunningLab;
  /** False when the lab was already running and `up` only found it. */
  started: boolean;
}

async function ensureImages(
  docker: Docker,
  entry: LabEntry,
  reporter: Reporter,
): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for (const [name, service] of Object.entries(entry.lab.services)) {
    const context = path.resolve(entry.dir, service.build);
    const tag = imageTag(entry.id, name, context, service.dockerfile);
    tags[name] = tag;
    if (await imageExists(docker, tag)) {
      reporter.debug(`image ${tag} is up to date`);
      continue;
    }
    await inPhase(reporter, `Building image for ${name}`, (phase) =>
      buildImage(docker, {
        labId: entry.id,
        service: name,
        context,
        dockerfile: service.dockerfile,
        tag,
        onLine: (line) => phase.update(line),
      }),
    );
  }
  return tags;
}

async function checkPinnedPorts(lab: Lab): Promise<void> {
  for (const [name, service] of Object.entries(lab.services)) {
    for (const port of service.ports) {
      if (port.host !== undefined && (await portTaken(port.host))) {
        throw new EnvironmentError(
          `port ${port.host} on 127.0.0.1 is taken, and lab '${lab.id}' needs it for ${name}:${port.container}`,
          { hint: `find the program with \`ss -ltnp 'sport = :${port.host}'\`, stop it, and try again` },
        );
      }
    }
  }
}

async function createNetworks(docker: Docker, entry: LabEntry, instanceId: string): Promise<void> {
  const api = docker.container.dockerode;
  for (const [name, network] of Object.entries(entry.lab.networks)) {
    try {
      await api.createNetwork({
        Name: networkName(entry.id, name, instanceId),
        Driver: 'bridge',
        Internal: network.internal,
        CheckDuplicate: true,
        IPAM: {
          Driver: 'default',
          Config: [{ Subnet: network.subnet, ...(network.gateway ? { Gateway: network.gateway } : {}) }],
        },
        Labels: { ...labLabels(entry.id, instanceId), [LABEL_NETWORK]: name },
      });
    } catch (error) {
      const message = errorMessage(error);
      if (/overlap/i.test(message)) {
        throw new EnvironmentError(
          `network '${name}' of lab '${entry.id}' needs subnet ${network.subnet}, which another Docker network already uses`,
          {
            hint: 'see `docker network ls` and `docker network inspect <name>`; remove the other network or stop its lab',
          },
        );
      }
      throw error;
    }
  }
}

async function startService(
  docker: Docker,
  entry: LabEntry,
  instanceId: string,
  name: string,
  service: Service,
  image: string,
  detach: boolean,
): Promise<void> {
  const attachments: NetworkAttachment[] = service.networks.map((n) => ({
    dockerName: networkName(entry.id, n.name, instanceId),
    ip: n.ip,
    aliases: [name, ...n.aliases],
  }));
  const container = new LabContainer(image, attachments, docker)
    .withName(containerName(entry.id, name, instanceId))
    .withLabels({ ...labLabels(entry.id, instanceId), [LABEL_SERVICE]: name })
    .withEnvironment(service.env)
    .withExposedPorts(
      ...service.ports.map((p) =>
        p.host === undefined
          ? { container: p.container, host: 0, protocol: p.protocol }
          : { container: p.container, host: p.host, protocol: p.protocol },
      ),
    )
    .withWaitStrategy(waitStrategy(service))
    .withStartupTimeout(service.startupTimeoutMs)
    .withAutoCleanup(!detach && ryukEnabled());
  if (service.command) container.withCommand(service.command);
  if (service.capabilities.length > 0) container.withAddedCapabilities(...service.capabilities);
  if (Object.keys(service.sysctls).length > 0) container.withSysctls(service.sysctls);
  try {
    await container.start();
  } catch (error) {
    throw new EnvironmentError(
      `service '${name}' of lab '${entry.id}' did not become ready: ${errorMessage(error)}`,
      {
        hint: `see its output with \`pnpm lab logs ${entry.id} ${name}\` (kept until \`pnpm lab down ${entry.id}\`)`,
        cause: error,
      },
    );
  }
}

/**
 * Starts a lab: images (built only when their context changed), networks, containers, readiness waits.
 * If the lab is already running it is returned as it is. If an earlier start was interrupted, its
 * leftovers are removed first. If this start fails or is aborted, everything it created is removed.
 */
export async function up(entry: LabEntry, options: UpOptions = {}): Promise<UpResult> {
  const reporter = options.reporter ?? silentReporter;
  const docker = await connectDocker();
  const existing = await findInstance(entry, docker);
  if (existing?.complete) return { running: existing, started: false };
  if (existing) {
    await inPhase(reporter, 'Removing an unfinished earlier start', () => removeResources(docker, entry.id));
  }
  await checkPinnedPorts(entry.lab);
  const images = await ensureImages(docker, entry, reporter);
  options.signal?.throwIfAborted();

  const instanceId = randomUUID();
  try {
    await inPhase(reporter, 'Creating networks', async () => createNetworks(docker, entry, instanceId));
    options.signal?.throwIfAborted();
    await inPhase(reporter, `Starting ${Object.keys(entry.lab.services).join(', ')}`, async () => {
      await Promise.all(
        Object.entries(entry.lab.services).map(([name, service]) =>
          startService(docker, entry, instanceId, name, service, images[name] ?? '', options.detach ?? false),
        ),
      );
    });
    options.signal?.throwIfAborted();
    const running = await findInstance(entry, docker);
    if (!running?.complete) throw new EnvironmentError(`lab '${entry.id}' stopped while it was starting`);
    for (const hook of entry.lab.setup) {
      const ctx = createCheckContext(entry, running, docker, { debug: (m) => reporter.debug(m) });
      await inPhase(reporter, hook.title, () => hook.run(ctx));
    }
    return { running, started: true };
  } catch (error) {
    await removeResources(docker, entry.id, instanceId).catch(() => undefined);
    throw error;
  }
}

/** Removes every container, network and volume of a lab. Idempotent; bounded in time. */
export async function down(
  labId: string,
  options: { timeoutMs?: number } = {},
): Promise<{ containers: number; networks: number; volumes: number }> {
  const docker = await connectDocker();
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      removeResources(docker, labId),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new EnvironmentError(`tearing down lab '${labId}' took longer than ${timeoutMs / 1000} s`, {
                hint: `run \`pnpm lab down ${labId}\` again, or remove what is left: docker ps -a --filter label=${LABEL_LAB}=${labId}`,
              }),
            ),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
