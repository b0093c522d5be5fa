import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';

/**
 * Reads ledger entries for the verifier in batches of consecutive `seq`, each batch as ONE value
 * built by the database (`string_agg`) instead of one row per entry: per-row protocol parsing and
 * row objects cost more than hashing the entry. The value is sent as text and turned back into its
 * UTF-8 bytes here (lossless: PostgreSQL only stores valid UTF-8), which are then hashed straight
 * from the batch. Sending it as base64 instead, to skip that decoding and re-encoding here, cost the
 * database more than it saved (convert_to and encode: 16 instead of 6.5 ms of the server's CPU per
 * 4 096 entries, against 10.5 instead of 7.5 ms here; verification 4–8 % slower on two cores, where
 * the database shares them). Each record is framed by lengths the database computes,
 * never by separators, so no stored text, however altered, can shift the framing:
 *
 *   <seq> <|entry|> <|payload|> <|action|> <|subject_type|> <|subject_id|> <entry> <payload> <action> <subject_type> <subject_id>
 *
 * |x| is the length of x in UTF-8 bytes; records are separated by one space.
 */
export interface EntryBatch {
  /** Number of records in `bytes`. */
  count: number;
  bytes: Buffer;
}

export interface EntryReader {
  /**
   * Up to `limit` entries from `seq >= from`. Unordered, the aggregate takes the rows in the order
   * the subquery (an index scan in `seq` order) yields them, which is `seq` order in every plan
   * PostgreSQL makes for it but not a promise of SQL; the verifier checks every `seq` and, on a
   * surprise, asks again with `ordered`, which sorts inside the aggregate (PostgreSQL 15: 17
   * instead of 10 ms per 5 000 entries).
   */
  read(from: number, limit: number, ordered?: boolean): Promise<EntryBatch>;
}

export async function entryReader(db: Executor): Promise<EntryReader> {
  const { rows } = (await db.execute(sql`select current_setting('server_encoding') as encoding`)) as unknown as {
    rows: { encoding: string }[];
  };
  // octet_length is O(1); on a database in another encoding, measure the UTF-8 form instead.
  const utf8 = rows[0]?.encoding === 'UTF8';
  const len = (column: string) =>
    sql.raw(utf8 ? `octet_length(${column})` : `octet_length(convert_to(${column}, 'UTF8'))`);
  const record = sql`concat_ws(' ', seq, ${len('entry')}, ${len('payload')}, ${len('action')},
    ${len('subject_type')}, ${len('subject_id')}, entry, payload, action, subject_type, subject_id)`;
  return {
    async read(from, limit, ordered = false) {
      const agg = ordered ? sql`string_agg(${record}, ' ' order by seq)` : sql`string_agg(${record}, ' ')`;
      const result = (await db.execute(sql`
        select count(*)::int4 as count, ${agg} as data
        from (select seq, entry, payload, action, subject_type, subject_id from ledger_entries
              where seq >= ${from} order by seq limit ${limit}) as page`)) as unknown as {
        rows: { count: number; data: string | null }[];
      };
      const row = result.rows[0];
      return { count: row?.count ?? 0, bytes: Buffer.from(row?.data ?? '', 'utf8') };
    },
  };
}

/**
 * One record of a batch: offsets into the batch's bytes, and views of them for hashing.
 *
 * `simple()` is the fast path of the per-entry checks: it validates the entry as JSON and finds
 * its `seq`, `payloadHash`, `action` and `subject.type`/`subject.id` with one pass over the
 * bytes, allocating nothing (JSON.parse builds three objects and seven strings per entry, and was
 * a third of the verifier's time). It only ever answers "valid, and these fields are exactly as
 * expected" or "don't know": anything unusual (an escape in a key or in one of those values, a
 * seq that is not a plain integer, a missing field, nesting deeper than 64) and every mismatch
 * goes to the exact path, `JSON.parse(entryText())`, which decides and names the problem.
 */
export interface EntryRecord {
  seq: number;
  /** 0x00 ‖ UTF-8(entry): the leaf hash's input, in place (the separator before it is overwritten). */
  leafInput: Uint8Array;
  /** UTF-8(payload). */
  payload: Uint8Array;
  /**
   * True only if the entry is a JSON object (by RFC 8259, as JSON.parse reads it) whose `seq` is
   * this record's, whose `payloadHash` is `payloadHex`, and whose `action`, `subject.type` and
   * `subject.id` are the stored index columns. False means: check the slow way.
   */
  simple(payloadHex: string): boolean;
  /** The entry, decoded as UTF-8. */
  entryText(): string;
  /** The stored index columns, decoded. */
  action(): string;
  subjectType(): string;
  subjectId(): string;
}

