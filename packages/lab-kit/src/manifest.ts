// The lab manifest: the single source of truth for a lab, read by the CLI, the runtime, the self-tests
// and the site. This module is deliberately light (zod only) so the site can import manifests.
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter');

const ipv4Cidr = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 subnet such as 172.30.10.0/24');
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'must be an IPv4 address');

/** What a check reports. `reason` is written for the learner: what was observed and why it is not right. */
export type CheckResult = { ok: true; detail?: string } | { ok: false; reason: string; detail?: string };

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Endpoint {
  /** Always 127.0.0.1: lab ports are published on loopback only. */
  host: string;
  port: number;
}

/** What a check can see of the running lab. Checks observe behaviour from outside. */
export interface CheckContext {
  labId: string;
  instanceId: string;
  /** The host endpoint a service's container port is published on. */
  endpoint(service: string, containerPort: number): Endpoint;
  /** Runs a command inside a service's container. */
  exec(service: string, command: string[], options?: { user?: string }): Promise<ExecResult>;
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

const waitSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ports') }),
  z.object({ type: z.literal('log'), message: z.string(), times: z.number().int().positive().default(1) }),
  z.object({
    type: z.literal('http'),
    path: z.string(),
    port: z.number().int(),
    status: z.number().int().default(200),
  }),
  z.object({ type: z.literal('command'), command: z.string() }),
  z.object({ type: z.literal('healthcheck') }),
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
  /** Build context, relative to the lab's directory; holds a Dockerfile. */
  build: z.string(),
  dockerfile: z.string().default('Dockerfile'),
  description: z.string().optional(),
  ports: z.array(portSchema).default([]),
  env: z.record(z.string(), z.string()).default({}),
  command: z.array(z.string()).optional(),
  /** Only these capabilities are added; nothing is privileged. */
  capabilities: z.array(capability).default([]),
  sysctls: z.record(z.string(), z.string()).default({}),
  /** Networks by manifest name, each with an optional fixed address. Empty: Docker's default bridge. */
  networks: z
    .array(z.object({ name: id, ip: ipv4.optional(), aliases: z.array(z.string()).default([]) }))
    .default([]),
  wait: waitSchema.default({ type: 'ports' }),
  startupTimeoutMs: z.number().int().positive().default(60_000),
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
  subnet: ipv4Cidr,
  gateway: ipv4.optional(),
  /** Internal networks have no route off the Docker host. */
  internal: z.boolean().default(false),
  description: z.string().optional(),
});

const toleranceSchema = z
  .object({ absolute: z.number().nonnegative().optional(), relative: z.number().nonnegative().optional() })
  .refine(
    (t) => t.absolute !== undefined || t.relative !== undefined,
    'give an absolute or relative tolerance',
  );

const answerSchema = z.object({
  /** What the learner is asked, e.g. "Monthly Cloud NAT processing cost for 100 TiB". */
  prompt: z.string(),
  unit: z.string().optional(),
  tolerance: toleranceSchema,
  /** The expected value, computed (from packages/models, or from the running lab). */
  expected: fn<(ctx: CheckContext) => number | Promise<number>>(),
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
  title: z.string(),
  run: fn<(ctx: CheckContext) => Promise<void>>(),
});

const solutionSchema = z.object({
  /** The walkthrough, in Markdown. */
  walkthrough: z.string().min(1),
  /** Applies the reference solution to a running instance (instructors, self-tests). */
  apply: fn<(ctx: CheckContext) => Promise<void>>(),
});

export const labSchema = z
  .object({
    id,
    title: z.string().min(1),
    /** The site slug of the story this lab belongs to, e.g. "stories/toy-redis". */
    story: z.string().min(1),
    summary: z.string().min(1),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
    minutes: z.number().int().positive(),
    /** Shown when the lab starts, in Markdown. */
    briefing: z.string().min(1),
    services: z.record(id, serviceSchema),
    networks: z.record(id, networkSchema).default({}),
    /** Programs of the learner's run on the host from their workspace (needs `starter`). */
    processes: z.record(id, processSchema).default({}),
    /** A starter the learner edits, relative to the lab's directory; copied to their workspace. */
    starter: z.string().optional(),
    objectives: z.array(objectiveSchema).min(1),
    /** When true, objectives build on each other: `check` stops at the first failure. */
    ordered: z.boolean().default(false),
    setup: z.array(hookSchema).default([]),
    solution: solutionSchema,
  })
  .superRefine((lab, issue) => {
    for (const [name, service] of Object.entries(lab.services)) {
      for (const [i, net] of service.networks.entries()) {
        if (!(net.name in lab.networks)) {
          issue.addIssue({
            code: 'custom',
            path: ['services', name, 'networks', i, 'name'],
            message: `unknown network '${net.name}' (declared: ${Object.keys(lab.networks).join(', ') || 'none'})`,
          });
        }
      }
    }
    if (Object.keys(lab.processes).length > 0 && !lab.starter) {
      issue.addIssue({
        code: 'custom',
        path: ['processes'],
        message: 'processes run from a workspace: set `starter`',
      });
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

export type LabInput = z.input<typeof labSchema>;
export type Lab = z.output<typeof labSchema>;
export type Service = Lab['services'][string];
export type Network = Lab['networks'][string];
export type HostProcess = Lab['processes'][string];
export type Objective = Lab['objectives'][number];

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

/** The pass/fail decision for a numeric answer, shared by `lab answer` and the self-tests. */
export function withinTolerance(
  actual: number,
  expected: number,
  tolerance: { absolute?: number | undefined; relative?: number | undefined },
): boolean {
  if (!Number.isFinite(actual)) return false;
  const diff = Math.abs(actual - expected);
  if (tolerance.absolute !== undefined && diff <= tolerance.absolute) return true;
  if (tolerance.relative !== undefined && diff <= Math.abs(expected) * tolerance.relative) return true;
  return false;
}
