import { POLL_LIMITS, type PollPreset, type PollSetup, type PollVoters } from '@roundtable/shared';
import { tooLong } from '../../lib/textLength';

/**
 * The poll the moderator is about to start: a preset (agreement by default, so two taps start one), an
 * optional question, the typed options of a multiple choice, and how it counts. Kept between polls but
 * for the question, which belongs to the one just asked.
 */
export class PollDraft {
  preset = $state<PollPreset>('agreement');
  question = $state('');
  options = $state<string[]>(['', '']);
  multiple = $state(false);
  anonymous = $state(false);
  voters = $state<PollVoters>('person');

  /** The typed options that say something; rows left empty are not options. */
  get typed(): string[] {
    return this.options.map((o) => o.trim()).filter((o) => o !== '');
  }

  /**
   * Whether Start may be pressed: no text over its limit (the form says by how much) and, for a multiple
   * choice, enough options. The server still decides (two options typed alike are refused, with why).
   */
  get ready(): boolean {
    if (tooLong(this.question, POLL_LIMITS.question)) return false;
    if (this.preset !== 'choice') return true;
    return this.typed.length >= POLL_LIMITS.minOptions && !this.typed.some((o) => tooLong(o, POLL_LIMITS.option));
  }

  get canAddOption(): boolean {
    return this.options.length < POLL_LIMITS.maxOptions;
  }
  get canRemoveOption(): boolean {
    return this.options.length > POLL_LIMITS.minOptions;
  }
  addOption(): void {
    if (this.canAddOption) this.options.push('');
  }
  removeOption(index: number): void {
    if (this.canRemoveOption) this.options.splice(index, 1);
  }

  setup(): PollSetup {
    const choice = this.preset === 'choice';
    return {
      question: this.question.trim(),
      preset: this.preset,
      options: choice ? this.typed : [],
      multiple: choice && this.multiple,
      anonymous: this.anonymous,
      voters: this.voters,
    };
  }

  /** After a start: the next poll asks its own question; its options may be typed again from these. */
  started(): void {
    this.question = '';
  }
}
