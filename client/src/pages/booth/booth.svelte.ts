import { recall, remember } from '../../lib/remembered';

/** Pixels a second the text moves at; the booth picks within these, the steps of its slider. */
export const SPEEDS = { min: 5, max: 120, step: 5, start: 25 } as const;
const KEY = 'roundtable.booth.speed';

/**
 * The booth's own scrolling of the current speaker's text: started and paused here, at the pace it
 * sets, shared with nobody (the speaker does not read at a fixed pace, the interpreter follows them).
 */
export class BoothScroll {
  playing = $state(false);
  speed = $state<number>(SPEEDS.start);
  /** Bumped to bring the text back to its top: a new speaker, or the booth's own button. */
  restarts = $state(0);

  constructor() {
    const kept = recall<number>(KEY, SPEEDS.start);
    this.speed = Number.isFinite(kept) ? Math.min(SPEEDS.max, Math.max(SPEEDS.min, kept)) : SPEEDS.start;
  }

  toggle(): void {
    this.playing = !this.playing;
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    remember(KEY, speed);
  }

  /** Back to the top, paused: the booth starts it when the speaker starts reading. */
  restart(): void {
    this.playing = false;
    this.restarts++;
  }
}
