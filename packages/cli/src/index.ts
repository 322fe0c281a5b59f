export { helpText, type ParsedArgs, parseArgv } from './args.ts';
export * as commands from './commands.ts';
export { type MainOptions, main } from './main.ts';
export { type Io, Ui } from './ui.ts';
