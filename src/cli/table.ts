/**
 * A plain aligned table: every column as wide as its widest cell, two spaces apart, the last one unpadded so a
 * long cell just runs on instead of widening every row. Cells must already be printable (see output.ts).
 */
export const alignedTable = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] => {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column] ?? '')].length)));
  return all.map((row) =>
    row
      .map((cell, column) => (column < widths.length - 1 ? cell + ' '.repeat((widths[column] ?? 0) - [...cell].length) : cell))
      .join('  ')
      .trimEnd(),
  );
};
