import { refusal, type Failure } from '@roundtable/shared';
import type { Logger } from 'pino';
import { checkBounds } from '../inbound/bounds.js';

type Reply = (response: unknown) => void;

/** One client → server event: how many data arguments it takes before the ack, and what it answers. */
export interface EventHandler {
  arity: number;
  handle(args: unknown[]): unknown;
}

const noReply: Reply = () => undefined;

/** Prints whatever a client named its event, without trusting it to be a string. */
function nameOf(event: unknown): string {
  if (typeof event === 'string') return `“${event.slice(0, 40)}”`;
  if (typeof event === 'number') return `${event}`;
  return `of type ${event === null ? 'null' : typeof event}`;
}

const internal = (): Failure => refusal('internal');

/**
 * The one way a client's message reaches a handler. Socket.IO runs listeners outside any try, so
 * anything a listener throws would end the process: here every message, whatever its event name
 * and arguments, is checked (a known event, its number of arguments, size and depth bounded before
 * anything walks it), handled inside a catch, and answered exactly once through the ack, which is
 * always the last argument. A handler that fails answers `internal` and is logged once.
 */
export function dispatch(
  socket: { onAny(listener: (...args: unknown[]) => void): unknown },
  handlers: Readonly<Record<string, EventHandler>>,
  log: Logger,
  context: () => object,
): void {
  socket.onAny((event: unknown, ...rest: unknown[]) => {
    const last = rest.at(-1);
    const ack = typeof last === 'function' ? (last as Reply) : undefined;
    const args = ack ? rest.slice(0, -1) : rest;
    let answered = false;
    const reply: Reply = (response) => {
      if (answered) return;
      answered = true;
      try {
        (ack ?? noReply)(response);
      } catch (error) {
        log.error({ err: error, ...context() }, 'socket reply failed');
      }
    };
    const failed = (error: unknown) => {
      log.error({ err: error, event: nameOf(event), ...context() }, 'socket handler failed');
      reply(internal());
    };
    try {
      const handler = typeof event === 'string' && Object.hasOwn(handlers, event) ? handlers[event] : undefined;
      if (!handler) return reply(refusal('unknown_event', { event: nameOf(event) }));
      if (args.length !== handler.arity) {
        const wanted = handler.arity === 1 ? 'one argument' : `${handler.arity} arguments`;
        return reply(refusal('wrong_arguments', { event: nameOf(event), wanted, got: args.length }));
      }
      const bounded = checkBounds(args);
      if (bounded) return reply(bounded);
      const answer = handler.handle(args);
      if (answer instanceof Promise) answer.then(reply, failed);
      else reply(answer);
    } catch (error) {
      failed(error);
    }
  });
}
