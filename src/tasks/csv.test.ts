import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv.js';

const read = (text: string) => [...csvRecords(text, 'x.csv')].map((r) => [r.line, ...r.fields]);

describe('csvRecords (RFC 4180)', () => {
  it('splits fields and records, LF or CRLF, with or without a final newline', () => {
    expect(read('a,b\n1,2\r\n3,\n')).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', ''],
    ]);
    expect(read('a,b\n1,2')).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks, and counts lines across them', () => {
    const text = '\ufeffreview,sentiment\n"Good, ""really"" good",positive\n"two\nlines\r\nhere",negative\n"",positive\n';
    expect(read(text)).toEqual([
      [1, 'review', 'sentiment'],
      [2, 'Good, "really" good', 'positive'],
      [3, 'two\nlines\r\nhere', 'negative'],
      [6, '', 'positive'],
    ]);
  });

  it('skips blank lines', () => {
    expect(read('a\n\nb\n\n')).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
  });

  it('names the line of malformed input', () => {
    expect(() => read('a,b\n"open,1\n2,3\n')).toThrow('x.csv: line 2: a quoted field is never closed');
    expect(() => read('a,b\n1,2\n"x"y,3\n')).toThrow(/x\.csv: line 3: unexpected "y" after a closing quote/);
    expect(() => read('a,b\nsay "hi",3\n')).toThrow('x.csv: line 2: a quote inside an unquoted field');
  });
});
