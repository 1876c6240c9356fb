// Chooses each service's image: an image given by BCH_<SERVICE>_IMAGE is used as it is; the pinned official image
// when Docker has it; else the stand-in the set-up recorded in the image map, when Docker has that; else the
// pinned image, which testcontainers then pulls.
import { defaultImages, type ServiceName } from '../services/service-registry.ts';
import type { ImageMap } from '../config/image-map.ts';

export interface ImageChoice {
  images: Record<ServiceName, string>;
  /** One line per stand-in used instead of a pinned image. */
  notes: string[];
}

/** The images to start, given what Docker has locally (`exists`). */
export async function chooseImages(
  images: Readonly<Record<ServiceName, string>>,
  needed: readonly ServiceName[],
  map: ImageMap,
  exists: (image: string) => Promise<boolean>,
): Promise<ImageChoice> {
  const chosen = { ...images };
  const notes: string[] = [];
  for (const name of needed) {
    const standIn = map[name];
    if (images[name] !== defaultImages[name] || standIn === undefined) continue;
    if (await exists(images[name])) continue;
    if (!(await exists(standIn))) continue;
    chosen[name] = standIn;
    notes.push(`${name}: ${images[name]} is not on this machine; using the local stand-in ${standIn} (from the set-up's image map)`);
  }
  return { images: chosen, notes };
}