export class BatchFramingError extends Error {}

/** Walks the records of one batch, a slice at a time; it is itself the current record. */
export class BatchCursor implements EntryRecord {
  seq = 0;
  leafInput: Uint8Array = EMPTY;
  payload: Uint8Array = EMPTY;
  private readonly b: Buffer;
  private entryAt = 0;
  private entryEnd = 0;
  // The index columns: offset and length in the batch.
  private actionAt = 0;
  private actionLength = 0;
  private typeAt = 0;
  private typeLength = 0;
  private idAt = 0;
  private idLength = 0;
  private pos = 0;
  private done = 0;

  private readonly found = newFound();

  constructor(private readonly batch: EntryBatch) {
    this.b = batch.bytes;
  }

  get remaining(): number {
    return this.batch.count - this.done;
  }

  entryText(): string {
    return this.b.toString('utf8', this.entryAt, this.entryEnd);
  }
  action(): string {
    return this.b.toString('utf8', this.actionAt, this.actionAt + this.actionLength);
  }
  subjectType(): string {
    return this.b.toString('utf8', this.typeAt, this.typeAt + this.typeLength);
  }
  subjectId(): string {
    return this.b.toString('utf8', this.idAt, this.idAt + this.idLength);
  }

  /** Hands up to `max` records to `visit`; false from `visit` stops at once and is returned. */
  each(max: number, visit: (r: EntryRecord) => boolean): boolean {
    const b = this.b;
    const size = b.length;
    let pos = this.pos;
    const int = (): number => {
      let c = b[pos] as number;
      if (!(c >= 48 && c <= 57)) throw new BatchFramingError(`expected a digit at byte ${pos}`);
      let v = 0;
      do {
        v = v * 10 + (c - 48);
        c = b[++pos] as number;
      } while (c >= 48 && c <= 57);
      if (c !== 32) throw new BatchFramingError(`expected a space at byte ${pos}`);
      pos++;
      return v;
    };
    // Each field is followed by a space, or by the end of the batch.
    const field = (n: number): number => {
      const start = pos;
      pos += n;
      if (pos > size || (pos < size && b[pos] !== 32)) {
        throw new BatchFramingError(`field at byte ${start} does not end on a separator`);
      }
      pos++;
      return start;
    };
    const end = Math.min(this.batch.count, this.done + max);
    let ok = true;
    while (this.done < end) {
      this.seq = int();
      const le = int();
      const lp = int();
      this.actionLength = int();
      this.typeLength = int();
      this.idLength = int();
      const e = field(le);
      const p = field(lp);
      this.actionAt = field(this.actionLength);
      this.typeAt = field(this.typeLength);
      this.idAt = field(this.idLength);
      this.entryAt = e;
      this.entryEnd = e + le;
      b[e - 1] = 0x00;
      this.leafInput = new Uint8Array(b.buffer, b.byteOffset + e - 1, le + 1);
      this.payload = new Uint8Array(b.buffer, b.byteOffset + p, lp);
      this.done++;
      if (!visit(this)) {
        ok = false;
        break;
      }
    }
    this.pos = pos;
    if (ok && this.done === this.batch.count && pos < size) throw new BatchFramingError('bytes after the last record');
    return ok;
  }

  simple(payloadHex: string): boolean {
    const b = this.b;
    const end = this.entryEnd;
    const f = this.found;
    f.seq = -1;
    f.hash = -1;
    f.action = -1;
    f.type = -1;
    f.id = -1;
    let p = ws(b, this.entryAt, end);
    if (p >= end || b[p] !== 0x7b) return false;
    p = object(b, p, end, 0, TOP, f);
    if (p < 0 || ws(b, p, end) !== end) return false;
    if (f.seq !== this.seq || f.hash < 0 || f.action < 0 || f.type < 0 || f.id < 0) return false;
    if (f.hashLength !== payloadHex.length) return false;
    for (let k = 0; k < payloadHex.length; k++) if (b[f.hash + k] !== payloadHex.charCodeAt(k)) return false;
    return (
      sameBytes(b, f.action, f.actionLength, this.actionAt, this.actionLength) &&
      sameBytes(b, f.type, f.typeLength, this.typeAt, this.typeLength) &&
      sameBytes(b, f.id, f.idLength, this.idAt, this.idLength)
    );
  }
}

