// A reply of a module driver's process, read as untrusted input: the candidate's code runs in that process and can
// send anything over the IPC channel (null, text, replies to no call, a reply twice), so a message is a reply only
// when it has the shape the driver host sends; anything else is counted and dropped, never read further.
import { z } from 'zod';

const replySchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int().positive(), ok: z.literal(true), value: z.unknown().optional() }), // absent: the call returned nothing
  z.object({ id: z.number().int().positive(), ok: z.literal(false), error: z.string() }),
]);

export type DriverReply = z.infer<typeof replySchema>;

/** The message as a reply, or undefined when it is not one. */
export function parseDriverReply(message: unknown): DriverReply | undefined {
  const parsed = replySchema.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}
