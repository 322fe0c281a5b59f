import { describe, expect, it } from 'vitest';
import { isolateState, lab } from './helpers.ts';

// Its own file: the Docker client is cached per process, and this one must never have connected.
describe('lab with Docker unreachable', () => {
  it('says so in one line naming DOCKER_HOST and how to start Docker, exit 2', async () => {
    isolateState();
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    try {
      const run = await lab(['check', 'hello-http']);
      expect(run.code).toBe(2);
      const [first, hint] = run.stderr.trim().split('\n');
      expect(first).toMatch(
        /^error: Docker is not reachable at DOCKER_HOST=unix:\/\/\/nonexistent\/docker\.sock \(/,
      );
      expect(hint).toContain('start Docker');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      delete process.env.DOCKER_HOST;
    }
  });
});
