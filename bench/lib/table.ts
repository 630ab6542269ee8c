/** A plain-text table: a header row and rows of cells, columns padded to fit. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [
    header,
    ...rows.map((r) => r.map((c) => (typeof c === 'number' && Number.isNaN(c) ? '–' : String(c)))),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  return [
    line(cells[0] ?? []),
    '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |',
    ...cells.slice(1).map(line),
  ].join('\n');
}

export const ms = (v: number): string => (Number.isNaN(v) ? '–' : v.toFixed(1));
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const x = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : `${v.toFixed(2)}×`);
