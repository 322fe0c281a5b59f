#!/usr/bin/env node
// A committed shim: Node 24 runs the TypeScript source directly (type stripping), so there is no build step.
// --debug must reach testcontainers' logger before it is first imported, so the import is dynamic.
if (process.argv.includes('--debug') && !process.env.DEBUG) process.env.DEBUG = 'testcontainers*';
const { main } = await import('../src/main.ts');
// Exit explicitly: Docker client sockets must not keep a finished command alive.
process.exit(await main(process.argv.slice(2)));
