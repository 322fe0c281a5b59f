// Where a lab's published ports are, seen from the machine that runs `pnpm lab`. Docker publishes a
// port on the machine its engine runs on: this machine for a local socket, another one when DOCKER_HOST
// names a remote engine (ssh://, tcp://). Pure functions of the environment, unit-tested.

type Env = Record<string, string | undefined>;

const LOOPBACK = '127.0.0.1';

/**
 * The host of the engine DOCKER_HOST names, or undefined for a local one (unset, unix://, npipe://, or
 * a tcp/ssh address on this machine's loopback).
 */
export function remoteEngineHost(env: Env = process.env): string | undefined {
  const value = env.DOCKER_HOST?.trim();
  if (!value || /^(unix|npipe|fd):/i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `tcp://${value}`);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host || host === 'localhost' || host === '::1' || /^127\./.test(host)) return undefined;
  return host;
}

/**
 * The interface ports are published on where the engine runs: 127.0.0.1 (only that machine reaches
 * them) unless STORYLABS_PUBLISH_ADDRESS names another, e.g. 0.0.0.0 on a remote engine whose learners
 * connect over the room's network.
 */
export function publishAddress(env: Env = process.env): string {
  return env.STORYLABS_PUBLISH_ADDRESS?.trim() || LOOPBACK;
}

/**
 * The host to reach published ports at from here: STORYLABS_ENDPOINT_HOST when set (the name learners
 * use for the engine's machine), else the remote engine's host,
 * else 127.0.0.1.
 */
export function endpointHost(env: Env = process.env): string {
  const explicit = env.STORYLABS_ENDPOINT_HOST?.trim();
  if (explicit) return explicit;
  return remoteEngineHost(env) ?? LOOPBACK;
}

/** `host:port` for a URL or a message (IPv6 literals in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A sentence when ports will not be reachable from here: a remote engine publishing on its loopback. */
export function endpointWarning(env: Env = process.env): string | undefined {
  const remote = remoteEngineHost(env);
  if (!remote || env.STORYLABS_ENDPOINT_HOST?.trim()) return undefined;
  if (publishAddress(env) !== LOOPBACK) return undefined;
  return `the Docker engine runs on ${remote} (DOCKER_HOST), and lab ports are published on its 127.0.0.1 only: this machine cannot reach them. Set STORYLABS_PUBLISH_ADDRESS to an address of ${remote} this machine reaches, or 0.0.0.0 (then anyone who reaches ${remote} reaches the lab; see docs/workshops.md)`;
}
