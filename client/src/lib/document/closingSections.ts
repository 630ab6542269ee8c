/** The closing headings the server's outline writes (server/src/yjs/outline.ts), by their section id. */
const CLOSING: Record<string, readonly string[]> = {
  lessons: ['Key lessons learned', 'Ключевые извлечённые уроки', 'Негізгі алынған сабақтар'],
  next: ['Next steps', 'Дальнейшие шаги', 'Келесі қадамдар'],
};

/** Which closing section a heading's text names (`lessons`, `next`), in any language, or null. */
export const closingSectionOf = (title: string): string | null =>
  Object.keys(CLOSING).find((id) => CLOSING[id]?.includes(title.trim())) ?? null;
