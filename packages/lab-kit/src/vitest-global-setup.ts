// A vitest globalSetup for packages whose tests start containers: it settles the testcontainers
// environment (Ryuk only when its image is present; ports reached on 127.0.0.1) before the test
// workers start, so `vitest run` in one package behaves like `pnpm test`. When Docker is not running
// it does nothing: the Docker tests then fail with their own message, and the others still run.
import { connectDocker } from './docker.ts';

export default async function setup(): Promise<void> {
  await connectDocker().catch(() => undefined);
}
