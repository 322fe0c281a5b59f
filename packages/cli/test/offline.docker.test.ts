// Offline workshops: pack a lab's images with the base image into one bundle, remove the lab's image,
// load the bundle, and the lab starts with nothing to build (so no registry and no package mirror).
// A damaged bundle is refused before anything is loaded.
import { closeSync, mkdtempSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDocker, findLab, readBundleManifest } from '@storylabs/lab-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolateState, lab } from './helpers.ts';

const labsDir = fileURLToPath(new URL('../../lab-kit/test/fixtures/offline-labs/', import.meta.url));
const LAB = 'offline-http';
const instance = `offline-${process.pid % 10000}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'storylabs-bundle-'));
const bundle = path.join(dir, 'bundle.tar');

beforeAll(() => isolateState());
afterAll(async () => {
  await lab(['down', LAB, '--instance', instance], { labsDir });
}, 120_000);

describe('an offline bundle', { timeout: 900_000 }, () => {
  it('carries the lab and the base image, and after a load the lab starts with nothing to build', async () => {
    const prepared = await lab(['prepare', LAB, '--json'], { labsDir });
    expect(prepared.code, prepared.stderr).toBe(0);
    const [image] = prepared.json<{ images: { tag: string; bytes: number }[] }>().images;
    expect(image?.tag).toMatch(/^storylabs\/offline-http-web:[0-9a-f]{16}$/);
    expect(image?.bytes).toBeGreaterThan(1024 * 1024);

    const packed = await lab(['pack', bundle, LAB], { labsDir });
    expect(packed.code, packed.stderr).toBe(0);
    const { manifest } = readBundleManifest(bundle);
    expect(manifest.images.map((i) => i.tag)).toEqual(['debian:bookworm-slim', image?.tag]);
    for (const entry of manifest.images) expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Gone from this engine (only this fixture's own image: other labs' and the base image stay).
    const docker = await connectDocker();
    await docker.container.dockerode.getImage(image?.tag ?? '').remove({ force: true });

    const loaded = await lab(['load', bundle, '--json'], { labsDir });
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.json<{ loaded: { tag: string }[] }>().loaded.map((l) => l.tag)).toContain(image?.tag);

    // `up` finds every image present: it builds nothing, so it needs no network at all.
    const up = await lab(['up', LAB, '--detach', '--instance', instance, '--debug'], { labsDir });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).not.toContain('Building');
    expect(up.stderr).toContain(`image ${image?.tag} is up to date`);
    expect((await lab(['solve', LAB, '--instance', instance], { labsDir })).code).toBe(0);
    expect((await lab(['check', LAB, 'status-ok', '--instance', instance], { labsDir })).code).toBe(0);
    // The lab entry is the one the bundle was made from.
    expect((await findLab(LAB, labsDir)).id).toBe(LAB);
  });

  it('refuses a damaged bundle, naming the image, and loads nothing', async () => {
    const { manifest, entries } = readBundleManifest(bundle);
    const last = entries.at(-1);
    if (!last) throw new Error('the bundle has no entries');
    // Flip one byte in the middle of the last image.
    const fd = openSync(bundle, 'r+');
    const at = last.offset + Math.floor(last.size / 2);
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    writeSync(fd, byte, 0, 1, at);
    closeSync(fd);
    const run = await lab(['load', bundle], { labsDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`is damaged: the checksum of ${manifest.images.at(-1)?.tag} does not match`);
    expect(run.stderr).toContain('nothing was loaded');

    const cut = path.join(dir, 'cut.tar');
    const { copyFileSync, truncateSync } = await import('node:fs');
    copyFileSync(bundle, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const short = await lab(['load', cut], { labsDir });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/is cut short/);

    const notBundle = await lab(['load', fileURLToPath(import.meta.url)], { labsDir });
    expect(notBundle.code).toBe(2);
    expect(notBundle.stderr).toContain('is not a Storylabs bundle');
  });
});
