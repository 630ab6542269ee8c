import type { Command, Failure } from '@roundtable/shared';
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
    this.#busy = true;
    this.#error = null;
    const ack = await this.connection.send(command, madeAt);
    this.#busy = false;
    if (!ack.ok) this.#error = ack;
    return ack.ok;
  }

  clear(): void {
    this.#error = null;
  }
}
