import type { Lang } from '@roundtable/shared';
import type { BadgeFormat, BadgeWho } from './badges';

/** The page's choices: the format, who gets a badge, and the language printed on them (null: the page picks). */
export class BadgeOptions {
  format = $state<BadgeFormat>('a4');
  who = $state<BadgeWho>('all');
  lang = $state<Lang | null>(null);
}
