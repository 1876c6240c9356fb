// Prints one line per service of the registry, "<name> <pinned image>", for the machine set-up (.ci/lib/images.sh),
// which runs before the harness's packages are installed: nothing here or in the registry imports a package.
//   node harness/services/list-service-images.ts
import { serviceNames, serviceRegistry } from './service-registry.ts';

for (const name of serviceNames) process.stdout.write(`${name} ${serviceRegistry[name].image}\n`);
