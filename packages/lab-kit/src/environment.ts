import { readlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GenericContainer, Wait, type WaitStrategy } from 'testcontainers';
import { connectDocker, type Docker, removeResources, ryukEnabled } from './docker.ts';
import { countInLogs } from './docker-output.ts';
import { endpointHost, hostPort, publishAddress } from './engine.ts';
import { EnvironmentError, errorMessage } from './errors.ts';
import { buildImage, imageExists, imageTag } from './images.ts';
import {
  LABEL_INSTANCE,
  LABEL_LAB,
  LABEL_MANAGED,
  LABEL_NETWORK,
  LABEL_SERVICE,
  LABEL_SLOT,
  LABEL_VOLUME,
  labLabels,
} from './labels.ts';
import { type InstanceLayout, instanceLayout, layoutFits, maxSlot } from './layout.ts';
import type { Lab, Service } from './manifest.ts';
import { portInUse } from './processes.ts';
import type { LabEntry } from './registry.ts';
import { inPhase, type Reporter, silentReporter } from './reporter.ts';
import { clearInstanceFiles, DEFAULT_INSTANCE, processAlive, readSession, sessionAlive } from './state.ts';

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
  /** The instance's name (`--instance`, default "default"). */
  instance: string;
  /** @deprecated the same as `instance`. */
  instanceId: string;
  /** Which address block the instance uses (0: the manifest's own subnets). */
  slot: number;
  layout: InstanceLayout;
  services: Record<string, RunningService>;
  /** Every declared service exists and runs. */
  complete: boolean;
}

function resourceName(labId: string, instance: string, name: string): string {
  return `storylabs-${labId}-${instance}-${name}`;
}

/** The container of a service in one instance (as `pnpm lab up` and an exported Compose file name it). */
export function containerName(labId: string, service: string, instance: string): string {
  return resourceName(labId, instance, service);
}

export function networkName(labId: string, network: string, instance: string): string {
  return resourceName(labId, instance, network);
}

export function volumeName(labId: string, volume: string, instance: string): string {
  return resourceName(labId, instance, volume);
}

/** The names of a lab's instances that Docker holds (running or not). */
export async function listInstances(labId: string, docker?: Docker): Promise<string[]> {
  const api = (docker ?? (await connectDocker())).container.dockerode;
  const filters = { label: [`${LABEL_MANAGED}=true`, `${LABEL_LAB}=${labId}`] };
  const [containers, networks] = await Promise.all([
    api.listContainers({ all: true, filters }),
    api.listNetworks({ filters }),
  ]);
  const names = new Set<string>();
  for (const c of containers) names.add(c.Labels[LABEL_INSTANCE] ?? '');
  for (const n of networks) names.add(n.Labels?.[LABEL_INSTANCE] ?? '');
  names.delete('');
  return [...names].sort();
}

/** One instance of a lab as Docker holds it, found by its labels; undefined when nothing of it exists. */
export async function findInstance(
  entry: LabEntry,
  instance: string = DEFAULT_INSTANCE,
  docker?: Docker,
): Promise<RunningLab | undefined> {
  const client = docker ?? (await connectDocker());
  const api = client.container.dockerode;
  const filters = {
    label: [`${LABEL_MANAGED}=true`, `${LABEL_LAB}=${entry.id}`, `${LABEL_INSTANCE}=${instance}`],
  };
  const [containers, networks] = await Promise.all([
    api.listContainers({ all: true, filters }),
    api.listNetworks({ filters }),
  ]);
  if (containers.length === 0 && networks.length === 0) return undefined;
  const slot = Number(networks[0]?.Labels?.[LABEL_SLOT] ?? containers[0]?.Labels[LABEL_SLOT] ?? 0);
  const layout = instanceLayout(entry.lab, slot);
  const services: Record<string, RunningService> = {};
  for (const summary of containers) {
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
        (n) => networkName(entry.id, n, instance) === dockerNetwork,
      );
      if (manifestName && endpoint.IPAddress) addresses[manifestName] = endpoint.IPAddress;
    }
    // A stopped container has no address; its fixed one (if any) is still where it will be.
    for (const [network, address] of Object.entries(layout.addresses[name] ?? {}))
      addresses[network] ??= address;
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
  return { labId: entry.id, instance, instanceId: instance, slot, layout, services, complete };
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

