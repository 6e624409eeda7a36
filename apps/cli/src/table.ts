/**
 * Plain-text tables for the terminal: a header, aligned columns two spaces apart, no borders, so
 * the output reads well and still pastes cleanly into a message or a spreadsheet.
 */

export interface Column {
  /** A table whose headers are all empty has no header line. */
  header: string;
  align?: 'left' | 'right';
  /** Longer cells are cut with an ellipsis. */
  max?: number;
}

function clip(text: string, max: number | undefined): string {
  if (max === undefined || [...text].length <= max) return text;
  return `${[...text].slice(0, max - 1).join('')}…`;
}

const width = (text: string) => [...text].length;

export function table(columns: Column[], rows: string[][]): string {
  const cells = rows.map((row) => columns.map((column, i) => clip(row[i] ?? '', column.max)));
  const widths = columns.map((column, i) =>
    Math.max(width(column.header), ...cells.map((row) => width(row[i] ?? ''))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell)));
        return columns[i]?.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const headed = columns.some((column) => column.header !== '');
  return [
    ...(headed ? [line(columns.map((column) => column.header))] : []),
    ...cells.map(line),
  ].join('\n');
}
