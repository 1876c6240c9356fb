// The process side of a ModuleDriver: answers {id, op, args} messages by calling a handler; a handler's
// error becomes the message the check shows.

export type DriverHandlers = Record<string, (...args: never[]) => unknown>;

/** Serves handlers over the IPC channel until the parent disconnects. */
export function serveDriver(handlers: DriverHandlers): void {
  if (!process.send) throw new Error('serveDriver must run in a process started by ModuleDriver');
  process.on('message', async (message: { id: number; op: string; args: unknown[] }) => {
    const handler = handlers[message.op];
    try {
      if (!handler) throw new Error(`unknown driver operation "${message.op}"`);
      const value = await (handler as (...args: unknown[]) => unknown)(...message.args);
      process.send!({ id: message.id, ok: true, value });
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.send!({ id: message.id, ok: false, error: text });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** The candidate module's path, given by the ModuleDriver. */
export function candidateModulePath(): string {
  const path = process.env.BCH_MODULE_PATH;
  if (!path) throw new Error('BCH_MODULE_PATH is not set');
  return path;
}