interface DockerMount {
  Type: 'volume' | 'bind' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
}

/**
 * A container as a lab wants it: ports published on 127.0.0.1 only, attached to the lab's networks
 * with their fixed addresses, and the lab's mounts (testcontainers' own options have none of these).
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

  withMounts(mounts: DockerMount[]): this {
    (this.hostConfig as { Mounts?: DockerMount[] }).Mounts = mounts;
    return this;
  }

  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {}) as { HostIp?: string }[][]) {
      for (const binding of bindings) binding.HostIp = publishAddress();
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
  /** The instance to start (default "default"). */
  instance?: string;
  reporter?: Reporter;
  /** Leave the lab running after this process exits (never reaped by Ryuk). */
  detach?: boolean;
  signal?: AbortSignal;
}

export interface UpResult {
  running: RunningLab;
  /** False when the instance was already running and `up` only found it. */
  started: boolean;
}

/** One image a lab needs: the services built from one build context and Dockerfile. */
export interface LabImage {
  tag: string;
  services: string[];
  context: string;
  dockerfile: string;
}

/**
 * The image each service of a lab runs: the content-hash tag `ensureImages` (and `pnpm lab prepare`)
 * builds. Services with the same build context and Dockerfile share one image.
 */
export function labImages(entry: LabEntry): { tags: Record<string, string>; images: LabImage[] } {
  const tags: Record<string, string> = {};
  const byContext = new Map<string, LabImage>();
  for (const [name, service] of Object.entries(entry.lab.services)) {
    const context = path.resolve(entry.dir, service.build);
    const key = `${context}\0${service.dockerfile}`;
    let image = byContext.get(key);
    if (!image) {
      const base =
        path.basename(context) + (service.dockerfile === 'Dockerfile' ? '' : `-${service.dockerfile}`);
      image = {
        tag: imageTag(entry.id, base.toLowerCase().replace(/[^a-z0-9-]/g, '-'), context, service.dockerfile),
        services: [],
        context,
        dockerfile: service.dockerfile,
      };
      byContext.set(key, image);
    }
    image.services.push(name);
    tags[name] = image.tag;
  }
  return { tags, images: [...byContext.values()] };
}

/** The image of each service, built when missing. Services with the same build context and Dockerfile share one image. */
export async function ensureImages(
  docker: Docker,
  entry: LabEntry,
  reporter: Reporter = silentReporter,
): Promise<Record<string, string>> {
  const { tags, images } = labImages(entry);
  for (const image of images) {
    if (await imageExists(docker, image.tag)) {
      reporter.debug(`image ${image.tag} is up to date`);
      continue;
    }
    await inPhase(reporter, `Building the image of ${image.services.join(', ')}`, (phase) =>
      buildImage(docker, {
        labId: entry.id,
        service: image.services.join(','),
        context: image.context,
        dockerfile: image.dockerfile,
        tag: image.tag,
        onLine: (line) => phase.update(line),
      }),
    );
  }
  return tags;
}

async function checkPinnedPorts(lab: Lab): Promise<void> {
  for (const [name, service] of Object.entries(lab.services)) {
    for (const port of service.ports) {
      if (port.host !== undefined && (await portInUse(port.host))) {
        throw new EnvironmentError(
          `port ${port.host} on 127.0.0.1 is taken, and lab '${lab.id}' needs it for ${name}:${port.container}`,
          { hint: `find the program with \`ss -ltnp 'sport = :${port.host}'\`, stop it, and try again` },
        );
      }
    }
  }
}

/** Every subnet Docker's networks use now. */
async function takenSubnets(docker: Docker): Promise<string[]> {
  const networks = await docker.container.dockerode.listNetworks();
  return networks.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean));
}

function isOverlap(error: unknown): boolean {
  return /overlap|pool/i.test(errorMessage(error));
}

/**
 * Creates the instance's networks in the first address slot that no other Docker network overlaps.
 * Two instances starting at once may pick the same slot; Docker refuses the second, which moves on.
 */
