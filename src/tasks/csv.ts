// A small RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas,
// line breaks and doubled quotes (""). Enough for Kaggle's "IMDB Dataset.csv"; no dependency.
// Records are read lazily, so a caller that needs the first N rows of a 50 000-row file stops
// early.

export class CsvError extends Error {
  override name = 'CsvError';
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts (a quoted field may span several lines) */
  line: number;
}

/** The records of `text` in order; `source` names the file in errors. CRLF and LF both end a record. */
export function* csvRecords(text: string, source = 'CSV'): Generator<CsvRecord> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first field
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field: string;
      if (text[i] === '"') {
        const fieldLine = line;
        let value = '';
        let from = ++i;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) throw new CsvError(`${source}: line ${fieldLine}: a quoted field is never closed`);
          line += countNewlines(text, i, quote);
          if (text[quote + 1] === '"') {
            value += text.slice(from, quote + 1);
            i = from = quote + 2;
            continue;
          }
          value += text.slice(from, quote);
          i = quote + 1;
          break;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new CsvError(
            `${source}: line ${line}: unexpected ${JSON.stringify(text[i])} after a closing quote (a quote inside a quoted field must be doubled: "")`,
          );
        }
        field = value;
      } else {
        let end = i;
        while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        field = text.slice(i, end);
        if (field.includes('"')) throw new CsvError(`${source}: line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
        i = end;
      }
      fields.push(field);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // A blank line (one empty field) is no record: files often end with one.
    if (!(fields.length === 1 && fields[0] === '')) yield { fields, line: start };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let j = text.indexOf('\n', from); j >= 0 && j < to; j = text.indexOf('\n', j + 1)) count++;
  return count;
}
