import { LANGS, type Lang, type Localized, localize } from '@roundtable/shared';
import { en, type CoreKey } from './en.js';
import type { ConsoleKey } from './en.console.js';
import type { enRefusals } from './en.refusals.js';
import type { StartKey } from './en.start.js';
import type { PrivacyKey } from './en.privacy.js';

export type RefusalKey = keyof typeof enRefusals;
export type MessageKey = CoreKey | ConsoleKey | RefusalKey | StartKey | PrivacyKey;
type Catalog = Partial<Record<MessageKey, string>>;
/**
 * `core`: what every page needs; `console`: what only the moderator, rapporteur, projector and creation pages need;
 * `refusals`: the server's refusals, loaded when a page first has one to show; `start`: the start and not-found pages.
 */
export type CatalogPart = 'core' | 'console' | 'refusals' | 'start' | 'privacy';

/**
 * English core texts ship with the page; everything else loads when needed, so a phone loads one
 * language and none of the console's texts (its JavaScript budget is 40 KiB).
 */
const LOADERS: Record<Lang, Record<CatalogPart, () => Promise<Catalog>>> = {
  en: {
    core: () => Promise.resolve(en),
    console: () => import('./en.console.js').then((m) => m.enConsole),
    refusals: () => import('./en.refusals.js').then((m) => m.enRefusals),
    start: () => import('./en.start.js').then((m) => m.enStart),
    // The default privacy notice and a person's own data: the join page and the profile editor ask for it.
    privacy: () => import('./en.privacy.js').then((m) => m.enPrivacy),
  },
  ru: {
    core: () => import('./ru.js').then((m) => m.ru),
    console: () => import('./ru.console.js').then((m) => m.ruConsole),
    refusals: () => import('./ru.refusals.js').then((m) => m.ruRefusals),
    start: () => import('./ru.start.js').then((m) => m.ruStart),
    // The default privacy notice and a person's own data: the join page and the profile editor ask for it.
    privacy: () => import('./ru.privacy.js').then((m) => m.ruPrivacy),
  },
  kk: {
    core: () => import('./kk.js').then((m) => m.kk),
    console: () => import('./kk.console.js').then((m) => m.kkConsole),
    refusals: () => import('./kk.refusals.js').then((m) => m.kkRefusals),
    start: () => import('./kk.start.js').then((m) => m.kkStart),
    // The default privacy notice and a person's own data: the join page and the profile editor ask for it.
    privacy: () => import('./kk.privacy.js').then((m) => m.kkPrivacy),
  },
};
const KEY = 'roundtable.lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const fill = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  for (const l of navigator.languages ?? []) {
    const base = l.slice(0, 2).toLowerCase();
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

/** The interface language: chosen per device, remembered, switchable at any time on any page. */
class I18n {
  #lang = $state<Lang>(initialLang());
  #catalog = $state<Catalog>(en);
  #parts = new Set<CatalogPart>(['core']);
  #shows = 0;
  /** Loads started, and the latest whose catalog is shown (see #load). */
  #loads = 0;
  #applied = 0;

  constructor() {
    void this.#load(this.#lang);
  }

  /**
   * Loads a part of the catalog (in the current language, and in any chosen later); resolves when it is here.
   * A part that cannot be fetched (offline, the service worker without it) is asked for again next time.
   */
  need(part: CatalogPart): Promise<void> {
    if (this.#parts.has(part)) return Promise.resolve();
    this.#parts.add(part);
    return this.#load(this.#lang).catch((error: unknown) => {
      this.#parts.delete(part);
      throw error;
    });
  }

  /**
   * Switches texts once every needed part is here; until then the page keeps the language it shows. Parts
   * asked for together (a page's texts and the language's core) start a load each, and they may end in
   * any order: one that ends after a later one holds fewer parts and must not replace its catalog.
   */
  async #load(lang: Lang): Promise<void> {
    const turn = ++this.#loads;
    const parts = await Promise.all([...this.#parts].map((part) => LOADERS[lang][part]()));
    if (this.#lang !== lang || turn < this.#applied) return;
    this.#applied = turn;
    this.#catalog = Object.assign({}, ...parts) as Catalog;
    document.documentElement.lang = lang;
  }

  get lang(): Lang {
    return this.#lang;
  }

  /**
   * Shows `lang` once all its needed texts are here, without remembering it as this device's choice:
   * the projector speaks what the moderator chose, whatever its computer's locale. A later call wins.
   */
  async show(lang: Lang): Promise<void> {
    const turn = ++this.#shows;
    const parts = await Promise.all([...this.#parts].map((part) => LOADERS[lang][part]()));
    if (turn !== this.#shows) return;
    this.#lang = lang;
    this.#catalog = Object.assign({}, ...parts) as Catalog;
    document.documentElement.lang = lang;
  }

  set lang(lang: Lang) {
    this.#lang = lang;
    localStorage.setItem(KEY, lang);
    void this.#load(lang);
  }

  /** Whether the current language's catalog has this text yet (a part may still be loading). */
  has = (key: MessageKey): boolean => !!this.#catalog[key];

  /** A message in the current language, with `{name}` placeholders filled. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
    fill(this.#catalog[key] || (en as Catalog)[key] || key, params);

  /**
   * A part's texts in another language than the interface's, for what is printed for others to read: a
   * badge in the language chosen for it while the console speaks the moderator's. Missing ones in English.
   */
  async textsIn(lang: Lang, part: CatalogPart): Promise<Translate> {
    const [fallback, own] = await Promise.all([LOADERS.en[part](), LOADERS[lang][part]()]);
    const catalog: Catalog = { ...fallback, ...own };
    return (key, params = {}) => fill(catalog[key] || key, params);
  }

  /** Roundtable content (titles) in the viewer's language, falling back to the roundtable's own order. */
  local = (text: Localized, fallbacks: readonly Lang[] = LANGS): string => localize(text, this.#lang, fallbacks);

  date = (iso: string): string => {
    const [d, time] = iso.split('T');
    // Some browsers lack Kazakh month names and print "M11"; digits read the same in every language.
    const options: Intl.DateTimeFormatOptions =
      this.#lang === 'kk' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { dateStyle: 'long' };
    const day = new Intl.DateTimeFormat(this.#lang, options).format(new Date(`${d}T12:00:00`));
    return time ? `${day}, ${time}` : day;
  };

  number = (n: number): string => new Intl.NumberFormat(this.#lang).format(n);
}

export const i18n = new I18n();
export const t = i18n.t;

/** The language names as each language writes its own, for the switcher. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };
