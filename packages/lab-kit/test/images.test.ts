import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageTag } from '../src/images.ts';

describe('imageTag', () => {
  it('changes exactly when the build context changes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'storylabs-context-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:bookworm-slim\n');
    const first = imageTag('demo', 'web', dir, 'Dockerfile');
    expect(first).toMatch(/^storylabs\/demo-web:[0-9a-f]{16}$/);
    expect(imageTag('demo', 'web', dir, 'Dockerfile')).toBe(first);
    writeFileSync(path.join(dir, 'entry.sh'), 'echo hi\n');
    const second = imageTag('demo', 'web', dir, 'Dockerfile');
    expect(second).not.toBe(first);
    chmodSync(path.join(dir, 'entry.sh'), 0o755);
    expect(imageTag('demo', 'web', dir, 'Dockerfile')).not.toBe(second);
  });
});
