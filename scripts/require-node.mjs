// Runs a TypeScript script of this repository after checking the Node version, so an older Node says what
// it needs instead of failing on `.ts` (ERR_UNKNOWN_FILE_EXTENSION) or a missing built-in (node:sqlite).
// Plain JavaScript that any Node parses. Usage: node scripts/require-node.mjs scripts/<name>.ts [args...]
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const NODE_MIN = [22, 22]; // package.json engines.node (a test keeps them equal)
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NODE_MIN[0] || (major === NODE_MIN[0] && minor < NODE_MIN[1])) {
  process.stderr.write(
    `error: Storylabs needs Node.js ${NODE_MIN.join('.')} or newer (24 LTS recommended); this is Node.js ${process.version} (${process.execPath})\n` +
      '    get it: ./lab sets up Node 24 on Debian/Ubuntu (or `bash scripts/provision.sh node`);\n' +
      '    elsewhere `nvm install` / `fnm install` (.nvmrc pins 24), or https://nodejs.org\n',
  );
  process.exit(2);
}
const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/require-node.mjs <script.ts> [args...]\n');
  process.exit(2);
}
// The script sees the argv it would have had when run directly: [node, script, ...args].
const resolved = path.resolve(script);
process.argv = [process.argv[0], resolved, ...args];
await import(pathToFileURL(resolved).href);
