// `pnpm lab compose`: a lab instance as a Compose file, with the address slot and images chosen
// against the Docker engine DOCKER_HOST names (the file itself is `composeProject`, a pure function).
import {
  type ComposeExportOptions,
  type ComposeSpecification,
  composeHeader,
  composeProject,
} from './compose.ts';
import { connectDocker, type Docker } from './docker.ts';
import { publishAddress } from './engine.ts';
import { findInstance, labImages } from './environment.ts';
import { errorMessage } from './errors.ts';
import { imageExists } from './images.ts';
import { instanceLayout, layoutFits, maxSlot } from './layout.ts';
import type { LabEntry } from './registry.ts';
import { DEFAULT_INSTANCE } from './state.ts';

export interface ComposeExport {
  file: ComposeSpecification;
  /** Comment lines for the top of a YAML file. */
  header: string[];
  options: ComposeExportOptions;
  /** Images the engine lacks (build them with `pnpm lab prepare <lab>`). */
  missingImages: string[];
  /** Said to the user: how the slot was chosen, what is missing, where the engine could not be asked. */
  warnings: string[];
}

/** The first address slot none of whose subnets overlaps a network the engine has now. */
export async function firstFreeSlot(entry: LabEntry, docker: Docker): Promise<number> {
  if (Object.keys(entry.lab.networks).length === 0) return 0;
  const networks = await docker.container.dockerode.listNetworks();
  const taken = networks.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean));
  const last = Math.min(maxSlot(entry.lab), 255);
  for (let slot = 0; slot <= last; slot++)
    if (layoutFits(instanceLayout(entry.lab, slot), taken)) return slot;
  return 0;
}

/**
 * The Compose file of one instance. With an engine to ask, its address slot is the first one free
 * there now, and images it lacks are listed; with none, slot 0 and a warning.
 */
export async function exportCompose(
  entry: LabEntry,
  options: { instance?: string; slot?: number } = {},
): Promise<ComposeExport> {
  const instance = options.instance ?? DEFAULT_INSTANCE;
  const warnings: string[] = [];
  const { tags } = labImages(entry);
  let slot = options.slot;
  let missingImages: string[] = [];
  let docker: Docker | undefined;
  try {
    docker = await connectDocker();
  } catch (error) {
    warnings.push(
      `no Docker engine answered (${errorMessage(error).split('\n')[0]}); the file uses address slot ${slot ?? 0} and cannot say whether its images are built`,
    );
  }
  if (docker) {
    const engine = docker;
    if (await findInstance(entry, instance, engine)) {
      warnings.push(
        `instance '${instance}' of lab '${entry.id}' exists on this engine already: \`docker compose up\` would clash with its names; pick another --instance or \`pnpm lab down ${entry.id}${instance === DEFAULT_INSTANCE ? '' : ` --instance ${instance}`}\` first`,
      );
    }
    slot ??= await firstFreeSlot(entry, engine);
    missingImages = [];
    for (const tag of new Set(Object.values(tags)))
      if (!(await imageExists(engine, tag))) missingImages.push(tag);
    if (missingImages.length > 0)
      warnings.push(
        `the engine lacks ${missingImages.length === 1 ? 'the image' : 'images'} ${missingImages.join(', ')}: build ${missingImages.length === 1 ? 'it' : 'them'} with \`pnpm lab prepare ${entry.id}\` (or load a bundle) before \`docker compose up\``,
      );
  }
  const exportOptions: ComposeExportOptions = {
    instance,
    slot: slot ?? 0,
    images: tags,
    labDir: entry.dir,
    bindAddress: publishAddress(),
  };
  return {
    file: composeProject(entry.lab, exportOptions),
    header: composeHeader(entry.lab, exportOptions),
    options: exportOptions,
    missingImages,
    warnings,
  };
}
