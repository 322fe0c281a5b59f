#!/usr/bin/env node
// A committed shim: Node 24 runs the TypeScript source directly (type stripping), so there is no build step.
import { main } from '../src/main.ts';

// Exit explicitly: Docker client sockets must not keep a finished command alive.
process.exit(await main(process.argv.slice(2)));
