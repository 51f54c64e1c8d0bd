// A CSV upload as a stream of rows: UTF-8 with or without BOM, "," or ";" chosen from the header line,
// quoted fields, and any mix of \r\n, \n and \r line ends (files pasted together from several tools).
//
// Every physical line is accounted for: it starts a row, continues a quoted field of the row above,
// is blank, or is reported as malformed with its line number. A quote left open may only span lines
// when that yields a row of the header's width within MAX_RECORD_LINES; otherwise its first line alone
// is malformed and reading resumes on the next line, so one stray quote never swallows valid rows.
// Memory holds the current line (at most MAX_RECORD_CHARS) and the few lines of an open quote.
import { hasInvalidText } from "../http/input-values.js";

export type Delimiter = "," | ";";

export type CsvEvent =
  | { kind: "header"; delimiter: Delimiter; columns: string[] }
  | { kind: "row"; row: number; fields: string[]; raw: string }
  | { kind: "malformed"; row: number; raw: string; reason: "malformed" | "invalid_characters"; message: string };

const MAX_RECORD_CHARS = 64 * 1024;
const MAX_RECORD_LINES = 20;
const RAW_KEPT = 500;

/** The delimiter of a header line: whichever of ";" and "," occurs more often outside quotes. */
export function detectDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * The fields of one record (RFC 4180 quoting), or undefined while a quoted field is still open. A quote
 * inside an unquoted field is kept as text (Nhà 5"B), as is anything after a closing quote, unless
 * `strict`: then a closing quote must end its field, or the record is null (not a record at all).
 */
export function splitRecord(text: string, delimiter: Delimiter, strict = false): string[] | undefined | null {
  const fields: string[] = [];
  let field = "";
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (atFieldStart && ch === '"') {
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) return undefined;
        field += text.slice(i, close);
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
        } else {
          i = close + 1;
          if (strict && i < text.length && text[i] !== delimiter) return null;
          break;
        }
      }
      atFieldStart = false;
    } else if (ch === delimiter) {
      fields.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  fields.push(field);
  return fields;
}

interface Line {
  number: number;
  text: string;
  /** What ended it: "\r\n", "\n", "\r", or "" for the last line. */
  end: string;
  /** Longer than MAX_RECORD_CHARS: `text` holds only its beginning. */
  oversized: boolean;
}

/** Physical lines, numbered from 1, whatever their ends; the BOM is dropped by the decoder. */
async function* physicalLines(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  let number = 0;
  let skipping = false;
  const line = (text: string, end: string): Line =>
    text.length > MAX_RECORD_CHARS
      ? { number: ++number, text: text.slice(0, RAW_KEPT), end, oversized: true }
      : { number: ++number, text, end, oversized: false };
  const take = function* (final: boolean): Generator<Line> {
    for (;;) {
      const end = rest.search(/\r\n|\n|\r/);
      // A \r at the end of a chunk may be the first half of \r\n.
      if (end === -1 || (!final && end === rest.length - 1 && rest[end] === "\r")) break;
      const text = rest.slice(0, end);
      const ending = rest.startsWith("\r\n", end) ? "\r\n" : (rest[end] as string);
      rest = rest.slice(end + ending.length);
      if (skipping) skipping = false;
      else yield line(text, ending);
    }
    if (!skipping && rest.length > MAX_RECORD_CHARS) {
      // The line goes on and on: report its beginning and drop the rest up to its end.
      yield line(rest, "");
      skipping = true;
    }
    if (skipping) rest = rest.slice(-1) === "\r" ? "\r" : "";
  };
  for await (const chunk of input) {
    rest += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    yield* take(false);
  }
  rest += decoder.decode();
  yield* take(true);
  if (rest !== "" && !skipping) yield line(rest, "");
}

const malformed = (line: Line, reason: "malformed" | "invalid_characters", message: string): CsvEvent => ({
  kind: "malformed",
  row: line.number,
  // The report is stored in PostgreSQL: a NUL must not travel with the line into it.
  raw: line.text.slice(0, RAW_KEPT).replaceAll("\u0000", "\ufffd"),
  reason,
  message,
});

/** Rows of a CSV file, numbered by the file's line numbers (the header is line 1), as a spreadsheet shows them. */
export async function* csvEvents(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<CsvEvent> {
  const source = physicalLines(input)[Symbol.asyncIterator]();
  // Lines read ahead while trying to close a quote, handed back when that fails.
  const pending: Line[] = [];
  const nextLine = async (): Promise<Line | undefined> => pending.shift() ?? (await source.next()).value ?? undefined;

  let header: { delimiter: Delimiter; width: number } | undefined;
  for (let line = await nextLine(); line; line = await nextLine()) {
    if (line.text.trim() === "") continue;
    if (!header) {
      const delimiter = detectDelimiter(line.text);
      // A header with an open quote is read as if the quote closed at the end of the line.
      const columns = splitRecord(line.text, delimiter) ?? splitRecord(`${line.text}"`, delimiter) ?? [line.text];
      header = { delimiter, width: columns.length };
      yield { kind: "header", delimiter, columns: columns.map((c) => c.trim()) };
      continue;
    }
    if (line.oversized) {
      yield malformed(line, "malformed", `line longer than ${MAX_RECORD_CHARS} characters`);
      continue;
    }
    if (hasInvalidText(line.text)) {
      yield malformed(line, "invalid_characters", "line contains a NUL character");
      continue;
    }
    const fields = splitRecord(line.text, header.delimiter);
    if (fields) {
      yield { kind: "row", row: line.number, fields, raw: line.text };
      continue;
    }
    // An open quote: a field with line breaks, or a stray quote. Only a strictly quoted row of the
    // header's width counts as the former ("Mở ngoặc … 0912;"B" closes the stray quote, but not strictly).
    const taken: Line[] = [];
    let text = line.text;
    let end = line.end;
    let record: string[] | undefined | null;
    while (record === undefined && taken.length < MAX_RECORD_LINES) {
      const next = await nextLine();
      if (!next) break;
      taken.push(next);
      if (next.oversized || hasInvalidText(next.text) || text.length + next.text.length > MAX_RECORD_CHARS) break;
      // The line end inside the quotes is part of the field, as written.
      text += `${end}${next.text}`;
      end = next.end;
      record = splitRecord(text, header.delimiter, true);
    }
    if (record && record.length === header.width) {
      yield { kind: "row", row: line.number, fields: record, raw: text };
    } else {
      yield malformed(line, "malformed", "unclosed quote");
      pending.unshift(...taken);
    }
  }
  if (!header) yield { kind: "header", delimiter: ",", columns: [] };
}
