/**
 * A text's length as the server's schemas count it (zod 4's `.trim().max()`): the code points of the trimmed
 * text, so an emoji is one character where `String.length` counts two UTF-16 units.
 */
export const textLength = (value: string): number => [...value.trim()].length;

/** Whether a text is over its limit as the server counts it. */
export const tooLong = (value: string, max: number): boolean => textLength(value) > max;
