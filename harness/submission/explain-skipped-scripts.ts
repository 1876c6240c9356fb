// When a service fails to load a module, names the packages whose install scripts npm did not run: a native
// module without prebuilt binaries (bcrypt@5, sqlite3 …) installs "fine" and then cannot be loaded.

const missingModule =
  /MODULE_NOT_FOUND|ERR_MODULE_NOT_FOUND|Cannot find module|ERR_DLOPEN_FAILED|Could not locate the bindings file|No native build was found|\.node['"]/;
const nativeBinary = /ERR_DLOPEN_FAILED|Could not locate the bindings file|No native build was found|\.node['"]/;

/** A sentence naming the skipped-script packages that likely caused a load failure, or undefined when none applies. */
export function explainSkippedScripts(failureText: string, installScriptsSkipped: readonly string[]): string | undefined {
  if (installScriptsSkipped.length === 0 || !missingModule.test(failureText)) return undefined;
  const named = installScriptsSkipped.filter(
    (pkg) =>
      failureText.includes(`/node_modules/${pkg.slice(0, pkg.lastIndexOf('@'))}/`) ||
      failureText.includes(`'${pkg.slice(0, pkg.lastIndexOf('@'))}'`),
  );
  // Without a package named in the failure, only a missing native binary points to a skipped script.
  if (named.length === 0 && !nativeBinary.test(failureText)) return undefined;
  const list = (named.length > 0 ? named : installScriptsSkipped).join(', ');
  return `${named.length > 0 ? 'it needs' : 'it may need'} the install script of ${list}, which bch does not run (npm ci --ignore-scripts). Use a package that ships prebuilt binaries or is plain JavaScript (e.g. bcrypt@6 or bcryptjs instead of bcrypt@5).`;
}
