import { LANGS, type Lang, type Localized, localize } from '@roundtable/shared';
import { en, type MessageKey } from './en.js';

export type { MessageKey };
type Catalog = Record<MessageKey, string>;

/** English ships with the page; Russian and Kazakh load when chosen, so a phone loads one language. */
const LOADERS: Record<Lang, () => Promise<Catalog>> = {
  en: () => Promise.resolve(en),
  ru: () => import('./ru.js').then((m) => m.ru),
  kk: () => import('./kk.js').then((m) => m.kk),
};
const KEY = 'roundtable.lang';

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

  constructor() {
    this.#load(this.#lang);
  }

  /** Switches texts once the catalog is here; until then the page keeps the language it shows. */
  #load(lang: Lang): void {
    void LOADERS[lang]().then((catalog) => {
      if (this.#lang !== lang) return;
      this.#catalog = catalog;
      document.documentElement.lang = lang;
    });
  }

  get lang(): Lang {
    return this.#lang;
  }

  set lang(lang: Lang) {
    this.#lang = lang;
    localStorage.setItem(KEY, lang);
    this.#load(lang);
  }

  /** A message in the current language, with `{name}` placeholders filled. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const template = this.#catalog[key] || en[key];
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };

  /** Roundtable content (titles) in the viewer's language, falling back to the roundtable's own order. */
  local = (text: Localized, fallbacks: readonly Lang[] = LANGS): string => localize(text, this.#lang, fallbacks);

  time = (ms: number): string => new Intl.DateTimeFormat(this.#lang, { hour: '2-digit', minute: '2-digit' }).format(ms);

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
