// The lab manifest: the single source of truth for a lab, read by the CLI, the runtime, the self-tests
// and the site. This module is deliberately light (zod only) so the site can import manifests.
import { z } from 'zod';
import { contains, defaultGateway, overlaps, parseCidr, parseIpv4, size, subnetProblem } from './layout.ts';

export { AnswerError, formatAnswer, parseAnswer, type Tolerance, withinTolerance } from './answers.ts';
export { fillTemplate } from './layout.ts';

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter');

const ipv4Cidr = z.string().superRefine((text, ctx) => {
  const problem = subnetProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const ipv4 = z
  .string()
  .refine((text) => parseIpv4(text) !== undefined, 'must be an IPv4 address (four numbers from 0 to 255)');

/** What a check reports. `reason` is written for the learner: what was observed and why it is not right. */
export type CheckResult = { ok: true; detail?: string } | { ok: false; reason: string; detail?: string };

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Endpoint {
  /**
   * Where the published port is reached: 127.0.0.1 for a local engine (lab ports are published on
   * loopback only), the engine's host when DOCKER_HOST names a remote one (see engine.ts).
   */
  host: string;
  port: number;
}

export interface ExecOptions {
  user?: string;
  env?: Record<string, string>;
  /** Kill the command after this long (it then fails with exit code 124 and says so on stderr). */
  timeoutMs?: number;
  /** Kill the command when this aborts. Default: the check's own signal. */
  signal?: AbortSignal;
}

/** Small JSON data kept per instance, e.g. figures a setup hook records for a later check. */
export interface InstanceStore {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** What a check can see of the running lab. Checks observe behaviour from outside. */
export interface CheckContext {
  labId: string;
  /** The instance's name (`--instance`, default "default"). */
  instance: string;
  /** @deprecated the same as `instance`. */
  instanceId: string;
  /** The host endpoint a service's container port is published on. */
  endpoint(service: string, containerPort: number): Endpoint;
  /** Runs a command inside a service's container; killed when its time is up or the check is aborted. */
  exec(service: string, command: string[], options?: ExecOptions): Promise<ExecResult>;
  /** The service's address on one of the lab's networks, in this instance. */
  address(service: string, network: string): string;
  /** A network's subnet in this instance, e.g. "10.231.8.0/24". */
  subnet(network: string): string;
  /** A network's gateway address in this instance (Docker's bridge on that network). */
  gateway(network: string): string;
  /** Stops a service's container (fault injection). Use `start` to bring it back. */
  stop(service: string): Promise<void>;
  /** Starts a stopped service again and waits until it is ready, as at `up`. */
  start(service: string): Promise<void>;
  restart(service: string): Promise<void>;
  store: InstanceStore;
  /** The learner's working copy of the starter, when the lab has one. */
  workspace: string | undefined;
  /** The answer the learner recorded for an objective with `pnpm lab answer`, if any. */
  answer(objectiveId: string): string | undefined;
  /** Aborted when the objective's time limit passes; long checks should pass it on. */
  signal: AbortSignal;
  /** Detail shown with --debug. */
  debug(message: string): void;
}

export type Check = (ctx: CheckContext) => Promise<CheckResult>;

/** What a preflight check may do: run a throwaway container of one of the lab's build contexts. */
export interface PreflightContext {
  labId: string;
  /** The lab's directory. */
  dir: string;
  /**
   * The starter the learner works from (see `starters`): the one `--starter` chose, else the one their
   * workspace was made from, else the default; undefined for a lab without starters. A check for a
   * starter's toolchain (e.g. a compiler) passes when another starter is in use.
   */
  starter: string | undefined;
  /** Builds `build` (relative to the lab's directory) if needed and runs `command` in a container with no network. */
  runContainer(options: {
    build: string;
    dockerfile?: string;
    command: string[];
    capabilities?: string[];
    sysctls?: Record<string, string>;
  }): Promise<ExecResult>;
}

export interface PreflightResult {
  ok: boolean;
  /** What was found, e.g. "the nat table works". */
  detail: string;
  /** What to do when it is not ok. */
  fix?: string;
}

const fn = <T>() => z.custom<T>((value) => typeof value === 'function', { message: 'must be a function' });

const portSchema = z.object({
  container: z.number().int().min(1).max(65535),
  /** A fixed host port; by default a free one is chosen. Always bound to 127.0.0.1. */
  host: z.number().int().min(1).max(65535).optional(),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  /** How the briefing names it, e.g. "HTTP API". */
  label: z.string().optional(),
  /** Prints as a URL in the briefing, e.g. "http". */
  scheme: z.string().optional(),
});

/** When a service counts as ready (and the services that depend on it may start). */
const waitSchema = z.discriminatedUnion('type', [
  /** Every published port accepts connections. */
  z.object({ type: z.literal('ports') }),
  /** The container printed `message` (a substring) `times` times. */
  z.object({ type: z.literal('log'), message: z.string(), times: z.number().int().positive().default(1) }),
  /** GET `path` on the published container `port` answers `status`. */
  z.object({
    type: z.literal('http'),
    path: z.string(),
    port: z.number().int(),
    status: z.number().int().default(200),
  }),
  /** A shell command inside the container exits 0. */
  z.object({ type: z.literal('command'), command: z.string() }),
  /** The image's HEALTHCHECK reports healthy. */
  z.object({ type: z.literal('healthcheck') }),
]);

/** A file system a service sees. */
const mountSchema = z.discriminatedUnion('type', [
  /** A named volume of the lab (declared under `volumes`), one per instance, shared by every service that mounts it. */
  z.object({
    type: z.literal('volume'),
    source: id,
    target: z.string().startsWith('/'),
    readOnly: z.boolean().default(false),
  }),
  /** A RAM-backed directory, empty at every start. */
  z.object({ type: z.literal('tmpfs'), target: z.string().startsWith('/') }),
  /** A file or folder of the lab itself (relative to the lab's directory), mounted read-only. */
  z.object({ type: z.literal('bind'), source: z.string().min(1), target: z.string().startsWith('/') }),
]);

const capability = z.enum([
  'NET_ADMIN',
  'NET_RAW',
  'NET_BIND_SERVICE',
  'SYS_ADMIN',
  'SYS_PTRACE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'SETUID',
  'SETGID',
  'KILL',
]);

const serviceSchema = z.object({
  /**
   * Build context, relative to the lab's directory; holds a Dockerfile `FROM debian:bookworm-slim`.
   * Services with the same context and Dockerfile share one image, built once.
   */
  build: z.string(),
  /** The Dockerfile inside the build context. */
  dockerfile: z.string().default('Dockerfile'),
  /** One sentence for the briefing, `status` and the site's lab page. */
  description: z.string().optional(),
  /** Container ports published on 127.0.0.1 (never on other interfaces). */
  ports: z.array(portSchema).default([]),
  /** Environment variables of the container. */
  env: z.record(z.string(), z.string()).default({}),
  /** Overrides the image's CMD. */
  command: z.array(z.string()).optional(),
  /** Only these capabilities are added; nothing is privileged. */
  capabilities: z.array(capability).default([]),
  /** Namespaced kernel settings, e.g. { 'net.ipv4.ip_forward': '1' }. */
  sysctls: z.record(z.string(), z.string()).default({}),
  /**
   * Networks by manifest name, each with an optional fixed address (declared for the first instance;
   * other instances shift it with the subnet). Empty: Docker's default bridge.
   */
  networks: z
    .array(z.object({ name: id, ip: ipv4.optional(), aliases: z.array(z.string()).default([]) }))
    .default([]),
  /** Volumes, RAM disks and read-only files of the lab the container sees. */
  mounts: z.array(mountSchema).default([]),
  /** Services that must be ready before this one starts. */
  dependsOn: z.array(id).default([]),
  /** When the service counts as ready. */
  wait: waitSchema.default({ type: 'ports' }),
  /** How long it may take to become ready (generous: a learner's laptop may be busy). */
  startupTimeoutMs: z.number().int().positive().default(180_000),
  /** The shell `pnpm lab shell` opens. */
  shell: z.string().default('bash'),
});

const processSchema = z.object({
  description: z.string().optional(),
  /** argv run in the learner's workspace; `{port}` and `{dataDir}` are replaced by the lab's values. */
  command: z.array(z.string()).min(1),
  /** Restart the process when a file in the workspace changes (a fast edit-run loop). */
  watch: z.boolean().default(true),
  /** How the briefing names its port, e.g. "your server". */
  label: z.string().optional(),
});

const networkSchema = z.object({
  /**
   * The subnet of the first instance, e.g. 10.231.7.0/24. Instance slot k uses it shifted by k times its
   * size (10.231.8.0/24 for slot 1), so checks read addresses with `ctx.address`, never by hand.
   */
  subnet: ipv4Cidr,
  /** Docker's bridge address on it; default the first host address. */
  gateway: ipv4.optional(),
  /** Internal networks have no route off the Docker host. */
  internal: z.boolean().default(false),
  /** One sentence for the briefing and the site. */
  description: z.string().optional(),
});

const volumeSchema = z.object({
  /** One sentence for the briefing and the site. */
  description: z.string().optional(),
});

const toleranceSchema = z
  .object({ absolute: z.number().nonnegative().optional(), relative: z.number().nonnegative().optional() })
  .refine(
    (t) => t.absolute !== undefined || t.relative !== undefined,
    'give an absolute or relative tolerance',
  );

const answerSchema = z.object({
  /** What the learner is asked, e.g. "Monthly Cloud NAT processing cost for 100 TB". */
  prompt: z.string(),
  /**
   * The unit of `expected`: ms, s, bytes, KiB, MB, GiB, TB, ..., $, %, or any other word (then the
   * learner gives a plain number). Answers in another unit of the same kind are converted.
   */
  unit: z.string().optional(),
  tolerance: toleranceSchema,
  /** The expected value, computed (from packages/models, or from the running lab). */
  expected: fn<(ctx: CheckContext) => number | Promise<number>>(),
  /**
   * `expected` is measured from the running lab, so it moves (logs grow, figures change after a fix, what
   * the learner measured may be gone): once the learner's answer was right, that same answer stays right
   * for this instance.
   */
  measured: z.boolean().optional(),
});

const objectiveSchema = z.object({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  /** Observes the lab from outside; omitted when the objective is answered with `pnpm lab answer`. */
  check: fn<Check>().optional(),
  answer: answerSchema.optional(),
  /** Revealed one at a time by `pnpm lab hint`, and the next one by a failing `check`. */
  hints: z.array(z.string().min(1)).min(1),
  timeoutMs: z.number().int().positive().default(30_000),
});

const hookSchema = z.object({
  /** Shown as a phase of `up`, e.g. "Loading 1M jobs". */
  title: z.string(),
  /** Runs after every service is ready, with the instance's CheckContext. */
  run: fn<(ctx: CheckContext) => Promise<void>>(),
});

const starterSchema = z.object({
  /** The folder copied to the learner's workspace, relative to the lab's directory. */
  path: z.string().min(1),
  /** One line for `pnpm lab help <lab>` and the lab's page, e.g. "TypeScript, run by Node.js 22.18+". */
  description: z.string().min(1),
});

const preflightSchema = z.object({
  /** Shown by `pnpm lab doctor`, e.g. "iptables in a container". */
  title: z.string().min(1),
  /** Asks whether this machine can run the lab; `up` refuses to start when one is not ok. */
  run: fn<(ctx: PreflightContext) => Promise<PreflightResult>>(),
});

const solutionSchema = z.object({
  /** The walkthrough, in Markdown. */
  walkthrough: z.string().min(1),
  /** Applies the reference solution to a running instance (instructors, self-tests). */
  apply: fn<(ctx: CheckContext) => Promise<void>>(),
});

/** A measured figure for instructors: what took how long, and where it was measured (never an estimate). */
const timingSchema = z.object({
  /** What was timed, e.g. "warm start (`up`, images built)". */
  what: z.string().min(1),
  /** The figure as measured, e.g. "median 24.9 s (11.9-31.4 s, 3 runs)". */
  figure: z.string().min(1),
  /** Where it comes from: the command and the README section or benchmark that recorded it, with its date. */
  source: z.string().min(1),
});

/** Notes for an instructor running the lab with a room: shown on the lab's page, behind a spoiler warning. */
const instructorSchema = z.object({
  /** Measured timings (self-tests, benchmarks, run-throughs). Empty until someone has measured. */
  timings: z.array(timingSchema).default([]),
  /** Where learners commonly go wrong, each tied to the objective whose hints steer them back. */
  wrongTurns: z.array(z.object({ objective: id, text: z.string().min(1) })).min(1),
  /** Questions for the debrief once the room is done. */
  debrief: z.array(z.string().min(1)).min(1),
});

export const labSchema = z
  .object({
    id,
    title: z.string().min(1),
    /** The site slug of the story this lab belongs to, e.g. "stories/<story>". */
    story: z.string().min(1),
    summary: z.string().min(1),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
    minutes: z.number().int().positive(),
    /** Shown when the lab starts, in Markdown. */
    briefing: z.string().min(1),
    /** The containers of the lab, by name. */
    services: z.record(id, serviceSchema),
    /** The lab's own Docker networks, by name. */
    networks: z.record(id, networkSchema).default({}),
    /** Named volumes, by name; each instance has its own, removed with it. */
    volumes: z.record(id, volumeSchema).default({}),
    /** Questions about this machine, asked by `pnpm lab doctor` and before `up`. */
    preflight: z.array(preflightSchema).default([]),
    /** Programs of the learner's run on the host from their workspace (needs `starter`). */
    processes: z.record(id, processSchema).default({}),
    /** A starter the learner edits, relative to the lab's directory; copied to their workspace. */
    starter: z.string().optional(),
    /**
     * Several starters to choose from (`pnpm lab <lab> --starter <name>`), by name; the first is the
     * default. Use it instead of `starter`. Each folder is relative to the lab's directory.
     */
    starters: z.record(id, starterSchema).optional(),
    objectives: z.array(objectiveSchema).min(1),
    /** When true, objectives build on each other: `check` stops at the first failure. */
    ordered: z.boolean().default(false),
    /** Run in order once every service is ready (seed data, record figures with ctx.store). */
    setup: z.array(hookSchema).default([]),
    /** The walkthrough and the reference solution. */
    solution: solutionSchema,
    /** Notes for instructors (timings, common wrong turns, debrief questions), shown on the lab's page. */
    instructor: instructorSchema.optional(),
  })
  .superRefine((lab, issue) => {
    const add = (path: (string | number)[], message: string) =>
      issue.addIssue({ code: 'custom', path, message });
    const networks = Object.entries(lab.networks).flatMap(([name, n]) =>
      subnetProblem(n.subnet) ? [] : [{ name, cidr: parseCidr(n.subnet), gateway: n.gateway }],
    );
    for (const [i, a] of networks.entries()) {
      for (const b of networks.slice(i + 1)) {
        if (overlaps(a.cidr, b.cidr)) add(['networks', b.name, 'subnet'], `overlaps network '${a.name}'`);
      }
      if (a.gateway !== undefined) {
        const gateway = parseIpv4(a.gateway);
        if (gateway !== undefined && !contains(a.cidr, gateway)) {
          add(['networks', a.name, 'gateway'], `${a.gateway} is not inside ${lab.networks[a.name]?.subnet}`);
        }
      }
    }
    const taken = new Map<string, string>();
    for (const [name, service] of Object.entries(lab.services)) {
      for (const [i, net] of service.networks.entries()) {
        const network = networks.find((n) => n.name === net.name);
        if (!(net.name in lab.networks)) {
          add(
            ['services', name, 'networks', i, 'name'],
            `unknown network '${net.name}' (declared: ${Object.keys(lab.networks).join(', ') || 'none'})`,
          );
        } else if (network && net.ip !== undefined) {
          const address = parseIpv4(net.ip);
          if (address === undefined) continue;
          const gateway = network.gateway ? parseIpv4(network.gateway) : defaultGateway(network.cidr);
          const where = ['services', name, 'networks', i, 'ip'];
          if (!contains(network.cidr, address))
            add(where, `${net.ip} is not inside ${lab.networks[net.name]?.subnet}`);
          else if (address === gateway)
            add(where, `${net.ip} is the gateway of '${net.name}' (Docker's own address there)`);
          else if (address === network.cidr.base || address === network.cidr.base + size(network.cidr) - 1)
            add(where, `${net.ip} is the network or broadcast address of ${lab.networks[net.name]?.subnet}`);
          else if (taken.has(`${net.name}/${address}`))
            add(
              where,
              `${net.ip} is also the address of '${taken.get(`${net.name}/${address}`)}' on '${net.name}'`,
            );
          taken.set(`${net.name}/${address}`, name);
        }
      }
      for (const [i, mount] of service.mounts.entries()) {
        if (mount.type === 'volume' && !(mount.source in lab.volumes)) {
          add(
            ['services', name, 'mounts', i, 'source'],
            `unknown volume '${mount.source}' (declared: ${Object.keys(lab.volumes).join(', ') || 'none'})`,
          );
        }
      }
      for (const [i, dependency] of service.dependsOn.entries()) {
        if (!(dependency in lab.services)) {
          add(
            ['services', name, 'dependsOn', i],
            `unknown service '${dependency}' (services: ${Object.keys(lab.services).join(', ')})`,
          );
        } else if (dependency === name)
          add(['services', name, 'dependsOn', i], 'a service cannot depend on itself');
      }
      if (
        service.wait.type === 'http' &&
        !service.ports.some((p) => p.container === (service.wait as { port: number }).port)
      ) {
        add(
          ['services', name, 'wait', 'port'],
          `port ${service.wait.port} is not one of the service's ports (${service.ports.map((p) => p.container).join(', ') || 'none'})`,
        );
      }
    }
    const cycle = dependencyCycle(lab.services);
    if (cycle) add(['services', cycle[0] ?? '', 'dependsOn'], `dependsOn has a cycle: ${cycle.join(' -> ')}`);
    if (lab.starter !== undefined && lab.starters !== undefined) {
      add(['starters'], 'give either `starter` (one) or `starters` (several to choose from), not both');
    }
    if (lab.starters !== undefined && Object.keys(lab.starters).length === 0) {
      add(['starters'], 'name at least one starter (or leave `starters` out)');
    }
    if (Object.keys(lab.processes).length > 0 && labStarters(lab).length === 0) {
      issue.addIssue({
        code: 'custom',
        path: ['processes'],
        message: 'processes run from a workspace: set `starter` or `starters`',
      });
    }
    for (const [i, turn] of (lab.instructor?.wrongTurns ?? []).entries()) {
      if (!lab.objectives.some((o) => o.id === turn.objective))
        add(
          ['instructor', 'wrongTurns', i, 'objective'],
          `unknown objective '${turn.objective}' (objectives: ${lab.objectives.map((o) => o.id).join(', ')})`,
        );
    }
    const seen = new Set<string>();
    for (const [i, objective] of lab.objectives.entries()) {
      if (seen.has(objective.id)) {
        issue.addIssue({
          code: 'custom',
          path: ['objectives', i, 'id'],
          message: `duplicate objective id '${objective.id}'`,
        });
      }
      seen.add(objective.id);
      if (!objective.check && !objective.answer) {
        issue.addIssue({
          code: 'custom',
          path: ['objectives', i],
          message: 'an objective needs a check, an answer, or both',
        });
      }
    }
  });

/** One starter of a lab: its name (for `--starter`), its folder, and whether it is the default. */
export interface StarterInfo {
  name: string;
  /** Relative to the lab's directory. */
  path: string;
  description: string | undefined;
  default: boolean;
}

/** The starter a lab with a single `starter` folder gets as its name. */
export const DEFAULT_STARTER = 'default';

/**
 * The lab's starters, the default first: its `starters`, or its one `starter` (named "default");
 * empty when the learner writes no code.
 */
export function labStarters(lab: {
  starter?: string | undefined;
  starters?: Record<string, { path: string; description: string }> | undefined;
}): StarterInfo[] {
  if (lab.starters) {
    return Object.entries(lab.starters).map(([name, starter], i) => ({
      name,
      path: starter.path,
      description: starter.description,
      default: i === 0,
    }));
  }
  if (lab.starter !== undefined) {
    return [{ name: DEFAULT_STARTER, path: lab.starter, description: undefined, default: true }];
  }
  return [];
}

/** A cycle in the services' dependsOn, as a list of names that ends where it starts; undefined when none. */
function dependencyCycle(services: Record<string, { dependsOn: string[] }>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    path.push(name);
    for (const next of services[name]?.dependsOn ?? []) {
      if (next === name || !(next in services)) continue;
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(services)) {
    const found = visit(name);
    if (found) return found;
  }
  return undefined;
}

export type LabInput = z.input<typeof labSchema>;
export type Lab = z.output<typeof labSchema>;
export type Service = Lab['services'][string];
export type Network = Lab['networks'][string];
export type HostProcess = Lab['processes'][string];
export type Objective = Lab['objectives'][number];
export type Mount = Service['mounts'][number];
export type Preflight = Lab['preflight'][number];
export type InstructorNotes = NonNullable<Lab['instructor']>;
/** What a lab's `instructor` field takes (e.g. from its own instructor.ts). */
export type InstructorNotesInput = z.input<typeof instructorSchema>;

export class ManifestError extends Error {
  readonly labId: string;
  constructor(labId: string, issues: string[]) {
    super(`lab '${labId}' has an invalid manifest:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ManifestError';
    this.labId = labId;
  }
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`;
}

/** Validates a manifest. Errors name the lab and each offending field. */
export function defineLab(input: LabInput): Lab {
  const result = labSchema.safeParse(input);
  if (!result.success) {
    const labId = typeof input?.id === 'string' ? input.id : '(unnamed)';
    throw new ManifestError(labId, result.error.issues.map(formatIssue));
  }
  return result.data;
}
