// Builds tar, tar.gz and zip archives byte by byte for tests, including the hostile kinds no archiver
// writes on purpose (`../` names, absolute links, device files, bombs).
import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  name: string;
  /** File content; omitted for folders, links and special files. */
  content?: string | Buffer;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'fifo';
  /** Target of a link. */
  target?: string;
  mode?: number;
  /** Zip only: the uncompressed size the headers declare, when it is to differ from the content's (a lying archive). */
  declaredSize?: number;
}

const tarTypes = { file: '0', hardlink: '1', symlink: '2', chardev: '3', dir: '5', fifo: '6', pax: 'x' } as const;

/** A ustar archive of the entries (uncompressed); a name longer than 100 bytes goes into a pax header, as GNU tar writes it. */
export function buildTar(entries: ArchiveEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    if (Buffer.byteLength(entry.name) > 100)
      blocks.push(...tarBlocks({ name: 'PaxHeader', type: 'pax', content: paxRecord('path', entry.name) }));
    blocks.push(...tarBlocks(entry));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** One pax extended-header record: its own length in decimal, then `key=value` and a newline. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length += 1;
  return `${length}${body}`;
}

/** The header and body blocks of one tar entry. */
function tarBlocks(entry: Omit<ArchiveEntry, 'type'> & { type?: ArchiveEntry['type'] | 'pax' }): Buffer[] {
  const type = entry.type ?? 'file';
  const body = Buffer.from(entry.content ?? '');
  const header = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) => header.write(text.slice(0, length), offset, length, 'utf8');
  put(entry.name, 0, 100);
  put(`${(entry.mode ?? (type === 'dir' ? 0o755 : 0o644)).toString(8).padStart(7, '0')}\0`, 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 12);
  put(
    `${Math.floor(Date.UTC(2026, 0, 1) / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    12,
  );
  put('        ', 148, 8);
  put(tarTypes[type], 156, 1);
  put(entry.target ?? '', 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  const sum = header.reduce((total, byte) => total + byte, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return [header, body, Buffer.alloc((512 - (body.length % 512)) % 512)];
}

/** A gzipped ustar archive. */
export const buildTgz = (entries: ArchiveEntry[]): Buffer => gzipSync(buildTar(entries));

/**
 * A gzip bomb: `mib` MiB of zero bytes in a valid gzip file about 1,000 times smaller. Built in a second or two
 * instead of compressing them all: one MiB is deflated once, ending on a full flush (so it refers to nothing
 * before it), and that segment is repeated; the trailer holds the CRC-32 and size of the whole.
 */
export function buildGzipBomb(mib: number): Buffer {
  const zeros = Buffer.alloc(1024 * 1024);
  const segment = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((mib * zeros.length) % 2 ** 32, 4);
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  return Buffer.concat([header, ...Array<Buffer>(mib).fill(segment), deflateRawSync(Buffer.alloc(0)), trailer]);
}

/** A zip archive (deflated entries; links and special files through the Unix mode in the external attributes). */
export function buildZip(entries: ArchiveEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const name = Buffer.from(type === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name);
    const raw = Buffer.from(type === 'symlink' ? (entry.target ?? '') : (entry.content ?? ''));
    const packed = deflateRawSync(raw);
    const kind = { file: 0o100000, dir: 0o040000, symlink: 0o120000, chardev: 0o020000, fifo: 0o010000, hardlink: 0o100000 }[type];
    const mode = kind | (entry.mode ?? (type === 'dir' ? 0o755 : 0o644));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.declaredSize ?? raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.declaredSize ?? raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
