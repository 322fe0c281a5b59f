// A lab instance as a Compose file: `pnpm lab compose <lab>` writes it, `docker compose up` (or
// docker-compose 1.29) starts it, and `pnpm lab check` finds it by the kit's labels as if `pnpm lab up`
// had started it. A pure function of the manifest and the instance (no Docker, no files), so it is
// unit-tested against the vendored Compose JSON schema (compose-spec/).
import type {
  Network as ComposeNetwork,
  Service as ComposeService,
  ComposeSpecification,
  Volume as ComposeVolume,
  Healthcheck,
} from './compose-spec.ts';
import { containerName, networkName, volumeName } from './environment.ts';
import { LABEL_NETWORK, LABEL_SERVICE, LABEL_SLOT, LABEL_VOLUME, labLabels } from './labels.ts';
import { instanceLayout } from './layout.ts';
import type { Lab, Service } from './manifest.ts';

export type { ComposeSpecification } from './compose-spec.ts';

export interface ComposeExportOptions {
  /** The instance's name (`--instance`). */
  instance: string;
  /** Its address block (slot k: every subnet shifted by k sizes); see layout.ts. */
  slot: number;
  /** The image tag of each service, as `pnpm lab prepare` builds them (`labImages(entry).tags`). */
  images: Record<string, string>;
  /** The lab's directory (absolute): read-only bind mounts name files in it. */
  labDir: string;
  /** Where ports are published; default 127.0.0.1, as `pnpm lab up` does. */
  bindAddress?: string;
}

/** The Compose project name of an instance (`docker compose -p <it>`), the prefix of its resources' names. */
export function composeProjectName(labId: string, instance: string): string {
  return `storylabs-${labId}-${instance}`;
}

/** How often a health check runs; `retries` stretches it to the service's startup timeout. */
const HEALTH_INTERVAL_S = 2;

/**
 * The manifest's `wait` as a Compose health check, run inside the container with what every image of
 * ours has (Debian's sh, grep and bash). Undefined when it cannot be said that way (a log line is
 * outside the container's sight; `healthcheck` is the image's own).
 */
export function healthcheckOf(service: Service): Healthcheck | undefined {
  const wait = service.wait;
  const timing = {
    interval: `${HEALTH_INTERVAL_S}s`,
    timeout: '5s',
    retries: Math.max(1, Math.ceil(service.startupTimeoutMs / 1000 / HEALTH_INTERVAL_S)),
  };
  switch (wait.type) {
    case 'ports': {
      // What testcontainers' "listening ports" wait checks inside the container: a listening socket
      // (state 0A) on each TCP port, in /proc/net/tcp or tcp6.
      const tcp = service.ports.filter((p) => p.protocol === 'tcp');
      if (tcp.length === 0) return undefined;
      const probes = tcp.map(
        (p) =>
          `grep -qiE '^ *[0-9]+: [0-9a-f]+:${p.container.toString(16).toUpperCase().padStart(4, '0')} [0-9a-f]+:[0-9a-f]+ 0A' /proc/net/tcp /proc/net/tcp6`,
      );
      return { test: ['CMD-SHELL', probes.join(' && ')], ...timing };
    }
    case 'http': {
      const request = `GET ${wait.path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n`;
      return {
        test: [
          'CMD',
          'bash',
          '-c',
          `exec 3<>/dev/tcp/127.0.0.1/${wait.port} && printf '${request}' >&3 && head -n 1 <&3 | grep -q ' ${wait.status} '`,
        ],
        ...timing,
      };
    }
    case 'command':
      // testcontainers runs it as `sh -c <command>`; CMD-SHELL is /bin/sh -c as well.
      return { test: ['CMD-SHELL', wait.command], ...timing };
    default:
      return undefined;
  }
}

/** Compose reads `$NAME` in every value as a variable: a literal dollar is written `$$`. */
function escapeDollars<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$') as T;
  if (Array.isArray(value)) return value.map(escapeDollars) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)])) as T;
  return value;
}

