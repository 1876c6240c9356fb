#!/usr/bin/env node
// The `bch` command. Plain JavaScript so that an old Node.js gets a clear message instead of a syntax error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 22)) {
  console.error(
    `bch needs Node.js 22.22 or newer (this is ${process.version}). Install a current one ("nvm install" reads .nvmrc; on a bare Debian machine, "bash scripts/setup.sh" in the harness repository) and run the command again.`,
  );
  process.exit(2);
}
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
