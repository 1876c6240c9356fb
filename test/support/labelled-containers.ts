// The images of the containers the harness labelled (bch.managed=true) that exist right now.
import { managedLabel } from '../../harness/services/container-provider.ts';

export async function labelledContainers(): Promise<string[]> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  return (await client.container.list()).filter((c) => c.Labels?.[managedLabel] === 'true').map((c) => c.Image);
}
