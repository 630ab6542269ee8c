import type { Logger } from 'pino';

/**
 * What the process does with an error that escapes every handler anyway (a timer's, a library's):
 * it logs it with its origin and keeps serving. Every inbound message is already handled inside a
 * catch (realtime/dispatch.ts, the Yjs endpoint, Express), so what reaches here is not a message's
 * doing; and a roundtable's state is an immutable value replaced only after its change is stored,
 * so an exception cannot leave half a change in memory. Exiting instead would drop every phone in
 * every roundtable on this server and turn any such error into a way to stop the room.
 */
export function keepServingOnEscapedErrors(log: Logger): void {
  process.on('uncaughtException', (error, origin) => {
    log.fatal({ err: error, origin }, 'an error escaped its handler; still serving');
  });
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'a promise was rejected and nobody handled it; still serving');
  });
}