async function createNetworks(docker: Docker, entry: LabEntry, instance: string): Promise<InstanceLayout> {
  const api = docker.container.dockerode;
  const names = Object.keys(entry.lab.networks);
  const last = Math.min(maxSlot(entry.lab), 255);
  if (names.length === 0) return instanceLayout(entry.lab, 0);
  for (let slot = 0; slot <= last; slot++) {
    const layout = instanceLayout(entry.lab, slot);
    if (!layoutFits(layout, await takenSubnets(docker))) continue;
    const created: string[] = [];
    try {
      for (const name of names) {
        const network = entry.lab.networks[name];
        const dockerName = networkName(entry.id, name, instance);
        await api.createNetwork({
          Name: dockerName,
          Driver: 'bridge',
          Internal: network?.internal ?? false,
          CheckDuplicate: true,
          IPAM: {
            Driver: 'default',
            Config: [{ Subnet: layout.subnets[name] ?? '', Gateway: layout.gateways[name] ?? '' }],
          },
          Labels: { ...labLabels(entry.id, instance), [LABEL_NETWORK]: name, [LABEL_SLOT]: String(slot) },
        });
        created.push(dockerName);
      }
      return layout;
    } catch (error) {
      await Promise.all(
        created.map((n) =>
          api
            .getNetwork(n)
            .remove()
            .catch(() => undefined),
        ),
      );
      if (!isOverlap(error)) throw error;
    }
  }
  throw new EnvironmentError(
    `no free address block for another instance of lab '${entry.id}': its subnets overlap other Docker networks in every slot`,
    { hint: 'see `docker network ls`; stop instances you no longer need (`pnpm lab status --all`)' },
  );
}

async function createVolumes(docker: Docker, entry: LabEntry, instance: string): Promise<void> {
  const api = docker.container.dockerode;
  for (const name of Object.keys(entry.lab.volumes)) {
    await api.createVolume({
      Name: volumeName(entry.id, name, instance),
      Labels: { ...labLabels(entry.id, instance), [LABEL_VOLUME]: name },
    });
  }
}

function mountsOf(entry: LabEntry, instance: string, service: Service): DockerMount[] {
  return service.mounts.map((mount): DockerMount => {
    switch (mount.type) {
      case 'volume':
        return {
          Type: 'volume',
          Source: volumeName(entry.id, mount.source, instance),
          Target: mount.target,
          ReadOnly: mount.readOnly,
        };
      case 'tmpfs':
        return { Type: 'tmpfs', Target: mount.target };
      default:
        return {
          Type: 'bind',
          Source: path.resolve(entry.dir, mount.source),
          Target: mount.target,
          ReadOnly: true,
        };
    }
  });
}

async function startService(
  docker: Docker,
  entry: LabEntry,
  instance: string,
  layout: InstanceLayout,
  name: string,
  service: Service,
  image: string,
  detach: boolean,
): Promise<void> {
  const attachments: NetworkAttachment[] = service.networks.map((n) => ({
    dockerName: networkName(entry.id, n.name, instance),
    ip: layout.addresses[name]?.[n.name],
    aliases: [name, ...n.aliases],
  }));
  const container = new LabContainer(image, attachments, docker)
    .withName(containerName(entry.id, name, instance))
    .withLabels({
      ...labLabels(entry.id, instance),
      [LABEL_SERVICE]: name,
      [LABEL_SLOT]: String(layout.slot),
    })
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
  if (service.mounts.length > 0) container.withMounts(mountsOf(entry, instance, service));
  try {
    await container.start();
  } catch (error) {
    throw new EnvironmentError(
      `service '${name}' of lab '${entry.id}' did not become ready: ${errorMessage(error)}`,
      {
        hint: `see its output with \`pnpm lab logs ${entry.id} ${name}${instance === DEFAULT_INSTANCE ? '' : ` --instance ${instance}`}\` (kept until \`pnpm lab down ${entry.id}\`)`,
        cause: error,
      },
    );
  }
}

