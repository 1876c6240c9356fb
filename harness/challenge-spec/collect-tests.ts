// The tests of challenges as vitest itself collects them: each test file is imported and its tests registered,
// none runs. Hidden files give the check ids they declare (`check(id, …)` registers a test named id), public
// files their test names. One vitest instance collects every challenge asked for, so validating all of them
// costs one start-up.
import { relative, sep } from 'node:path';
import { createVitest } from 'vitest/node';
import type { GradeContextData } from '../testkit/grade-context.ts';
import type { Suite } from '../suite.ts';

export interface CollectedFile {
  /** Absolute path of the test file. */
  file: string;
  suite: Suite;
  /** The names of its tests in source order: check ids in a hidden file. */
  tests: string[];
  /** Why the file could not be collected (an import that throws, a syntax error, no test at all). */
  errors: string[];
}

/** Collects the hidden and public tests of the given challenges of `root`; challenge id → its files, sorted by path. */
export async function collectChallengeTests(root: string, ids: readonly string[], cacheDir: string): Promise<Map<string, CollectedFile[]>> {
  const byChallenge = new Map<string, CollectedFile[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byChallenge;
  const previousExitCode = process.exitCode;
  const vitest = await createVitest(
    {
      watch: false,
      config: false,
      root,
      include: ids.flatMap((id) => [`${id}/hidden/**/*.test.ts`, `${id}/public/**/*.test.ts`]),
      reporters: [],
      pool: 'forks',
      isolate: false,
      silent: true,
      passWithNoTests: true,
      provide: { bch: collectionContext },
      // Collection transforms the hidden tests: keep them out of the repository's node_modules/.vitest-cache.
      fsModuleCache: false,
    },
    { cacheDir, logLevel: 'silent', server: { watch: null } },
  );
  try {
    // staticParse: false imports each file, so check() calls made through helpers and loops are seen too.
    const { testModules } = await vitest.collect(undefined, { staticParse: false });
    for (const module of testModules) {
      const [id, suite] = relative(root, module.moduleId).split(sep);
      const tests = [...module.children.allTests()].map((test) => test.name);
      const errors = module.errors().map((error) => firstLine(error.message));
      byChallenge.get(id)?.push({ file: module.moduleId, suite: suite as CollectedFile['suite'], tests, errors });
    }
  } finally {
    await vitest.close();
    process.exitCode = previousExitCode;
  }
  for (const files of byChallenge.values()) files.sort((a, b) => a.file.localeCompare(b.file));
  return byChallenge;
}

/** The grade context during collection: nothing runs, so no service, folder or sandbox is set up. Only
 * collectOnly matters: check() then registers every id, declared in the manifest or not. */
const collectionContext = {
  challengeId: '(collection)',
  suite: 'hidden',
  quick: true,
  collectOnly: true,
  checks: {},
  env: {},
  modules: {},
} as unknown as GradeContextData;

function firstLine(message: string): string {
  return message.replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0];
}
