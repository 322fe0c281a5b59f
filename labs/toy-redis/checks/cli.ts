// Runs the stage tester without the lab runtime, for the lab's maintainers:
//   node checks/cli.ts <workspace> --reference 127.0.0.1:<real Redis port> [--stage <id>]... [--seed <n>] [--debug]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runStages, STAGE_IDS, type StageId } from './index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    reference: { type: 'string' },
    stage: { type: 'string', multiple: true },
    seed: { type: 'string' },
    debug: { type: 'boolean', default: false },
  },
});

const [workspace] = positionals;
const [host, port] = (values.reference ?? '').split(':');
if (!workspace || !host || !port) {
  console.error(
    'usage: node checks/cli.ts <workspace> --reference 127.0.0.1:<port> [--stage <id>]... [--seed <n>] [--debug]',
  );
  process.exit(2);
}
const stages = values.stage?.map((id) => {
  if (!(STAGE_IDS as readonly string[]).includes(id)) {
    console.error(`unknown stage '${id}'; stages: ${STAGE_IDS.join(', ')}`);
    process.exit(2);
  }
  return id as StageId;
});

const results = await runStages({
  workspace: resolve(workspace),
  reference: { host, port: Number(port) },
  ...(stages ? { stages } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.debug ? { debug: (message: string) => console.error(message) } : {}),
});
for (const result of results) {
  console.log(
    `${result.status === 'passed' ? 'PASS' : result.status === 'failed' ? 'FAIL' : 'ERROR'} ${result.id} (${result.durationMs} ms)`,
  );
  if (result.status !== 'passed') console.log(result.message.replace(/^/gm, '    '));
}
process.exit(results.every((r) => r.status === 'passed') ? 0 : 1);