/** The services in start order, as waves: every service starts after the waves before it are ready. */
export function startWaves(lab: Lab): string[][] {
  const waves: string[][] = [];
  const placed = new Set<string>();
  const remaining = new Set(Object.keys(lab.services));
  while (remaining.size > 0) {
    const wave = [...remaining].filter((name) =>
      (lab.services[name]?.dependsOn ?? []).every((d) => placed.has(d)),
    );
    if (wave.length === 0)
      throw new EnvironmentError(`lab '${lab.id}': dependsOn has a cycle among ${[...remaining].join(', ')}`);
    for (const name of wave) {
      remaining.delete(name);
      placed.add(name);
    }
    waves.push(wave);
  }
  return waves;
}

/**
 * Starts one instance of a lab: images (built only when their context changed), networks in a free
 * address slot, volumes, containers in dependency order with readiness waits, then setup hooks. If the
 * instance is already running it is returned as it is. If an earlier start of it was interrupted, its
 * leftovers are removed first. If this start fails or is aborted, everything it created is removed;
 * other instances are never touched.
 */
export async function up(entry: LabEntry, options: UpOptions = {}): Promise<UpResult> {
  const reporter = options.reporter ?? silentReporter;
  const instance = options.instance ?? DEFAULT_INSTANCE;
  const docker = await connectDocker();
  const existing = await findInstance(entry, instance, docker);
  if (existing?.complete) return { running: existing, started: false };
  if (existing) {
    await inPhase(reporter, 'Removing an unfinished earlier start', () =>
      removeResources(docker, entry.id, instance),
    );
  }
  await checkPinnedPorts(entry.lab);
  const images = await ensureImages(docker, entry, reporter);
  options.signal?.throwIfAborted();

  try {
    const layout = await inPhase(reporter, 'Creating networks', () =>
      createNetworks(docker, entry, instance),
    );
    await createVolumes(docker, entry, instance);
    options.signal?.throwIfAborted();
    for (const wave of startWaves(entry.lab)) {
      await inPhase(reporter, `Starting ${wave.join(', ')}`, async () => {
        await Promise.all(
          wave.map((name) =>
            startService(
              docker,
              entry,
              instance,
              layout,
              name,
              entry.lab.services[name] as Service,
              images[name] ?? '',
              options.detach ?? false,
            ),
          ),
        );
      });
      options.signal?.throwIfAborted();
    }
    const running = await findInstance(entry, instance, docker);
    if (!running?.complete) throw new EnvironmentError(`lab '${entry.id}' stopped while it was starting`);
    await runSetup(entry, running, {
      reporter,
      ...(options.signal ? { signal: options.signal } : {}),
      docker,
    });
    return { running, started: true };
  } catch (error) {
    await removeResources(docker, entry.id, instance).catch(() => undefined);
    throw error;
  }
}

/**
 * Runs the lab's setup hooks on a running instance, in order (`up` does it once every service is
 * ready; `pnpm lab setup` does it for an instance started by `docker compose up`).
 */
