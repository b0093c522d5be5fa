/**
 * The ledger's entries as the database's own binary COPY tuples, and the verifier's walk over them
 * (entryBatches.ts reads them; entryChecks.ts checks them, in worker threads on a large ledger, so
 * this module imports nothing but Node's Buffer). A batch holds whole tuples, without the COPY header
 * and trailer. Each tuple is, big-endian:
 *
 *   int16 6 · int32 8 · int64 seq · (int32 |x| · x) for x in entry, payload, action, subject_type, subject_id
 *
 * |x| is the length of x in UTF-8 bytes; no field is NULL (the columns are NOT NULL).
 */
export interface EntryBatch {
  /** Number of tuples in `bytes`. */
  count: number;
  /** The only view on memory of its own (never Node's shared pool), so that it can move to a worker. */
  bytes: Buffer;
}

const FIELDS = 6;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags, length of the header extension. */
const HEADER = SIGNATURE.length + 8;

export class BatchFramingError extends Error {}

/**
 * A big-endian int32 at `p`, read by hand: Buffer's readInt32BE is a call with bounds checks of its
 * own, and showed in the worker's profile. The caller checks the bounds.
 */
function int32(b: Buffer, p: number): number {
  return ((b[p] as number) << 24) | ((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number);
}

/** Where the first tuple starts after the COPY header at the start of `b[0, filled)`; -1: not all there yet. */
export function afterHeader(b: Buffer, filled: number): number {
  if (filled < HEADER) return -1;
  if (!b.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new BatchFramingError('not a binary COPY');
  const end = HEADER + b.readUInt32BE(HEADER - 4);
  return filled < end ? -1 : end;
}

/**
 * End of the tuple that starts at `p` in `b[0, filled)`: -1 when it is not all there yet, -2 at
 * the trailer that ends the COPY.
 */
export function tupleEnd(b: Buffer, p: number, filled: number): number {
  if (p + 2 > filled) return -1;
  const fields = b.readInt16BE(p);
  if (fields === -1) return -2;
  if (fields !== FIELDS) throw new BatchFramingError(`a tuple of ${fields} fields at byte ${p}`);
  p += 2;
  for (let i = 0; i < FIELDS; i++) {
    if (p + 4 > filled) return -1;
    const length = int32(b, p);
    if (length < 0) throw new BatchFramingError(`a NULL field at byte ${p}`);
    p += 4 + length;
    if (p > filled) return -1;
  }
  return p;
}

/** The `seq` of the tuple at `p`, whose first field the caller knows to lie within the batch. */
export function seqAt(b: Buffer, p: number): number {
  if (int32(b, p + 2) !== 8) throw new BatchFramingError(`seq at byte ${p} is not an int8`);
  return int32(b, p + 6) * 2 ** 32 + (int32(b, p + 10) >>> 0);
}

/**
 * One record of a batch: offsets into the batch's bytes, and views of them for hashing.
 *
 * `simple()` is the fast path of the per-entry checks: it validates the entry as JSON and checks
 * its `seq`, `payloadHash`, `action` and `subject.type`/`subject.id` with one pass over the
 * bytes, allocating nothing (JSON.parse builds three objects and seven strings per entry, and was
 * a third of the verifier's time); those four strings are compared with what is expected as they
 * are read, not read first and compared after. It only ever answers "valid, and these fields are exactly as
 * expected" or "don't know": anything unusual (an escape in a key or in one of those values, a
 * seq that is not a plain integer, a missing field, nesting deeper than 64) and every mismatch
 * goes to the exact path, `JSON.parse(entryText())`, which decides and names the problem.
 */
export interface EntryRecord {
  seq: number;
  /** 0x00 ‖ UTF-8(entry): the leaf hash's input, in place (the last byte of its length field is overwritten). */
  leafInput: Uint8Array;
  /** UTF-8(payload). */
  payload: Uint8Array;
  /**
   * True only if the entry is a JSON object (by RFC 8259, as JSON.parse reads it) whose `seq` is
   * this record's, whose `payloadHash` is `payloadDigest` (one latin1 char per byte) in lowercase
   * hex, and whose `action`, `subject.type` and `subject.id` are the stored index columns. False
   * means: check the slow way.
   */
  simple(payloadDigest: string): boolean;
  /** The entry, decoded as UTF-8. */
  entryText(): string;
  /** The stored index columns, decoded. */
  action(): string;
  subjectType(): string;
  subjectId(): string;
}

/** Walks the records of one batch, once; it is itself the current record. */
export class BatchCursor implements EntryRecord {
  seq = 0;
  leafInput: Uint8Array = EMPTY;
  payload: Uint8Array = EMPTY;
  private readonly b: Buffer;
  private entryAt = 0;
  private entryEnd = 0;
  /** The index columns' places in the batch, where `simple()` compares them too, and what it found. */
  private readonly f = newFound();

  constructor(private readonly batch: EntryBatch) {
    this.b = batch.bytes;
  }

  entryText(): string {
    return this.b.toString('utf8', this.entryAt, this.entryEnd);
  }
  action(): string {
    return this.b.toString('utf8', this.f.actionAt, this.f.actionAt + this.f.actionLength);
  }
  subjectType(): string {
    return this.b.toString('utf8', this.f.typeAt, this.f.typeAt + this.f.typeLength);
  }
  subjectId(): string {
    return this.b.toString('utf8', this.f.idAt, this.f.idAt + this.f.idLength);
  }

  /** Hands the batch's records to `visit` in order; false from `visit` stops at once and is returned. */
  each(visit: (r: EntryRecord) => boolean): boolean {
    const b = this.b;
    const f = this.f;
    const size = b.length;
    let pos = 0;
    // A field: its length, then its bytes, which must lie within the batch.
    const field = (): number => {
      const length = pos + 4 <= size ? int32(b, pos) : -1;
      if (length < 0 || pos + 4 + length > size) throw new BatchFramingError(`no whole field at byte ${pos}`);
      pos += 4 + length;
      return length;
    };
    for (let k = 0; k < this.batch.count; k++) {
      if (pos + 2 > size || b[pos] !== 0 || b[pos + 1] !== FIELDS)
        throw new BatchFramingError(`no tuple at byte ${pos}`);
      const start = pos;
      pos += 2;
      field();
      this.seq = seqAt(b, start);
      const le = field();
      const e = pos - le;
      const lp = field();
      const p = pos - lp;
      f.actionLength = field();
      f.actionAt = pos - f.actionLength;
      f.typeLength = field();
      f.typeAt = pos - f.typeLength;
      f.idLength = field();
      f.idAt = pos - f.idLength;
      this.entryAt = e;
      this.entryEnd = e + le;
      // The last byte of the entry's length (already read) becomes the leaf's 0x00 prefix.
      b[e - 1] = 0x00;
      this.leafInput = new Uint8Array(b.buffer, b.byteOffset + e - 1, le + 1);
      this.payload = new Uint8Array(b.buffer, b.byteOffset + p, lp);
      if (!visit(this)) return false;
    }
    if (pos < size) throw new BatchFramingError('bytes after the last record');
    return true;
  }

  simple(payloadDigest: string): boolean {
    const b = this.b;
    const end = this.entryEnd;
    const f = this.f;
    f.seq = -1;
    f.hash = false;
    f.action = false;
    f.type = false;
    f.id = false;
    f.digest = payloadDigest;
    let p = ws(b, this.entryAt, end);
    if (p >= end || b[p] !== 0x7b) return false;
    p = object(b, p, end, 0, TOP, f);
    if (p < 0 || ws(b, p, end) !== end) return false;
    return f.seq === this.seq && f.hash && f.action && f.type && f.id;
  }
}

const EMPTY = Buffer.alloc(0);
/** The char codes of 0–9a–f. */
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

// The JSON scanner behind `simple()`: functions of (bytes, position, end) that return the
// position after what they read, or -1 when it is not valid JSON or not simple enough.

/**
 * What `simple()` expects (the payload's digest; the index columns' places in the batch, which the
 * cursor writes here as it walks) and what it found: the entry's `seq`, and whether each value of
 * interest was there and equal to what is expected.
 */
interface Found {
  seq: number;
  digest: string;
  hash: boolean;
  actionAt: number;
  actionLength: number;
  action: boolean;
  typeAt: number;
  typeLength: number;
  type: boolean;
  idAt: number;
  idLength: number;
  id: boolean;
}

const newFound = (): Found => ({
  seq: -1,
  digest: '',
  hash: false,
  actionAt: 0,
  actionLength: 0,
  action: false,
  typeAt: 0,
  typeLength: 0,
  type: false,
  idAt: 0,
  idLength: 0,
  id: false,
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

/** A JSON string at `p` that is, unescaped, the lowercase hex of `digest` (one latin1 char per byte); -1 if not. */
function hexString(b: Buffer, p: number, end: number, digest: string): number {
  const close = p + 1 + 2 * digest.length;
  if (close >= end || b[p] !== 0x22 || b[close] !== 0x22) return -1;
  for (let k = 0, at = p + 1; k < digest.length; k++, at += 2) {
    const c = digest.charCodeAt(k);
    if (b[at] !== HEX_DIGITS[c >> 4] || b[at + 1] !== HEX_DIGITS[c & 15]) return -1;
  }
  return close + 1;
}

/**
 * A JSON string at `p` whose raw bytes, without escapes, are those of the column at `columnAt`
 * (equal bytes, equal strings); -1 if not.
 */
function columnString(b: Buffer, p: number, end: number, columnAt: number, columnLength: number): number {
  const close = p + 1 + columnLength;
  if (close >= end || b[p] !== 0x22 || b[close] !== 0x22) return -1;
  for (let k = 0, at = p + 1; k < columnLength; k++, at++) {
    const c = b[at] as number;
    if (PLAIN[c] !== 1 || c !== b[columnAt + k]) return -1;
  }
  return close + 1;
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
      f.type = false;
      f.id = false;
      p = object(b, p, end, depth + 1, SUBJECT, f);
    } else if (key === PAYLOAD_HASH) {
      // Anything but the expected digest goes to JSON.parse, which names the mismatch.
      p = hexString(b, p, end, f.digest);
      f.hash = true;
    } else if (key === ACTION) {
      p = columnString(b, p, end, f.actionAt, f.actionLength);
      f.action = true;
    } else if (key === TYPE) {
      p = columnString(b, p, end, f.typeAt, f.typeLength);
      f.type = true;
    } else {
      p = columnString(b, p, end, f.idAt, f.idLength);
      f.id = true;
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

/** Bytes that stand for themselves inside a JSON string: not a control character, `"` or `\\`. */
const PLAIN = new Uint8Array(256).fill(1, 0x20);
PLAIN[0x22] = 0;
PLAIN[0x5c] = 0;

/** A string whose opening quote is at `p`; sets `escaped`. */
function string(b: Buffer, p: number, end: number): number {
  escaped = false;
  p++;
  while (p < end) {
    // Most bytes are plain: one table look-up each.
    while (p < end && PLAIN[b[p] as number] === 1) p++;
    if (p >= end) return -1;
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
