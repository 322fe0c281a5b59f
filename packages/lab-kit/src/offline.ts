// Workshop mode without a network: build every image ahead of time (`prepare`), write them with the base
// image into one bundle for a USB stick (`pack`), and load a bundle on a machine that never goes online
// (`load`), refusing a damaged one. A bundle is a plain tar: `bundle.json` (versions and checksums)
// followed by one `docker save` archive per image.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync, writeSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { connectDocker, type Docker } from './docker.ts';
import { ensureImages } from './environment.ts';
import { EnvironmentError, errorMessage, UsageError } from './errors.ts';
import { imageExists } from './images.ts';
import type { LabEntry } from './registry.ts';
import { type Reporter, silentReporter } from './reporter.ts';

export const BASE_IMAGE = 'debian:bookworm-slim';
const BUNDLE_FORMAT = 1;

export interface PreparedImage {
  lab: string;
  services: string[];
  tag: string;
  bytes: number;
  /** How long building took now (0 when it was already built). */
  buildMs: number;
}

/** Builds every image the labs need (only what is missing), and reports each image's size and build time. */
export async function prepareImages(
  entries: LabEntry[],
  reporter: Reporter = silentReporter,
): Promise<PreparedImage[]> {
  const docker = await connectDocker();
  if (!(await imageExists(docker, BASE_IMAGE))) {
    throw new EnvironmentError(`the base image ${BASE_IMAGE} is missing`, {
      hint: `docker pull ${BASE_IMAGE}, or offline: sudo bash scripts/provision.sh base-image`,
    });
  }
  const prepared: PreparedImage[] = [];
  for (const entry of entries) {
    const started = performance.now();
    const before = new Set<string>();
    const tags = await ensureImages(docker, entry, {
      ...reporter,
      phase: (title) => {
        before.add(title);
        return reporter.phase(`${entry.id}: ${title}`);
      },
    });
    const buildMs = before.size > 0 ? Math.round(performance.now() - started) : 0;
    const byTag = new Map<string, string[]>();
    for (const [service, tag] of Object.entries(tags)) byTag.set(tag, [...(byTag.get(tag) ?? []), service]);
    for (const [tag, services] of byTag) {
      const info = await docker.container.dockerode.getImage(tag).inspect();
      prepared.push({
        lab: entry.id,
        services,
        tag,
        bytes: info.Size,
        buildMs: byTag.size > 0 ? Math.round(buildMs / byTag.size) : 0,
      });
    }
  }
  return prepared;
}

export interface BundleManifest {
  format: number;
  createdAt: string;
  /** What wrote it, e.g. "storylabs lab 0.1.0, node v24.21.0". */
  createdBy: string;
  images: { tag: string; labs: string[]; file: string; bytes: number; sha256: string }[];
}

// ---- a minimal tar (ustar) writer and reader: regular files only, which is all a bundle holds ----

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function tarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(512, 0);
  header.write(name.slice(0, 100), 0, 'utf8');
  header.write(octal(0o644, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(size, 12), 124);
  header.write(octal(Math.floor(Date.now() / 1000), 12), 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7), 148);
  return header;
}

function padding(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512, 0);
}

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
}

/** Streams `source` into the open bundle as one tar entry; returns its size and sha256. */
async function appendEntry(
  fd: number,
  name: string,
  source: Readable,
  headerAt: number,
): Promise<{ bytes: number; sha256: string; end: number }> {
  // The size is known only at the end: write a placeholder header, then rewrite it.
  writeAll(fd, tarHeader(name, 0));
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of source) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    writeAll(fd, buffer);
    bytes += buffer.length;
  }
  writeAll(fd, padding(bytes));
  const header = tarHeader(name, bytes);
  let offset = 0;
  while (offset < header.length)
    offset += writeSync(fd, header, offset, header.length - offset, headerAt + offset);
  return { bytes, sha256: hash.digest('hex'), end: headerAt + 512 + bytes + padding(bytes).length };
}

interface TarEntry {
  name: string;
  offset: number;
  size: number;
}

