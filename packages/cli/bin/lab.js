#!/usr/bin/env node
// A committed shim: Node 24 runs the TypeScript source directly (type stripping), so there is no build step.
import { main } from '../src/main.ts';

process.exitCode = await main(process.argv.slice(2));
