declare module 'virtual:storylabs/labs' {
  const labs: ReadonlyArray<{
    /** The package folder's name, which the manifest's id must equal. */
    id: string;
    /** The package name. */
    name: string;
    module: { default?: unknown };
    /** The module the package exports as "./figures", if any: its default is the figures its pages show. */
    figures: { default?: unknown } | undefined;
  }>;
  export default labs;
}
