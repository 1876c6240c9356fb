// The files a set of entry modules needs, found by following their imports (static, dynamic with a literal,
// `import.meta.resolve` of a package name) and the sibling scripts they name by a relative `.ts` literal (a driver script
// forked with `new URL('./lru-driver.ts', import.meta.url)`), plus the npm packages they import.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { stripTypeScriptTypes, builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { init, parse } from 'es-module-lexer';

export interface ModuleGraph {
  /** Absolute paths of every module reached, the entries included, sorted. */
  files: string[];
  /** npm package names imported (bare specifiers without their sub-path), sorted. */
  packages: string[];
}

const builtins = new Set(builtinModules);
const resolveCall = /import\.meta\.resolve\(\s*(['"])([@a-z0-9][\w./@-]*)\1\s*\)/g;
const relativeScript = /(['"`])(\.{1,2}\/[^'"`\s]+\.(?:ts|js))\1/g;

/** Walks the imports from the entries; a relative import that names no file is an error naming the importer. */
export async function collectModuleGraph(entries: readonly string[]): Promise<ModuleGraph> {
  await init;
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = entries.map((entry) => resolve(entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const code = codeOf(file);
    for (const specifier of specifiersOf(code, file)) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = resolve(dirname(file), specifier);
        if (!existsSync(target) || !statSync(target).isFile()) throw new Error(`${file} imports ${specifier}, which is not a file`);
        pending.push(target);
      } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
        packages.add(packageNameOf(specifier));
      }
    }
    for (const script of siblingScriptsOf(code, file)) pending.push(script);
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** A module's code as JavaScript: types stripped, so type-only imports and type positions name nothing. */
function codeOf(file: string): string {
  const source = readFileSync(file, 'utf8');
  return file.endsWith('.ts') ? stripTypes(source) : source;
}

/** The import specifiers of one module: static and literal dynamic imports, and import.meta.resolve calls. */
function specifiersOf(code: string, file: string): string[] {
  const [imports] = parse(code, file);
  const specifiers = imports.flatMap((entry) => (entry.n === undefined ? [] : [entry.n]));
  for (const match of code.matchAll(resolveCall)) specifiers.push(match[2]);
  return specifiers;
}

/** Relative `.ts`/`.js` literals in a module that name an existing file: scripts it starts by path. */
function siblingScriptsOf(code: string, file: string): string[] {
  return [...code.matchAll(relativeScript)]
    .map((match) => resolve(dirname(file), match[2]))
    .filter((target) => existsSync(target) && statSync(target).isFile());
}

/** node:module's stripTypeScriptTypes, without the ExperimentalWarning it prints once on the user's terminal. */
function stripTypes(source: string): string {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('stripTypeScriptTypes')) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return stripTypeScriptTypes(source);
  } finally {
    process.emitWarning = emit;
  }
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
