export { type ParsedArgs, parseArgv } from './args.ts';
export type { Command, CommandContext, VerbDefinition } from './context.ts';
export { type MainOptions, main } from './main.ts';
export { type Io, Ui } from './ui.ts';
export { helpText } from './verbs/help.ts';
export { VERBS } from './verbs/index.ts';
