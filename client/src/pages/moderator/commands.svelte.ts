import type { Command, CommandAck, Failure } from '@roundtable/shared';
import type { RoundtableConnection } from '../../lib/connection.svelte';

/**
 * Sends moderator commands for one panel: remembers the last failure to show next to the
 * controls and whether a command is on its way, so buttons can wait.
 */
export class CommandRunner {
  #busy = $state(false);
  #error = $state<Failure | null>(null);

  constructor(private readonly connection: RoundtableConnection) {}

  get busy(): boolean {
    return this.#busy;
  }
  get error(): Failure | null {
    return this.#error;
  }

  async run(command: Command, madeAt?: number): Promise<boolean> {
    return (await this.send(command, madeAt)).ok;
  }

  /** Like run(), for the few commands whose answer carries something to show (a new link's secret). */
  async send(command: Command, madeAt?: number): Promise<CommandAck> {
    this.#busy = true;
    this.#error = null;
    const ack = await this.connection.send(command, madeAt);
    this.#busy = false;
    if (!ack.ok) this.#error = ack;
    return ack;
  }

  clear(): void {
    this.#error = null;
  }
}
