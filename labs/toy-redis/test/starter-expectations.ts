// What every starter does before the learner writes a line, whichever language it is in (the
// TypeScript starter in stages-reference, the Go starter in starter-go): it binds, then fails ping
// kindly, with what was sent, what real Redis says, and the program's own output.
import type { Endpoint } from '@storylabs/lab-kit/manifest';
import { expect } from 'vitest';
import { runStages } from '../checks/index.ts';
import { testSeed } from './seed.ts';

/** Runs the stages against the starter in `workspace` and expects bind to pass and ping to fail, kindly. */
export async function expectStarterFailsPing(workspace: string, reference: Endpoint): Promise<void> {
  const results = await runStages({ workspace, reference, seed: testSeed() });
  expect(results.map((r) => [r.id, r.status])).toEqual([
    ['bind', 'passed'],
    ['ping', 'failed'],
  ]);
  const message = results[1]?.message ?? '';
  expect(message).toContain('Your server sent no reply to PING within 2 s (connection 1).');
  expect(message).toContain('"*1\\r\\n$4\\r\\nPING\\r\\n"');
  expect(message).toContain('real Redis:  "+PONG\\r\\n"');
  expect(message).toContain('Hint: Nothing came back: is this command handled yet');
  expect(message).toContain('| received "*1\\r\\n$4\\r\\nPING\\r\\n"');
}
