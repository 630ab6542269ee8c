import type { Action } from 'svelte/action';

/**
 * Keeps the section of the item under discussion at the top of a scrolling document: the heading that
 * reads as one of the item's titles (the server heads each item's section with its title). Nobody
 * scrolls a projector by hand, and the document grows and reflows while the room watches.
 */
export const followSection: Action<HTMLElement, readonly string[]> = (node, titles) => {
  let wanted = new Set(titles.map((t) => t.trim()));
  let shown: Element | undefined;
  const follow = (again: boolean) => {
    const heading = [...node.querySelectorAll('h1, h2, h3')].find((h) => wanted.has((h.textContent ?? '').trim()));
    if (!heading || (heading === shown && !again)) return;
    shown = heading;
    node.scrollTo({ top: heading.getBoundingClientRect().top - node.getBoundingClientRect().top + node.scrollTop });
  };
  const edits = new MutationObserver(() => follow(false));
  edits.observe(node, { childList: true, subtree: true, characterData: true });
  // A new size reflows the text: the heading moves, so the scroll follows it.
  const resizes = new ResizeObserver(() => follow(true));
  resizes.observe(node);
  follow(false);
  return {
    update(next) {
      wanted = new Set(next.map((t) => t.trim()));
      follow(false);
    },
    destroy() {
      edits.disconnect();
      resizes.disconnect();
    },
  };
};
