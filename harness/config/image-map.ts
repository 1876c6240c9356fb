// The local stand-in images the machine set-up built (scripts/setup.sh) where the pinned official images cannot be
// pulled, recorded in <cache dir>/images.json as { "postgres": "bch-local/postgres:<hash>", … }, so that a new shell
// finds them without exported variables.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EnvironmentError } from '../errors.ts';
import { serviceNames } from '../services/service-registry.ts';

export const imageMapFileName = 'images.json';

const imageMapSchema = z.partialRecord(z.enum(serviceNames), z.string().min(1));

export type ImageMap = z.infer<typeof imageMapSchema>;

/** The image map in the cache folder; empty when the set-up wrote none. */
export function readImageMap(cacheDir: string): ImageMap {
  const file = join(cacheDir, imageMapFileName);
  if (!existsSync(file)) return {};
  const parsed = imageMapSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new EnvironmentError(
      'BCH_BAD_IMAGE_MAP',
      `${file} is not a valid image map (${parsed.error.issues[0]?.message}); run bash scripts/setup.sh again, or delete the file.`,
    );
  }
  return parsed.data;
}
