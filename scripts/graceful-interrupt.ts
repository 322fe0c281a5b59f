// A vitest reporter that reports nothing: it makes SIGINT cancel a `vitest run` the way Ctrl-C does in
// vitest's own watch mode, so that the tests that are running finish and every afterAll hook runs (a
// lab's teardown: no container is left), and only then does vitest exit. Without it, vitest run exits
// at once on SIGINT and its workers die with it, skipping the hooks. A second SIGINT exits at once.
// `pnpm test`, `pnpm test:unit` (scripts/test.ts) and `pnpm stress` pass it (`--reporter=<this file>`), run
// vitest in a process group of its own (so the terminal's Ctrl-C does not reach the workers) and send
// SIGINT to vitest's main process only; they also open an IPC channel to it, whose closing (the script
// was killed) cancels the run in the same way.
import type { Reporter, Vitest } from 'vitest/node';

export default class GracefulInterrupt implements Reporter {
  onInit(vitest: Vitest): void {
    // vitest's logger exits on SIGINT within a millisecond; this takes its place.
    process.removeAllListeners('SIGINT');
    let interrupted = false;
    /** Cancels the run once: the running tests stop, then every afterAll hook runs. */
    const cancel = (why: string) => {
      interrupted = true;
      process.exitCode = 130;
      vitest.logger.log(`\n${why}: the running tests stop, then the afterAll hooks run.`);
      void vitest.cancelCurrentRun('keyboard-input');
    };
    process.on('SIGINT', () => {
      if (interrupted) {
        process.exitCode = 130;
        process.exit();
      }
      cancel('Cancelling the run');
    });
    // The script that started vitest holds an IPC channel to it. When that script dies without passing
    // a signal on (SIGKILL, a crash), the channel closes: cancel the run the same way, so the labs the
    // tests started are still torn down instead of running on with nobody to stop them.
    if (process.channel) {
      process.channel.unref();
      process.once('disconnect', () => {
        if (!interrupted) cancel('The script that started this run is gone, so it is cancelled');
      });
    }
  }
}