export async function runSetup(
  entry: LabEntry,
  running: RunningLab,
  options: { reporter?: Reporter; signal?: AbortSignal; docker?: Docker } = {},
): Promise<void> {
  if (entry.lab.setup.length === 0) return;
  const reporter = options.reporter ?? silentReporter;
  const docker = options.docker ?? (await connectDocker());
  const { createCheckContext } = await import('./checks.ts');
  for (const hook of entry.lab.setup) {
    const ctx = createCheckContext(entry, running, docker, {
      debug: (m) => reporter.debug(m),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await inPhase(reporter, hook.title, () => hook.run(ctx));
  }
}

/** Polls `probe` until it is true, the deadline passes (an error saying `what`), or `signal` aborts. */
async function until(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean>,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new EnvironmentError(`${what} within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(200);
  }
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: endpointHost(), port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until a (re)started service is ready by its manifest's `wait`, checked from outside: the
 * image's health, published ports answering, a log line printed since `since`, an HTTP status, or a
 * command exiting 0.
 */
export async function waitUntilReady(
  docker: Docker,
  entry: LabEntry,
  instance: string,
  name: string,
  since: number,
  signal?: AbortSignal,
): Promise<void> {
  const service = entry.lab.services[name];
  if (!service) throw new EnvironmentError(`lab '${entry.id}' has no service '${name}'`);
  const api = docker.container.dockerode;
  const running = await findInstance(entry, instance, docker);
  const found = running?.services[name];
  if (!found) throw new EnvironmentError(`service '${name}' of lab '${entry.id}' does not exist`);
  const container = api.getContainer(found.containerId);
  const what = `service '${name}' of lab '${entry.id}' did not become ready`;
  const wait = service.wait;
  const timeout = service.startupTimeoutMs;
  switch (wait.type) {
    case 'healthcheck':
      return until(
        what,
        timeout,
        async () => (await container.inspect()).State.Health?.Status === 'healthy',
        signal,
      );
    case 'ports':
      return until(
        what,
        timeout,
        async () =>
          (
            await Promise.all(found.ports.filter((p) => p.protocol === 'tcp').map((p) => tcpOpen(p.host)))
          ).every(Boolean),
        signal,
      );
    case 'http': {
      const port = found.ports.find((p) => p.container === wait.port);
      return until(
        what,
        timeout,
        async () =>
          (
            await fetch(`http://${hostPort(endpointHost(), port?.host ?? 0)}${wait.path}`, {
              signal: AbortSignal.timeout(2000),
            })
          ).status === wait.status,
        signal,
      );
    }
    case 'log':
      return until(
        what,
        timeout,
        async () => {
          const logs = await container.logs({
            stdout: true,
            stderr: true,
            since: Math.floor(since / 1000),
          });
          return countInLogs(logs, wait.message) >= wait.times;
        },
        signal,
      );
    case 'command':
      return until(
        what,
        timeout,
        async () => {
          const { exitCode } = await docker.container.exec(docker.container.getById(found.containerId), [
            'sh',
            '-c',
            wait.command,
          ]);
          return exitCode === 0;
        },
        signal,
      );
  }
}

export interface DownOptions {
  /** The instance to remove (default "default"). */
  instance?: string;
  timeoutMs?: number;
}

/** Stops the host processes a session record lists whose working folder is still the workspace. */
async function stopOrphanedProcesses(labId: string, instance: string): Promise<void> {
  const record = readSession(labId, instance);
  if (!record) return;
  for (const child of record.processes) {
    if (child.pid === undefined || !processAlive(child.pid)) continue;
    let cwd: string | undefined;
    try {
      cwd = readlinkSync(`/proc/${child.pid}/cwd`);
    } catch {
      cwd = undefined;
    }
    // Only a process still running in the lab's workspace is the lab's (a pid can be reused).
    if (record.workspace && cwd !== undefined && path.resolve(cwd) !== path.resolve(record.workspace))
      continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
    }
  }
}

/**
 * Stops the foreground session that owns the instance in another terminal, if any, and waits for it to
 * tear down; returns its pid, or undefined when no other live session owned it.
 */
export async function stopOwningSession(
  labId: string,
  instance: string,
  timeoutMs = 60_000,
): Promise<number | undefined> {
  const record = readSession(labId, instance);
  if (!record || record.pid === process.pid || !sessionAlive(record)) return undefined;
  try {
    process.kill(record.pid, 'SIGTERM');
  } catch {
    return undefined;
  }
  const deadline = Date.now() + timeoutMs;
  while (processAlive(record.pid) && Date.now() < deadline) await sleep(200);
  return record.pid;
}

/**
 * Removes one instance of a lab: its containers, networks, volumes, the learner's programs its session
 * ran on the host, and its session files (progress stays). A foreground session that owns it in another
 * terminal is asked to stop first. Idempotent; bounded in time; other instances are never touched.
 */
export async function down(
  labId: string,
  options: DownOptions = {},
): Promise<{ containers: number; networks: number; volumes: number }> {
  const instance = options.instance ?? DEFAULT_INSTANCE;
  const docker = await connectDocker();
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      (async () => {
        await stopOwningSession(labId, instance, timeoutMs / 2);
        await stopOrphanedProcesses(labId, instance);
        const removed = await removeResources(docker, labId, instance);
        clearInstanceFiles(labId, instance);
        return removed;
      })(),
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
