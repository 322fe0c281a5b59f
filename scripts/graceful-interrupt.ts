// A vitest reporter that reports nothing: it makes SIGINT cancel a `vitest run` the way Ctrl-C does in
// vitest's own watch mode, so that the tests that are running finish and every afterAll hook runs (a
// lab's teardown: no container is left), and only then does vitest exit. Without it, vitest run exits
// at once on SIGINT and its workers die with it, skipping the hooks. A second SIGINT exits at once.
// `pnpm test`, `pnpm test:unit` (scripts/test.ts) and `pnpm stress` pass it (`--reporter=<this file>`), run
// vitest in a process group of its own (so the terminal's Ctrl-C does not reach the workers) and send
// SIGINT to vitest's main process only.
import type { Reporter, Vitest } from 'vitest/node';

export default class GracefulInterrupt implements Reporter {
  onInit(vitest: Vitest): void {
    // vitest's logger exits on SIGINT within a millisecond; this takes its place.
    process.removeAllListeners('SIGINT');
    let interrupted = false;
    process.on('SIGINT', () => {
      process.exitCode = 130;
      if (interrupted) process.exit();
      interrupted = true;
      vitest.logger.log('\nCancelling the run: the running tests stop, then the afterAll hooks run.');
      void vitest.cancelCurrentRun('keyboard-input');
    });
  }
}
