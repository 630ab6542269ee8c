import type { Action } from 'svelte/action';

/**
 * Sets `--fit` on a box of fixed size to the largest scale, from 1 down to `min`, at which what it holds
 * does not overflow it; its type is sized in `calc(… * var(--fit))`. What a projector shows here is written
 * by people (a question, eight long options, a contribution of 2,000 characters), and no one size suits
 * three words and a page alike. It fits again when the box is resized or its text changes (a vote, the
 * projector's next language).
 */
export const fitContent: Action<HTMLElement, number> = (node, min) => {
  let floor = min;
  const overflows = () => node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
  const set = (scale: number) => node.style.setProperty('--fit', String(scale));
  const fit = () => {
    set(1);
    if (!overflows()) return;
    // Each step halves the gap: seven lay the text out seven times, well within a frame.
    let [low, high] = [floor, 1];
    for (let step = 0; step < 7; step++) {
      const mid = (low + high) / 2;
      set(mid);
      if (overflows()) high = mid;
      else low = mid;
    }
    set(low);
  };
  const edits = new MutationObserver(fit);
  edits.observe(node, { childList: true, subtree: true, characterData: true });
  const resizes = new ResizeObserver(fit);
  resizes.observe(node);
  fit();
  return {
    update(next) {
      floor = next;
      fit();
    },
    destroy() {
      edits.disconnect();
      resizes.disconnect();
    },
  };
};
