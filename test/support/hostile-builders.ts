// Raw hostile submissions for test/fixtures/hostile/cases.yaml (`build: <name>`): what no base plus attack can
// express, such as archives with hostile entries and git URLs with hostile transports. Each builder writes what it
// needs under `dir` and returns the argument `bch grade` receives.
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildGzipBomb, buildTgz, buildZip, type ArchiveEntry } from './build-archive.ts';
import { repoRoot } from './variants.ts';

export interface BuildRequest {
  /** An empty folder of the case's own. */
  dir: string;
  /** The corpus build's token (`childMarker(token)` marks the processes a case starts). */
  token: string;
  challenge: string;
  /** Writes into `into` a base submission with the attack folder test/fixtures/hostile/<attack>/ over it (as a case with a base). */
  placeAttack: (base: 'starter' | 'reference', into: string, attack: string) => Promise<void>;
  /** Sends a built folder in a form: the folder itself, an archive beside it, or a git repository (path#ref). */
  sendAs: (form: 'folder' | 'tgz' | 'zip' | 'git', dir: string) => Promise<string>;
}

export type HostileBuilder = (request: BuildRequest) => Promise<string>;

/** Links in a chain that leads from a submission's top folder to `/` (more than any grade folder is deep). */
const chainLength = 20;

/**
 * The links of the chain: `up0 -> .`, `up1 -> up0/..`, … and `.tsx-cache -> up19`. Each link, read alone, stays
 * inside the submission (`upN/..` is the top folder); followed, every link climbs one folder more, so `.tsx-cache`
 * is the machine's `/` from any folder less than 20 deep. The last link holds no `..` of its own: fs.cp's rewrite
 * (an absolute path into the tree it copies from, normalized by its text) keeps it pointing at the chain.
 */
function chainLinks(): ArchiveEntry[] {
  const links: ArchiveEntry[] = [{ name: 'up0', type: 'symlink', target: '.' }];
  for (let i = 1; i < chainLength; i++) links.push({ name: `up${i}`, type: 'symlink', target: `up${i - 1}/..` });
  links.push({ name: '.tsx-cache', type: 'symlink', target: `up${chainLength - 1}` });
  return links;
}

/**
 * The reference with the symlink-chain attack (test/fixtures/hostile/symlink-chain/) and the chain itself, in
 * `dir`/submission; the attack learns where the repository and the written-through file would be on the host.
 */
async function chainedReference({ dir, placeAttack }: BuildRequest): Promise<string> {
  const folder = join(dir, 'submission');
  await mkdir(folder);
  await placeAttack('reference', folder, 'symlink-chain');
  await writeFile(
    join(folder, '.hostile-paths.json'),
    JSON.stringify({ repo: repoRoot, writtenThrough: join(dir, 'written-through-link') }),
  );
  for (const link of chainLinks()) await symlink(link.target!, join(folder, link.name));
  return folder;
}

/** An entry that lies under the chain's last link: written through it, it lands in the case's folder on the host. */
const throughTheChain = (dir: string): ArchiveEntry => ({
  name: `.tsx-cache${join(dir, 'written-through-link')}`,
  content: 'written through a link of the archive\n',
});

/** A git URL with a hostile transport: the command it would run only leaves a file in the case's folder. */
const gitUrl =
  (url: (dir: string) => string): HostileBuilder =>
  async ({ dir }) =>
    url(dir);

export const hostileBuilders: Record<string, HostileBuilder> = {
  /** A .tar.gz whose only file is outside the archive's root (`../escape.ts`). */
  'tar-dot-dot': async ({ dir }) => {
    const file = join(dir, 'submission.tar.gz');
    await writeFile(file, buildTgz([{ name: '../escape.ts', content: 'export {};\n' }]));
    return file;
  },
  /** The reference, with `.tsx-cache` a chain of links to `/`, as a folder. */
  'symlink-chain-folder': async (request) => request.sendAs('folder', await chainedReference(request)),
  /** The same, as a .tar.gz of the links as they are. */
  'symlink-chain-tgz': async (request) => request.sendAs('tgz', await chainedReference(request)),
  /** The same, as a .zip. */
  'symlink-chain-zip': async (request) => request.sendAs('zip', await chainedReference(request)),
  /** The same, committed to a git repository and sent as a file:// URL. */
  'symlink-chain-git': async (request) => `file://${await request.sendAs('git', await chainedReference(request))}`,
  /** The starter as a .tar.gz, with the chain and then a file under it: written through the links, it leaves the archive. */
  'tar-through-link': async ({ dir, challenge }) => {
    const file = join(dir, 'submission.tar.gz');
    await writeFile(file, buildTgz([...(await starterEntries(challenge)), ...chainLinks(), throughTheChain(dir)]));
    return file;
  },
  /** The same as a .zip. */
  'zip-through-link': async ({ dir, challenge }) => {
    const file = join(dir, 'submission.zip');
    await writeFile(file, buildZip([...(await starterEntries(challenge)), ...chainLinks(), throughTheChain(dir)]));
    return file;
  },
  /** The starter as a .tar.gz with one more file, in a folder whose name is 300 characters long (a pax header carries it). */
  'long-name-tar': async ({ dir, challenge }) => {
    const file = join(dir, 'submission.tar.gz');
    await writeFile(
      file,
      buildTgz([...(await starterEntries(challenge)), { name: `src/${'n'.repeat(300)}/x.ts`, content: 'export {};\n' }]),
    );
    return file;
  },
  /** 4 GiB of zero bytes gzipped into a 4 MB .tar.gz (built here, never committed). */
  'gzip-bomb': async ({ dir }) => {
    const file = join(dir, 'submission.tar.gz');
    await writeFile(file, buildGzipBomb(4096));
    return file;
  },
  /** git's ext:: transport runs a command of the URL's choosing. */
  'git-ext': gitUrl((dir) => `ext::sh -c touch% ${join(dir, 'ext-ran')}`),
  /** The same behind npm's git+ prefix. */
  'git-plus-ext': gitUrl((dir) => `git+ext::sh -c touch% ${join(dir, 'ext-ran')}`),
  /** git's fd:: transport talks over an inherited file descriptor: here one that never answers. */
  'git-fd': gitUrl(() => 'fd::3'),
  /** An ssh URL whose host is an ssh option that runs a command. */
  'git-ssh-proxycommand': gitUrl((dir) => `ssh://-oProxyCommand=touch%20${join(dir, 'proxy-ran')}/repo.git`),
};

/** The files of a challenge's starter as archive entries. */
async function starterEntries(challenge: string): Promise<ArchiveEntry[]> {
  const root = join(repoRoot, 'challenges', challenge, 'starter');
  const entries: ArchiveEntry[] = [];
  for (const d of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(d.parentPath, d.name);
    if (d.isFile() && !path.includes('node_modules')) entries.push({ name: path.slice(root.length + 1), content: await readFile(path) });
  }
  return entries;
}
