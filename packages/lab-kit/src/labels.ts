// Every container, network and volume a lab creates carries these labels, so `down` can find and
// remove everything after any crash, with or without testcontainers' Ryuk.
export const LABEL_MANAGED = 'dev.storylabs.managed';
export const LABEL_LAB = 'dev.storylabs.lab';
export const LABEL_INSTANCE = 'dev.storylabs.instance';
export const LABEL_SERVICE = 'dev.storylabs.service';
export const LABEL_NETWORK = 'dev.storylabs.network';

export function labLabels(labId: string, instanceId: string): Record<string, string> {
  return { [LABEL_MANAGED]: 'true', [LABEL_LAB]: labId, [LABEL_INSTANCE]: instanceId };
}
export const LABEL_VOLUME = 'dev.storylabs.volume';
/** Which address block an instance's networks use (see layout.ts). */
export const LABEL_SLOT = 'dev.storylabs.slot';
