/**
 * A key as an HTTP header can carry it. The server's keys are printable ASCII (it refuses to start with
 * others), so one typed with other letters (Cyrillic, a stray tab) is wrong: percent-encoded, it still
 * travels, and the server answers that it is wrong, where fetch() would throw before sending it.
 */
export const headerSafe = (key: string): string => (/^[\x20-\x7e]*$/.test(key) ? key : encodeURIComponent(key));