/**
 * One instance of a lab as a Compose file: the kit's images (by tag, no build contexts), container,
 * network and volume names and labels exactly as `pnpm lab up` makes them (so `check`, `status` and
 * `down` find them), the instance's subnets and fixed addresses, volumes, mounts, env, command,
 * capabilities, sysctls, ports on 127.0.0.1, and dependsOn with the readiness `wait` as health checks
 * where Compose can express it.
 */
export function composeProject(lab: Lab, options: ComposeExportOptions): ComposeSpecification {
  const { instance, slot } = options;
  const bind = options.bindAddress ?? '127.0.0.1';
  const layout = instanceLayout(lab, slot);
  const labels = labLabels(lab.id, instance);
  const notes: string[] = [];

  const healthchecks: Record<string, Healthcheck | undefined> = {};
  for (const [name, service] of Object.entries(lab.services)) {
    healthchecks[name] = healthcheckOf(service);
    if (service.wait.type === 'log')
      notes.push(
        `${name}: ready when it prints '${service.wait.message}'; Compose cannot wait for a log line, so services that depend on it start once it has started`,
      );
  }
  const healthy = (name: string) =>
    healthchecks[name] !== undefined || lab.services[name]?.wait.type === 'healthcheck';

  const services: Record<string, ComposeService> = {};
  for (const [name, service] of Object.entries(lab.services)) {
    const image = options.images[name];
    if (!image) throw new RangeError(`no image tag for service '${name}' of lab '${lab.id}'`);
    const out: ComposeService = {
      image,
      container_name: containerName(lab.id, name, instance),
      labels: { ...labels, [LABEL_SERVICE]: name, [LABEL_SLOT]: String(slot) },
    };
    if (service.command) out.command = service.command;
    if (Object.keys(service.env).length > 0) out.environment = service.env;
    if (service.capabilities.length > 0) out.cap_add = service.capabilities;
    if (Object.keys(service.sysctls).length > 0) out.sysctls = service.sysctls;
    if (service.ports.length > 0) {
      out.ports = service.ports.map((p) => `${bind}:${p.host ?? ''}:${p.container}/${p.protocol}`);
    }
    if (service.networks.length > 0) {
      const networks: Record<string, { aliases?: string[]; ipv4_address?: string }> = {};
      for (const attachment of service.networks) {
        const ip = layout.addresses[name]?.[attachment.name];
        networks[attachment.name] = {
          aliases: [...new Set([name, ...attachment.aliases])],
          ...(ip ? { ipv4_address: ip } : {}),
        };
      }
      out.networks = networks;
    } else {
      // `pnpm lab up` leaves such a service on Docker's default bridge, not on a project network.
      out.network_mode = 'bridge';
    }
    if (service.mounts.length > 0) {
      out.volumes = service.mounts.map((mount) => {
        switch (mount.type) {
          case 'volume':
            return {
              type: 'volume' as const,
              source: mount.source,
              target: mount.target,
              ...(mount.readOnly ? { read_only: true } : {}),
            };
          case 'tmpfs':
            return { type: 'tmpfs' as const, target: mount.target };
          default:
            return {
              type: 'bind' as const,
              source: `${options.labDir.replace(/\/+$/, '')}/${mount.source.replace(/^\.\//, '')}`,
              target: mount.target,
              read_only: true,
            };
        }
      });
    }
    if (service.dependsOn.length > 0) {
      out.depends_on = Object.fromEntries(
        service.dependsOn.map((dependency) => [
          dependency,
          { condition: healthy(dependency) ? ('service_healthy' as const) : ('service_started' as const) },
        ]),
      );
    }
    const healthcheck = healthchecks[name];
    if (healthcheck) out.healthcheck = healthcheck;
    services[name] = out;
  }

  const networks: Record<string, ComposeNetwork> = {};
  for (const [name, network] of Object.entries(lab.networks)) {
    networks[name] = {
      name: networkName(lab.id, name, instance),
      driver: 'bridge',
      ...(network.internal ? { internal: true } : {}),
      ipam: {
        driver: 'default',
        config: [{ subnet: layout.subnets[name] ?? '', gateway: layout.gateways[name] ?? '' }],
      },
      labels: { ...labels, [LABEL_NETWORK]: name, [LABEL_SLOT]: String(slot) },
    };
  }
  const volumes: Record<string, ComposeVolume> = {};
  for (const name of Object.keys(lab.volumes)) {
    volumes[name] = {
      name: volumeName(lab.id, name, instance),
      labels: { ...labels, [LABEL_VOLUME]: name },
    };
  }

  if (lab.setup.length > 0)
    notes.push(
      `the lab's setup (${lab.setup.map((h) => h.title).join('; ')}) runs with \`pnpm lab setup ${lab.id}${instance === 'default' ? '' : ` --instance ${instance}`}\` once every service is up`,
    );
  if (Object.keys(lab.processes).length > 0)
    notes.push(
      `the learner's own programs (${Object.keys(lab.processes).join(', ')}) run on the host from the workspace, not in Compose: start them with \`pnpm lab ${lab.id}\``,
    );

  const file: ComposeSpecification = {
    services,
    ...(Object.keys(networks).length > 0 ? { networks } : {}),
    ...(Object.keys(volumes).length > 0 ? { volumes } : {}),
    'x-storylabs': {
      lab: lab.id,
      instance,
      slot,
      project: composeProjectName(lab.id, instance),
      images:
        'built by `pnpm lab prepare` (or loaded with `pnpm lab load`): the tags are content hashes of the build contexts',
      ...(notes.length > 0 ? { notes } : {}),
    },
  };
  return escapeDollars(file);
}

