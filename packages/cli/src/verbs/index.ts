// Every verb of `pnpm lab`, in the order `help` lists them. Each is defined once, in its own file.
import type { VerbDefinition } from '../context.ts';
import answer from './answer.ts';
import board from './board.ts';
import check from './check.ts';
import compose from './compose.ts';
import doctor from './doctor.ts';
import down from './down.ts';
import exec from './exec.ts';
import help from './help.ts';
import hint from './hint.ts';
import join from './join.ts';
import list from './list.ts';
import load from './load.ts';
import logs from './logs.ts';
import pack from './pack.ts';
import prepare from './prepare.ts';
import reset from './reset.ts';
import setup from './setup.ts';
import shell from './shell.ts';
import solution from './solution.ts';
import solve from './solve.ts';
import status from './status.ts';
import up from './up.ts';

export const VERBS: readonly VerbDefinition[] = [
  list,
  up,
  down,
  status,
  check,
  hint,
  answer,
  solution,
  solve,
  reset,
  logs,
  shell,
  exec,
  doctor,
  prepare,
  pack,
  load,
  compose,
  setup,
  board,
  join,
  help,
];

export const VERB_NAMES: readonly string[] = VERBS.map((v) => v.name);

export function verbNamed(name: string): VerbDefinition | undefined {
  return VERBS.find((v) => v.name === name);
}
