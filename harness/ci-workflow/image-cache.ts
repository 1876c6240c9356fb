// The service images of a challenge, kept between CI runs in a folder that the CI's cache saves and restores
// (actions/cache): an image Docker lacks is loaded from its archive there, or pulled once and archived, so a
// runner pulls each image once per cache key instead of once per job.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EnvironmentError } from '../errors.ts';

/** present: Docker had it and its archive was there; archived: Docker had it, now archived; loaded: from the archive; pulled: then archived. */
export type ImageAction = 'present' | 'archived' | 'loaded' | 'pulled';

/** Runs the docker CLI; rejects with its stderr. */
export type Docker = (args: string[]) => Promise<void>;

const dockerCli: Docker = async (args) => {
  await promisify(execFile)('docker', args, { maxBuffer: 16 * 1024 * 1024 });
};

/** Whether Docker has the image. */
export function imageOnDocker(image: string, docker: Docker = dockerCli): Promise<boolean> {
  return docker(['image', 'inspect', image]).then(
    () => true,
    () => false,
  );
}

/** The archive of an image in the cache folder: its name made file-safe. */
export function imageArchive(dir: string, image: string): string {
  return join(dir, `${image.replace(/[^\w.-]/g, '_')}.tar`);
}

/**
 * Makes each image available to Docker and archived in `dir`: archived and present (nothing to do), archived
 * (loaded), present (archived), or neither (pulled, then archived). Throws EnvironmentError naming the image
 * Docker could not load, pull or save.
 */
export async function cacheImages(images: readonly string[], dir: string, docker: Docker = dockerCli): Promise<Map<string, ImageAction>> {
  await mkdir(dir, { recursive: true });
  const actions = new Map<string, ImageAction>();
  for (const image of images) {
    const archive = imageArchive(dir, image);
    const present = await imageOnDocker(image, docker);
    let action: ImageAction = 'present';
    const step = async (what: string, args: string[]) =>
      docker(args).catch((error: Error & { stderr?: string }) => {
        throw new EnvironmentError(
          'BCH_IMAGE_CACHE',
          `Could not ${what} the image ${image}: ${(error.stderr || error.message).trim()}. Check that Docker runs (docker info) and that the image can be pulled, or delete ${archive} if it is damaged.`,
        );
      });
    if (!present && existsSync(archive)) {
      await step('load', ['load', '--input', archive]);
      action = 'loaded';
    } else if (!present) {
      await step('pull', ['pull', '--quiet', image]);
      action = 'pulled';
    }
    if (!existsSync(archive)) {
      await step('save', ['save', '--output', archive, image]);
      if (action === 'present') action = 'archived';
    }
    actions.set(image, action);
  }
  return actions;
}
