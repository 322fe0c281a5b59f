declare module 'virtual:storylabs/labs' {
  const labs: ReadonlyArray<{
    /** The package folder's name, which the manifest's id must equal. */
    id: string;
    /** The package name. */
    name: string;
    module: { default?: unknown };
    /** What the package exports as "./figures", if anything: the figures its page shows. */
    figures: Record<string, unknown> | undefined;
  }>;
  export default labs;
}
