#!/usr/bin/env node
// A committed shim: Node 24 runs the TypeScript source directly (type stripping), so there is no build step.
// Plain JavaScript that any Node parses: an older Node gets told what it needs instead of failing on `.ts`.
const NODE_MIN = [22, 22]; // package.json engines.node (a test keeps them equal)
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NODE_MIN[0] || (major === NODE_MIN[0] && minor < NODE_MIN[1])) {
  process.stderr.write(
    `error: Storylabs needs Node.js ${NODE_MIN.join('.')} or newer (24 LTS recommended); this is Node.js ${process.version} (${process.execPath})\n` +
      '    get it: ./lab in the repository sets up Node 24 on Debian/Ubuntu (or `bash scripts/provision.sh node`);\n' +
      '    elsewhere `nvm install` / `fnm install` (.nvmrc pins 24), or https://nodejs.org\n',
  );
  process.exit(2);
}
// --debug must reach testcontainers' logger before it is first imported, so the import is dynamic.
if (process.argv.includes('--debug') && !process.env.DEBUG) process.env.DEBUG = 'testcontainers*';
const { main } = await import('../src/main.ts');
// Exit explicitly: Docker client sockets must not keep a finished command alive.
process.exit(await main(process.argv.slice(2)));