/** The header comment of an exported YAML file: what it is, which images it needs, how to run it. */
export function composeHeader(lab: Lab, options: ComposeExportOptions): string[] {
  const project = composeProjectName(lab.id, options.instance);
  const flag = options.instance === 'default' ? '' : ` --instance ${options.instance}`;
  return [
    `Lab '${lab.id}' (${lab.title}), instance '${options.instance}', address slot ${options.slot}: written by \`pnpm lab compose ${lab.id}${flag}\`.`,
    'The images are the ones the kit builds (`pnpm lab prepare <lab>`, or `pnpm lab load <bundle>` offline),',
    'tagged by a hash of each build context: there are no build contexts here, and nothing is pulled.',
    `Run it:   docker compose -p ${project} -f <this file> up -d      (docker-compose 1.29 works too)`,
    `Check it: pnpm lab check ${lab.id}${flag}       (the kit finds the containers by their dev.storylabs.* labels)`,
    `Stop it:  docker compose -p ${project} -f <this file> down -v   (or pnpm lab down ${lab.id}${flag})`,
    'Ports are published on 127.0.0.1 only; read-only bind mounts name files of this checkout of the lab.',
  ];
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9._/-]*$/;
const RESERVED = /^(y|n|yes|no|true|false|on|off|null)$/i;

function yamlKey(key: string): string {
  return PLAIN_KEY.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key);
}

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value) && value.length === 0) return '[]';
  return '{}';
}

function isNested(value: unknown): value is object {
  return (
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0)
  );
}

function yamlLines(value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isNested(item)) return [`${pad}- ${yamlScalar(item)}`];
      const [first = '', ...rest] = yamlLines(item, indent + 2);
      return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
    });
  }
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .flatMap(([key, v]) =>
      isNested(v)
        ? [`${pad}${yamlKey(key)}:`, ...yamlLines(v, indent + 2)]
        : [`${pad}${yamlKey(key)}: ${yamlScalar(v)}`],
    );
}

/**
 * A Compose file as YAML (block style; every string double-quoted, which YAML reads as JSON reads it),
 * after `header` as comment lines.
 */
export function toYaml(file: ComposeSpecification, header: string[] = []): string {
  return `${[...header.map((line) => `# ${line}`.trimEnd()), ...yamlLines(file, 0)].join('\n')}\n`;
}
