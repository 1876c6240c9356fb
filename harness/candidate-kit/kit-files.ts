// The small generated files of a kit: package.json, tsconfig.json, the GitHub Actions workflow, .gitignore and .nvmrc.
import type { KitRoot } from './derive-lockfile.ts';

/**
 * The kit's package.json: `test` runs the candidate's own tests (vitest, in the working folder) and then the public
 * tests against it, each also alone (`test:own`, `test:public`); `typecheck` type-checks the working folder.
 * Own tests that fail stop `npm test` before the public tests, as any failing step of a test script does.
 */
export function kitPackageJson(root: KitRoot, challengeId: string, workingFolder: string): string {
  const manifest = {
    name: root.name,
    version: root.version,
    description: `Candidate kit for the "${challengeId}" challenge: the public tests and the harness that runs them.`,
    private: true,
    type: 'module',
    bin: { bch: 'bin/bch.js' },
    engines: root.engines,
    scripts: {
      // The public tests last, so that `npm test -- <flags>` passes the flags to them (npm appends them).
      test: `npm run test:own && node bin/bch.js test ${challengeId} ${workingFolder}`,
      'test:own': `vitest run --dir ${workingFolder} --passWithNoTests`,
      'test:public': `node bin/bch.js test ${challengeId} ${workingFolder}`,
      typecheck: 'tsc -p tsconfig.json',
    },
    dependencies: root.dependencies,
    ...(root.devDependencies && { devDependencies: root.devDependencies }),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A workflow that runs the public tests on every push and pull request (GitHub's runners have Docker). */
export function kitWorkflow(): string {
  return `# Runs your own tests and the public tests on every push: the same command as \`npm test\` on your machine.
name: public tests
on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  public-tests:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version-file: .nvmrc
          cache: npm
      - run: npm ci --no-audit --no-fund
      - run: npm run typecheck
      - run: npm test
`;
}

/** TypeScript as the starter writes it and Node runs it (type stripping): \`.ts\` imports, erasable syntax only, strict. */
export function kitTsconfig(workingFolder: string): string {
  const config = {
    compilerOptions: {
      target: 'es2023',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      erasableSyntaxOnly: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: [`${workingFolder}/**/*.ts`],
    exclude: [`${workingFolder}/node_modules`],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export const kitGitignore = 'node_modules/\n*.log\n.DS_Store\n';
