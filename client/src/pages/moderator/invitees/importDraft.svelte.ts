import type { Failure, InviteePreview } from '@roundtable/shared';
import { isFailure } from '../../../lib/api';
import { importInvitees, previewInvitees } from '../../../lib/invitees/api';

/**
 * A list of invitees on its way in: the file chosen, what the server says it would do (every row it
 * cannot read, and why), and the import itself. Nothing is stored until the moderator confirms.
 */
export class InviteeImport {
  #file = $state<File | null>(null);
  #preview = $state<InviteePreview | null>(null);
  #error = $state<Failure | null>(null);
  #busy = $state(false);
  #imported = $state<number | null>(null);

  constructor(
    private readonly roundtableId: string,
    private readonly key: string,
  ) {}

  get file(): File | null {
    return this.#file;
  }
  get preview(): InviteePreview | null {
    return this.#preview;
  }
  get error(): Failure | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** How many the last import put on the roster, until another file is chosen. */
  get imported(): number | null {
    return this.#imported;
  }

  async choose(file: File | null): Promise<void> {
    this.#file = file;
    this.#preview = null;
    this.#imported = null;
    this.#error = null;
    if (file) await this.#refresh(file);
  }

  async confirm(): Promise<void> {
    const file = this.#file;
    const rows = this.#preview?.rows.length ?? 0;
    if (!file || rows === 0) return;
    this.#busy = true;
    const result = await importInvitees(this.roundtableId, this.key, file, rows);
    this.#busy = false;
    if (isFailure(result)) {
      this.#error = result;
      // The roster moved since the preview: show what the file would do now.
      if (result.reason === 'invitees_changed') await this.#refresh(file, result);
      return;
    }
    this.#imported = result.imported;
    this.#file = null;
    this.#preview = null;
  }

  cancel(): void {
    void this.choose(null);
  }

  async #refresh(file: File, keep: Failure | null = null): Promise<void> {
    this.#busy = true;
    const preview = await previewInvitees(this.roundtableId, this.key, file);
    this.#busy = false;
    if (this.#file !== file) return;
    if (isFailure(preview)) {
      this.#error = preview;
      return;
    }
    this.#preview = preview;
    this.#error = keep;
  }
}
