// Root-relative paths with the configured `base` in front, so the site works at / and at /storylabs/.
const base = import.meta.env.BASE_URL.replace(/\/$/, '');

/** withBase('/labs/my-lab/') -> '/storylabs/labs/my-lab/' when base is /storylabs. */
export function withBase(path: string): string {
  if (!path.startsWith('/')) throw new Error(`withBase expects a root-relative path, got '${path}'`);
  return `${base}${path}`;
}
