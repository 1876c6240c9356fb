// The import rules of the repository, checked by `npm run lint:deps` (part of `npm test`); docs/architecture.md
// ("Layers") explains them. A new import that breaks one fails with the rule's name and comment. The imports that
// broke a rule when the rules were made are listed, one by one, in .dependency-cruiser-known-violations.json:
// known debts, not exceptions to copy; fix one and take it off the list (`npx depcruise "harness/**/*.ts"
// "challenges/**/*.ts" --output-type baseline > .dependency-cruiser-known-violations.json` writes it anew).
// dependency-cruiser cannot use TypeScript 7.0's compiler and says so ("missing-tsc-transpiler"); it reads the
// sources without it, and finds every import of the tree but type-only re-exports (`export type { … } from`).

/** The folders of harness/, top layer first. A folder imports only from the layers below it and its own. */
const layers = [
  ['cli'],
  ['batch', 'bench', 'candidate-kit', 'ci-workflow', 'dev', 'doctor', 'html-report', 'scaffold', 'similarity'],
  ['reporters'],
  ['grading'],
  ['testkit'],
  ['challenge-spec'],
  ['providers'],
  ['config'],
  ['services'],
  ['clean'],
  ['sandbox', 'submission'],
  ['lifecycle'],
  ['process'],
];

const folders = (layer) => `^harness/(${layer.join('|')})/`;

const layerRules = layers.slice(1).map((layer, index) => ({
  name: `layer-${layer.join('-')}`,
  severity: 'error',
  comment: `${layer.join(', ')} must not import from a layer above it (${layers
    .slice(0, index + 1)
    .flat()
    .join(', ')}): move the shared code down, or pass it in`,
  from: { path: folders(layer), pathNot: '\\.test\\.ts$' },
  to: { path: folders(layers.slice(0, index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a cycle of imports: break it by moving the shared part into a module both may import',
      from: { path: '^harness/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'root-files-at-the-bottom',
      severity: 'error',
      comment:
        'the files at the root of harness/ (errors.ts, eventually.ts, suite.ts) are imported by every layer, so they import no folder of the harness',
      from: { path: '^harness/[^/]+\\.ts$' },
      to: { path: '^harness/[^/]+/' },
    },
    {
      name: 'challenge-code-through-the-testkit',
      severity: 'error',
      comment:
        "a challenge's tests and fixtures import the harness only through harness/testkit/index.ts: what they need from inside becomes testkit API",
      from: { path: '^challenges/[^/]+/(fixtures|hidden|tests)/' },
      to: { path: '^harness/', pathNot: '^harness/testkit/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
  },
};
