import { beforeAll, describe, expect, it } from 'vitest';
import { brokenLabs, isolateState, lab, starterLabs } from './helpers.ts';

beforeAll(isolateState);

describe('lab (no Docker needed)', () => {
  it('lists the labs, one line each', async () => {
    const run = await lab([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^hello-http {2}Hello HTTP \(fixture\) \(beginner, ~5 min\)$/m);
  });

  it('lists the labs as JSON', async () => {
    const run = await lab(['--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({
      labs: [
        {
          id: 'hello-http',
          title: 'Hello HTTP (fixture)',
          summary: 'A web server that does not answer /status yet.',
          difficulty: 'beginner',
          minutes: 5,
          story: 'stories/toy-redis',
          starters: [],
        },
        {
          id: 'router-lab',
          title: 'Router (multi-network fixture)',
          summary: 'Five boxes on three networks, for the kit’s own tests.',
          difficulty: 'beginner',
          minutes: 5,
          story: 'stories/nat-costs-iptables',
          starters: [],
        },
      ],
    });
  });

  it('suggests the right name for an unknown lab, exit 2', async () => {
    const run = await lab(['check', 'helo-http']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown lab 'helo-http'; did you mean 'hello-http'?");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('suggests a verb for a misspelt verb, and the nearest flag for a misspelt flag', async () => {
    const verb = await lab(['chekc', 'hello-http']);
    expect(verb.code).toBe(2);
    expect(verb.stderr).toContain("unknown command 'chekc'; did you mean 'check'?");
    const alone = await lab(['stauts']);
    expect(alone.stderr).toContain("did you mean 'status'?");
    const flag = await lab(['check', 'hello-http', '--jsn']);
    expect(flag.stderr).toContain('unknown option --jsn; did you mean --json?');
    expect(flag.stderr).not.toMatch(/'-- "/);
  });

  it('refuses an instance name that cannot name a container', async () => {
    const run = await lab(['check', 'hello-http', '--instance', 'Not/Valid']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'Not/Valid' is not a valid instance name");
  });

  it('reports errors as JSON with --json', async () => {
    const run = await lab(['up', 'nope', '--json']);
    expect(run.code).toBe(2);
    expect(run.json()).toEqual({
      error: { message: "unknown lab 'nope'", hint: 'labs: hello-http, router-lab', exitCode: 2 },
    });
  });

  it('shows a broken manifest as its schema errors, not a stack trace', async () => {
    const run = await lab(['status', 'bad-manifest'], { labsDir: brokenLabs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("lab 'bad-manifest' has an invalid manifest");
    expect(run.stderr).toContain("services.web.networks[0].name: unknown network 'missing'");
    expect(run.stderr).toContain('objectives:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reveals hints one at a time and remembers them', async () => {
    const first = await lab(['hint', 'hello-http', '--json']);
    expect(first.json()).toEqual({
      lab: 'hello-http',
      objective: 'status-ok',
      hint: { number: 1, of: 2, text: 'busybox httpd serves files from /srv/www.' },
      allRevealed: false,
    });
    const second = await lab(['hint', 'hello-http']);
    expect(second.stdout).toContain('hint 2/2: Create /srv/www/status containing "ok".');
    const third = await lab(['hint', 'hello-http']);
    expect(third.stdout).toContain('That was the last hint');
  });

  it('will not show the walkthrough without a confirmation', async () => {
    const refused = await lab(['solution', 'hello-http']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pnpm lab solution hello-http --yes');
    const shown = await lab(['solution', 'hello-http', '--yes']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('echo ok > /srv/www/status');
  });

  it('rejects a usage error with exit code 2', async () => {
    const run = await lab(['answer', 'hello-http']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: pnpm lab answer <lab> <objective> <value>');
  });
});

describe('renderMarkdownLine', () => {
  it('renders headings and bold as plain text without colour', async () => {
    const { renderMarkdownLine } = await import('../src/shared.ts');
    const { Ui } = await import('../src/ui.ts');
    const ui = new Ui(
      { stdout: { write() {} }, stderr: { write() {} }, env: { CI: 'true' } },
      { json: false, debug: false },
    );
    expect(renderMarkdownLine(ui, '## The loop')).toBe('The loop');
    expect(renderMarkdownLine(ui, '**Step 1.** run `pnpm lab check`')).toBe('Step 1. run `pnpm lab check`');
  });
});

describe('labs with several starters (no Docker needed)', () => {
  const inStarterLabs = { labsDir: starterLabs };

  it('lists the starters under the lab, in help, and as JSON', async () => {
    const list = await lab([], inStarterLabs);
    expect(list.stdout).toMatch(
      /^\s+starters: plain \(default\), fancy \(pnpm lab two-starters --starter <name>\)$/m,
    );
    const help = await lab(['help', 'two-starters'], inStarterLabs);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('pnpm lab two-starters [--starter <name>] [--detach] [--instance name]');
    expect(help.stdout).toMatch(/^ {2}plain \(default\) {2}The plain one$/m);
    expect(help.stdout).toMatch(/^ {2}fancy {12}The fancy one$/m);
    expect((await lab(['two-starters', '--help'], inStarterLabs)).stdout).toBe(help.stdout);
    expect((await lab(['help'], inStarterLabs)).stdout).toContain('--starter <name>');
    const json = (await lab(['--json'], inStarterLabs)).json<{ labs: { starters: unknown[] }[] }>();
    expect(json.labs[0]?.starters).toEqual([
      { name: 'plain', description: 'The plain one', default: true },
      { name: 'fancy', description: 'The fancy one', default: false },
    ]);
  });

  it('refuses an unknown starter with the list, before starting anything', async () => {
    for (const argv of [
      ['two-starters', '--starter', 'rust'],
      ['doctor', 'two-starters', '--starter', 'rust'],
    ]) {
      const run = await lab(argv, inStarterLabs);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("error: lab 'two-starters' has no starter 'rust'");
      expect(run.stderr).toContain('starters: plain (default), fancy');
    }
  });

  it('refuses --starter for a lab without starters', async () => {
    const run = await lab(['hello-http', '--starter', 'go']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("lab 'hello-http' has no starters, so --starter does not apply to it");
  });
});
