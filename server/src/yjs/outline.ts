import * as Y from 'yjs';
import { localize, YJS_FRAGMENT, type RoundtableState } from '@roundtable/shared';

/** Closing sections every outcome document ends with, in each language. */
export const CLOSING_SECTIONS = [
  { en: 'Key lessons learned', ru: 'Ключевые извлечённые уроки', kk: 'Негізгі алынған сабақтар' },
  { en: 'Next steps', ru: 'Дальнейшие шаги', kk: 'Келесі қадамдар' },
] as const;

export function heading(text: string, itemId: string | null): Y.XmlElement {
  const h = new Y.XmlElement('heading');
  h.setAttribute('level', 2 as unknown as string);
  if (itemId) h.setAttribute('data-item', itemId);
  const t = new Y.XmlText();
  t.insert(0, text);
  h.insert(0, [t]);
  return h;
}

export const paragraph = (): Y.XmlElement => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText()]);
  return p;
};

const language = (state: RoundtableState) => state.languages[0] ?? 'en';

/** A new document: a section per agenda item, then "Key lessons learned" and "Next steps". */
export function writeOutline(doc: Y.Doc, state: RoundtableState): void {
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  if (fragment.length > 0) return;
  const lang = language(state);
  const blocks = [
    ...state.agenda.flatMap((item) => [heading(localize(item.title, lang, state.languages), item.id), paragraph()]),
    ...CLOSING_SECTIONS.flatMap((title) => [heading(title[lang], null), paragraph()]),
  ];
  fragment.insert(0, blocks);
}

const itemIdOf = (n: unknown): string | undefined =>
  n instanceof Y.XmlElement && n.nodeName === 'heading'
    ? (n.getAttribute('data-item') as string | undefined)
    : undefined;

/** Gives every agenda item without a section one, placed before the closing sections. */
export function addMissingSections(doc: Y.Doc, state: RoundtableState): void {
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  if (fragment.length === 0) return;
  const children = fragment.toArray();
  const present = new Set(children.map(itemIdOf));
  const missing = state.agenda.filter((item) => !present.has(item.id));
  if (missing.length === 0) return;
  const closing = new Set<string>(CLOSING_SECTIONS.flatMap((t) => [t.en, t.ru, t.kk]));
  const at = children.findIndex((n) => n instanceof Y.XmlElement && n.nodeName === 'heading' && closing.has(textOf(n)));
  const lang = language(state);
  const blocks = missing.flatMap((item) => [
    heading(localize(item.title, lang, state.languages), item.id),
    paragraph(),
  ]);
  fragment.insert(at < 0 ? fragment.length : at, blocks);
}

function textOf(el: Y.XmlElement): string {
  return el
    .toArray()
    .map((c) => (c instanceof Y.XmlText ? c.toString().replace(/<[^>]+>/g, '') : ''))
    .join('');
}
