// A tidy table as columns, written as CSV (RFC 4180) or Parquet (hyparquet-writer: plain
// JavaScript, nothing to download or compile), the formats pandas, R and DuckDB read directly.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from './files.js';

export type Cell = string | number | boolean | null;

export interface Column {
  name: string;
  /** the Parquet type; numbers that are all integers (steps, seeds) are INT64 */
  type: 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN';
  values: Cell[];
}

export const TABLE_FORMATS = ['csv', 'parquet'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** The column type that holds every value: booleans, integers, numbers, else strings (other values as JSON). */
export function columnOf(name: string, raw: readonly unknown[]): Column {
  const present = raw.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return { name, type: 'BOOLEAN', values: raw.map((v) => (v ?? null) as Cell) };
  if (present.every((v) => typeof v === 'number')) {
    const integers = present.every((v) => Number.isSafeInteger(v));
    return { name, type: integers && present.length > 0 ? 'INT64' : 'DOUBLE', values: raw.map((v) => (v ?? null) as Cell) };
  }
  return { name, type: 'STRING', values: raw.map((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v))) };
}

/** A number as pandas and R read it back: shortest round-trip digits, and inf, -inf, NaN. */
function csvNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(v);
}

/** RFC 4180: a header line, CRLF-free rows, a field quoted when it holds a comma, quote or line break. */
export function toCsv(columns: readonly Column[]): string {
  const field = (v: Cell): string => {
    if (v === null) return '';
    if (typeof v === 'number') return csvNumber(v);
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = columns[0]?.values.length ?? 0;
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (let r = 0; r < rows; r++) lines.push(columns.map((c) => field(c.values[r])).join(','));
  return `${lines.join('\n')}\n`;
}

export function toParquet(columns: readonly Column[], metadata: Record<string, string> = {}): Uint8Array {
  const buffer = parquetWriteBuffer({
    // INT64 values go in as bigint, as the writer requires.
    columnData: columns.map((c) => ({
      name: c.name,
      type: c.type,
      data: c.type === 'INT64' ? c.values.map((v) => (v === null ? null : BigInt(v as number))) : c.values,
    })),
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: 'groklab',
  });
  return new Uint8Array(buffer);
}

export function writeTable(path: string, columns: readonly Column[], format: TableFormat): void {
  writeFileAtomic(path, format === 'csv' ? toCsv(columns) : toParquet(columns));
}
