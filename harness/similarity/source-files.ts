// The source files of a submission that similarity compares: its TypeScript and JavaScript, in path order, without
// dependencies, build output or hidden folders, without following links, and bounded (a submission is untrusted
// input: a huge one is cut short, and says so).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceFile {
  /** Relative to the submission's root, with forward slashes. */
  path: string;
  content: string;
}

export const sourceLimits: Readonly<{ files: number; fileBytes: number; totalBytes: number }> = {
  files: 400,
  fileBytes: 256 * 1024,
  totalBytes: 4 * 1024 * 1024,
};

/** What similarity compares: TypeScript and JavaScript. */
export const codeFiles = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** What a reviewer reads: code, SQL migrations, package.json and configuration, not lockfiles. */
export const reviewFiles = /(?:\.(?:[cm]?[jt]s|[jt]sx|sql|ya?ml|env\.example)|^package\.json|^tsconfig\.json|^Dockerfile)$/;
const skipped = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

/** The sources under `root`; `truncated` when a limit cut them short. */
export function readSourceFiles(
  root: string,
  limits = sourceLimits,
  wanted: RegExp = codeFiles,
): { files: SourceFile[]; truncated: boolean } {
  const files: SourceFile[] = [];
  let total = 0;
  let truncated = false;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (truncated) return;
      if (name.startsWith('.') || skipped.has(name)) continue;
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && wanted.test(name) && !name.endsWith('.d.ts')) {
        if (files.length >= limits.files || stat.size > limits.fileBytes || total + stat.size > limits.totalBytes) {
          truncated = true;
          return;
        }
        total += stat.size;
        files.push({ path: relative(root, path).split('\\').join('/'), content: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return { files, truncated };
}