const EMPTY = Buffer.alloc(0);

// The JSON scanner behind `simple()`: functions of (bytes, position, end) that return the
// position after what they read, or -1 when it is not valid JSON or not simple enough.

/** Where `simple()` found each value of interest (offset of a string's first byte; -1: not found). */
interface Found {
  seq: number;
  hash: number;
  hashLength: number;
  action: number;
  actionLength: number;
  type: number;
  typeLength: number;
  id: number;
  idLength: number;
}

const newFound = (): Found => ({
  seq: -1,
  hash: -1,
  hashLength: 0,
  action: -1,
  actionLength: 0,
  type: -1,
  typeLength: 0,
  id: -1,
  idLength: 0,
});

// Which object is being read (its keys are looked at in TOP and SUBJECT), and which key.
const OTHER = 0;
const TOP = 1;
const SUBJECT = 2;
const SEQ = 3;
const PAYLOAD_HASH = 4;
const ACTION = 5;
const TYPE = 6;
const ID = 7;
const MAX_DEPTH = 64;

/** Set by `string()`: whether the string just read had an escape. */
let escaped = false;

function ws(b: Buffer, p: number, end: number): number {
  while (p < end) {
    const c = b[p];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
    else break;
  }
  return p;
}

function sameBytes(b: Buffer, at: number, length: number, columnAt: number, columnLength: number): boolean {
  // Raw UTF-8 of a JSON string without escapes, against a column's: equal bytes, equal strings.
  if (length !== columnLength) return false;
  for (let k = 0; k < length; k++) if (b[at + k] !== b[columnAt + k]) return false;
  return true;
}

function isAscii(b: Buffer, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (b[at + k] !== name.charCodeAt(k)) return false;
  return true;
}

function keyOf(b: Buffer, at: number, length: number, level: number): number {
  const c = b[at];
  if (level === SUBJECT) {
    if (length === 4 && c === 0x74 && isAscii(b, at, 'type')) return TYPE;
    if (length === 2 && c === 0x69 && isAscii(b, at, 'id')) return ID;
    return OTHER;
  }
  if (length === 3 && c === 0x73 && isAscii(b, at, 'seq')) return SEQ;
  if (length === 11 && c === 0x70 && isAscii(b, at, 'payloadHash')) return PAYLOAD_HASH;
  if (length === 6 && c === 0x61 && isAscii(b, at, 'action')) return ACTION;
  if (length === 7 && c === 0x73 && isAscii(b, at, 'subject')) return SUBJECT;
  return OTHER;
}

/** An object whose `{` is at `p`. In TOP and SUBJECT, records the values of interest in `f`. */
function object(b: Buffer, p: number, end: number, depth: number, level: number, f: Found): number {
  if (depth > MAX_DEPTH) return -1;
  p = ws(b, p + 1, end);
  if (p < end && b[p] === 0x7d) return p + 1;
  for (;;) {
    if (p >= end || b[p] !== 0x22) return -1;
    const keyAt = p + 1;
    p = string(b, p, end);
    if (p < 0) return -1;
    // An escaped key could spell one of the names looked for: leave it to JSON.parse.
    if (escaped && level !== OTHER) return -1;
    const key = level === OTHER ? OTHER : keyOf(b, keyAt, p - 1 - keyAt, level);
    p = ws(b, p, end);
    if (p >= end || b[p] !== 0x3a) return -1;
    p = ws(b, p + 1, end);
    if (key === OTHER) {
      p = value(b, p, end, depth + 1, f);
    } else if (key === SEQ) {
      p = integer(b, p, end, f);
    } else if (key === SUBJECT) {
      if (p >= end || b[p] !== 0x7b) return -1;
      // The last `subject` is the one JSON.parse keeps.
      f.type = -1;
      f.id = -1;
      p = object(b, p, end, depth + 1, SUBJECT, f);
    } else {
      if (p >= end || b[p] !== 0x22) return -1;
      const at = p + 1;
      p = string(b, p, end);
      if (p < 0 || escaped) return -1;
      const length = p - 1 - at;
      if (key === PAYLOAD_HASH) {
        f.hash = at;
        f.hashLength = length;
      } else if (key === ACTION) {
        f.action = at;
        f.actionLength = length;
      } else if (key === TYPE) {
        f.type = at;
        f.typeLength = length;
      } else {
        f.id = at;
        f.idLength = length;
      }
    }
    if (p < 0) return -1;
    p = ws(b, p, end);
    if (p >= end) return -1;
    const c = b[p];
    if (c === 0x7d) return p + 1;
    if (c !== 0x2c) return -1;
    p = ws(b, p + 1, end);
  }
}

