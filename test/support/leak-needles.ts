// The needles of the leak-search cases (test/fixtures/hostile/leak-search/): salted hashes of everything no sandbox
// may show, for every challenge, whichever one a case grades: hidden tests, fixtures (except the `sandbox.files` a
// candidate's processes run), known-bad variants and reference solutions, by file and by distinctive line (minus the
// lines files a candidate may see also hold), and the admin URLs the corpus passes to bch; and the package files npm
// installed, which the search hashes whole instead of line by line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadChallenge } from '../../harness/challenge-spec/load-challenge.ts';
import { harnessNodeModules } from '../../harness/process/harness-modules.ts';
import { distinctiveLines, type Needles, saltedHash, serviceUrls } from '../fixtures/hostile/kit/leak-search.ts';
import { repositoryFiles } from './repository-files.ts';
import { repoRoot } from './variants.ts';

/** Repository files no sandbox may show, relative to the repository. */
export function secretFiles(): string[] {
  const challenges = readdirSync(join(repoRoot, 'challenges'));
  const visible = new Set(
    challenges.flatMap((id) =>
      loadChallenge(id).manifest.sandbox.files.map((file) => relative(repoRoot, join(repoRoot, 'challenges', id, file))),
    ),
  );
  return repositoryFiles().filter(
    (file) =>
      (/^challenges\/[^/]+\/(hidden|fixtures|variants)\//.test(file) ||
        /^challenges\/[^/]+\/variants\.yaml$/.test(file) ||
        file.startsWith('solutions/')) &&
      !visible.has(file),
  );
}

/** The needles, salted with `salt`; `adminUrls` maps a label to an admin URL. */
export function leakNeedles(salt: string, adminUrls: Record<string, string>): Needles {
  const secret = secretFiles();
  const secretSet = new Set(secret);
  const allowed = repositoryFiles().filter((file) => !secretSet.has(file));
  const read = (file: string) => readFileSync(join(repoRoot, file));
  const allowedHashes = new Set(allowed.map((file) => saltedHash(salt, read(file))));
  const allowedLines = new Set(allowed.flatMap((file) => distinctiveLines(read(file).toString('utf8'))));
  const needles: Needles = { salt, labels: [], lines: {}, files: {}, admin: {}, packageFiles: installedPackageFiles(salt) };
  for (const file of secret) {
    const label = needles.labels.push(file) - 1;
    const content = read(file);
    const whole = saltedHash(salt, content);
    // A hidden file identical to one a candidate sees (a solution's unchanged config.ts = the starter's) is no leak.
    if (!allowedHashes.has(whole)) needles.files[whole] = label;
    for (const line of distinctiveLines(content.toString('utf8')))
      if (!allowedLines.has(line)) needles.lines[saltedHash(salt, line)] = label;
  }
  for (const [name, url] of Object.entries(adminUrls)) {
    const label = needles.labels.push(`${name} admin URL`) - 1;
    for (const authority of serviceUrls(url)) needles.admin[saltedHash(salt, authority)] = label;
  }
  return needles;
}

/** Salted hashes of the text files npm installed in the harness's node_modules: those not newer than npm's own record
 * of the install (node_modules/.package-lock.json), so a file a grade wrote there later is searched like any other. */
function installedPackageFiles(salt: string): string[] {
  const installedAt = statSync(join(harnessNodeModules, '.package-lock.json')).mtimeMs;
  const hashes = new Set<string>();
  for (const entry of readdirSync(harnessNodeModules, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || relative(harnessNodeModules, path).startsWith('.') || statSync(path).mtimeMs > installedAt) continue;
    const content = readFileSync(path);
    if (content.length <= 4 * 1024 * 1024 && !content.subarray(0, 8192).includes(0)) hashes.add(saltedHash(salt, content));
  }
  return [...hashes];
}
