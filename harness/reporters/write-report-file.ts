// Writes a report file, creating its folder first (mkdir -p), so a reporter can be pointed anywhere.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes the text to the file, replacing it, after creating the missing folders. */
export async function writeReportFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
}