function readEntries(file: string): TarEntry[] {
  const fd = openSync(file, 'r');
  const entries: TarEntry[] = [];
  const total = statSync(file).size;
  try {
    let position = 0;
    const header = Buffer.alloc(512);
    while (position + 512 <= total) {
      readSync(fd, header, 0, 512, position);
      if (header.every((b) => b === 0)) break;
      const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = Number.parseInt(header.toString('utf8', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
      if (!name || !Number.isFinite(size) || header.toString('utf8', 257, 262) !== 'ustar') {
        throw new UsageError(`${file} is not a Storylabs bundle (no tar entry at byte ${position})`);
      }
      if (position + 512 + size > total) {
        throw new UsageError(
          `${file} is cut short: '${name}' needs ${size} bytes, the file ends before`,
          'copy the bundle again',
        );
      }
      entries.push({ name, offset: position + 512, size });
      position += 512 + size + ((512 - (size % 512)) % 512);
    }
  } finally {
    closeSync(fd);
  }
  return entries;
}

function entryStream(file: string, entry: TarEntry): Readable {
  return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The image tags a set of labs runs on (built or not), plus the base image. */
export async function labImageTags(docker: Docker, entries: LabEntry[]): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>();
  for (const entry of entries) {
    for (const tag of new Set(Object.values(await ensureImages(docker, entry)))) {
      tags.set(tag, [...(tags.get(tag) ?? []), entry.id]);
    }
  }
  return tags;
}

/** Writes one bundle with every image the labs need and the base image (building what is missing). */
export async function packBundle(
  file: string,
  entries: LabEntry[],
  options: { reporter?: Reporter; createdBy?: string } = {},
): Promise<BundleManifest> {
  const reporter = options.reporter ?? silentReporter;
  const docker = await connectDocker();
  await prepareImages(entries, reporter);
  const tags = await labImageTags(docker, entries);
  const all: [string, string[]][] = [[BASE_IMAGE, []], ...tags];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    createdAt: new Date().toISOString(),
    createdBy: options.createdBy ?? `storylabs, node ${process.version}`,
    images: [],
  };
  const fd = openSync(file, 'w');
  try {
    // The manifest comes first; it is rewritten at the end with the checksums (fixed size, padded).
    const reserve = 64 * 1024;
    writeAll(fd, tarHeader('bundle.json', reserve));
    writeAll(fd, Buffer.alloc(reserve, 0x20));
    let position = 512 + reserve;
    for (const [index, [tag, labs]] of all.entries()) {
      const phase = reporter.phase(`Saving ${tag}`);
      const stream = (await docker.container.dockerode.getImage(tag).get()) as unknown as Readable;
      const name = `images/${String(index).padStart(2, '0')}.tar`;
      const written = await appendEntry(fd, name, stream, position);
      position = written.end;
      manifest.images.push({ tag, labs, file: name, bytes: written.bytes, sha256: written.sha256 });
      phase.done(`${(written.bytes / 1024 ** 2).toFixed(0)} MiB`);
    }
    writeAll(fd, Buffer.alloc(1024, 0));
    const json = Buffer.from(JSON.stringify(manifest, null, 2));
    if (json.length > reserve) throw new EnvironmentError('too many images for one bundle manifest');
    let offset = 0;
    while (offset < json.length) offset += writeSync(fd, json, offset, json.length - offset, 512 + offset);
  } finally {
    closeSync(fd);
  }
  return manifest;
}

/** Reads a bundle's manifest; a file that is not one gets a clear error. */
export function readBundleManifest(file: string): { manifest: BundleManifest; entries: TarEntry[] } {
  let entries: TarEntry[];
  try {
    entries = readEntries(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${errorMessage(error)}`);
  }
  const head = entries.find((e) => e.name === 'bundle.json');
  if (!head) throw new UsageError(`${file} is not a Storylabs bundle (no bundle.json)`);
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(head.size);
  try {
    readSync(fd, buffer, 0, head.size, head.offset);
  } finally {
    closeSync(fd);
  }
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(buffer.toString('utf8').trim()) as BundleManifest;
  } catch {
    throw new UsageError(
      `${file} has a damaged manifest (bundle.json is not JSON)`,
      'copy the bundle again, or pack it anew',
    );
  }
  if (manifest.format !== BUNDLE_FORMAT || !Array.isArray(manifest.images)) {
    throw new UsageError(
      `${file} is a bundle of another format (${manifest.format}); pack it with this version`,
    );
  }
  return { manifest, entries };
}

export interface LoadedImage {
  tag: string;
  labs: string[];
  bytes: number;
}

/**
 * Verifies every image's checksum first (nothing is loaded from a damaged bundle), then loads them into
 * the Docker engine. After this, every lab in the bundle starts with no registry and no package mirror.
 */
export async function loadBundle(
  file: string,
  options: { reporter?: Reporter } = {},
): Promise<LoadedImage[]> {
  const reporter = options.reporter ?? silentReporter;
  const { manifest, entries } = readBundleManifest(file);
  const verify = reporter.phase(`Verifying ${manifest.images.length} images`);
  for (const image of manifest.images) {
    const entry = entries.find((e) => e.name === image.file);
    if (!entry)
      throw new UsageError(
        `${file} is damaged: ${image.tag} (${image.file}) is missing`,
        'copy the bundle again',
      );
    if (entry.size !== image.bytes) {
      throw new UsageError(
        `${file} is damaged: ${image.tag} has ${entry.size} bytes, the manifest says ${image.bytes}`,
        'copy the bundle again',
      );
    }
    const sum = await sha256Of(entryStream(file, entry));
    if (sum !== image.sha256) {
      verify.fail();
      throw new UsageError(
        `${file} is damaged: the checksum of ${image.tag} does not match (sha256 ${sum.slice(0, 12)}…, expected ${image.sha256.slice(0, 12)}…)`,
        'copy the bundle again; nothing was loaded',
      );
    }
  }
  verify.done();
  const docker = await connectDocker();
  const loaded: LoadedImage[] = [];
  for (const image of manifest.images) {
    const entry = entries.find((e) => e.name === image.file) as TarEntry;
    const phase = reporter.phase(`Loading ${image.tag}`);
    const stream = await docker.container.dockerode.loadImage(
      entryStream(file, entry) as unknown as NodeJS.ReadableStream,
      { quiet: true },
    );
    const sink = new PassThrough();
    (stream as unknown as Readable).pipe(sink);
    let output = '';
    for await (const chunk of sink) output += (chunk as Buffer).toString('utf8');
    if (/"error"/.test(output))
      throw new EnvironmentError(`loading ${image.tag} failed: ${output.trim().slice(0, 300)}`);
    if (!(await imageExists(docker, image.tag)))
      throw new EnvironmentError(`loading ${image.tag} did not create it`);
    phase.done();
    loaded.push({ tag: image.tag, labs: image.labs, bytes: image.bytes });
  }
  return loaded;
}