function value(b: Buffer, p: number, end: number, depth: number, f: Found): number {
  if (p >= end) return -1;
  const c = b[p] as number;
  if (c === 0x22) return string(b, p, end);
  if (c === 0x7b) return object(b, p, end, depth, OTHER, f);
  if (c === 0x5b) return array(b, p, end, depth, f);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number(b, p, end);
  if (c === 0x74) return literal(b, p, end, 'true');
  if (c === 0x66) return literal(b, p, end, 'false');
  if (c === 0x6e) return literal(b, p, end, 'null');
  return -1;
}

function array(b: Buffer, p: number, end: number, depth: number, f: Found): number {
  if (depth > MAX_DEPTH) return -1;
  p = ws(b, p + 1, end);
  if (p < end && b[p] === 0x5d) return p + 1;
  for (;;) {
    p = value(b, p, end, depth + 1, f);
    if (p < 0) return -1;
    p = ws(b, p, end);
    if (p >= end) return -1;
    const c = b[p];
    if (c === 0x5d) return p + 1;
    if (c !== 0x2c) return -1;
    p = ws(b, p + 1, end);
  }
}

function literal(b: Buffer, p: number, end: number, word: string): number {
  return p + word.length <= end && isAscii(b, p, word) ? p + word.length : -1;
}

/** A string whose opening quote is at `p`; sets `escaped`. */
function string(b: Buffer, p: number, end: number): number {
  escaped = false;
  p++;
  while (p < end) {
    const c = b[p] as number;
    if (c === 0x22) return p + 1;
    if (c === 0x5c) {
      escaped = true;
      if (p + 1 >= end) return -1;
      const e = b[p + 1];
      if (e === 0x75) {
        if (p + 6 > end) return -1;
        for (let k = p + 2; k < p + 6; k++) {
          const h = b[k] as number;
          if (!((h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66))) return -1;
        }
        p += 6;
      } else if (
        e === 0x22 ||
        e === 0x5c ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        p += 2;
      } else return -1;
    } else if (c < 0x20) return -1;
    else p++;
  }
  return -1;
}

function isDigit(b: Buffer, at: number, end: number): boolean {
  return at < end && (b[at] as number) >= 0x30 && (b[at] as number) <= 0x39;
}

/** A number by RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
function number(b: Buffer, p: number, end: number): number {
  if (b[p] === 0x2d) p++;
  if (!isDigit(b, p, end)) return -1;
  if (b[p] === 0x30) p++;
  else while (isDigit(b, p, end)) p++;
  if (p < end && b[p] === 0x2e) {
    p++;
    if (!isDigit(b, p, end)) return -1;
    while (isDigit(b, p, end)) p++;
  }
  if (p < end && (b[p] === 0x65 || b[p] === 0x45)) {
    p++;
    if (p < end && (b[p] === 0x2b || b[p] === 0x2d)) p++;
    if (!isDigit(b, p, end)) return -1;
    while (isDigit(b, p, end)) p++;
  }
  return p;
}

/** `seq`: a plain non-negative integer of at most 15 digits; anything else is left to JSON.parse. */
function integer(b: Buffer, p: number, end: number, f: Found): number {
  const start = p;
  let v = 0;
  while (isDigit(b, p, end)) v = v * 10 + ((b[p++] as number) - 0x30);
  const n = p - start;
  if (n === 0 || n > 15 || (n > 1 && b[start] === 0x30)) return -1;
  if (p < end && (b[p] === 0x2e || b[p] === 0x65 || b[p] === 0x45)) return -1;
  f.seq = v;
  return p;
}
