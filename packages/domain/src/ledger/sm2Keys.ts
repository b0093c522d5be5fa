/**
 * SM2 / SM3 primitives for the ledger's signed checkpoints, in a form that runs unchanged in Node and in the browser
 * (the web console verifies checkpoints client-side), so nothing here may import `node:` modules.
 *
 * - SM2 signatures follow GB/T 32918.2 with e = SM3(Z_A || M), where Z_A binds the signer's user ID and public key
 *   (GB/T 32918.2 §5.5); the user ID defaults to the GM/T 0009 value "1234567812345678". This is NOT what Node's
 *   `crypto.sign('sm3', …)` on an SM2-curve EC key does (that is plain ECDSA over the SM2 curve, without Z_A).
 * - Signatures are encoded as the DER `SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER }` of GM/T 0009, the form
 *   OpenSSL, GmSSL and sm-crypto produce, so a third party can check a signature with stock tools.
 * - The arithmetic comes from sm-crypto-v2 (on @noble/curves). Its own DER decoder is lenient (it ignores tags and
 *   trailing bytes) and its verifier skips the r, s ∈ [1, n−1] range checks of GB/T 32918.2 §7.1 B1–B2, so this
 *   module does the strict DER coding and the range checks itself and only hands raw r‖s to the library.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { sm2, sm3 } from 'sm-crypto-v2';

/** GM/T 0009 default signer distinguishing identifier (ENTL = 128 bits). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Order n of the SM2 base point (GB/T 32918.5). */
const SM2_N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

export interface Sm2KeyPair {
  /** 32-byte private key d as 64 lowercase hex digits. */
  privateKeyHex: string;
  /** Uncompressed public key 04 ‖ x ‖ y (GB/T 32918.1 uncompressed point encoding), 130 lowercase hex digits. */
  publicKeyHex: string;
}

/** A public key after curve validation and window precomputation: verification is several times faster. */
export type Sm2PreparedPublicKey = ReturnType<typeof sm2.precomputePublicKey>;

const utf8 = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Strict hex decoding: even length, hex digits only (either case). */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('十六进制字符串格式错误');
  return hexToBytes(hex);
}

export function sha256Bytes(data: Uint8Array): Uint8Array {
  return sha256(data);
}

/** SM3 (GB/T 32905) digest as lowercase hex; strings are hashed as their UTF-8 bytes. */
export function sm3Hex(data: Uint8Array | string): string {
  return sm3(typeof data === 'string' ? utf8Bytes(data) : data);
}

export function generateSm2KeyPair(): Sm2KeyPair {
  // The library draws d from globalThis.crypto.getRandomValues (Node ≥ 19 and every browser have it).
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKeyHex: privateKey.toLowerCase(), publicKeyHex: publicKey.toLowerCase() };
}

/**
 * Validates an SM2 private key and returns it in canonical (lowercase) form. GB/T 32918.1 key-pair generation requires
 * d ∈ [1, n−2]: signing inverts (1 + d), which is zero for d = n − 1.
 */
export function normalizeSm2PrivateKey(privateKeyHex: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(privateKeyHex)) throw new Error('SM2 私钥须为 64 位十六进制');
  const d = BigInt(`0x${privateKeyHex}`);
  if (d < 1n || d > SM2_N - 2n) throw new Error('SM2 私钥超出取值范围 [1, n−2]');
  return privateKeyHex.toLowerCase();
}

/** Validates an uncompressed SM2 public key (format and curve membership) and returns it in lowercase form. */
export function normalizeSm2PublicKey(publicKeyHex: string): string {
  if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHex)) {
    throw new Error('SM2 公钥须为 04 开头的 130 位十六进制（非压缩格式）');
  }
  let onCurve = false;
  try {
    onCurve = sm2.verifyPublicKey(publicKeyHex);
  } catch {
    // The library throws instead of returning false for some invalid points.
  }
  if (!onCurve) throw new Error('SM2 公钥不是曲线上的有效点');
  return publicKeyHex.toLowerCase();
}

export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  return sm2.getPublicKeyFromPrivateKey(normalizeSm2PrivateKey(privateKeyHex)).toLowerCase();
}

/**
 * Precomputes multiples of a public key once (a few milliseconds) so that later verifications with it run faster;
 * worth it for a key that verifies many signatures, such as the log's own key on the server.
 */
export function prepareSm2PublicKey(publicKeyHex: string): Sm2PreparedPublicKey {
  return sm2.precomputePublicKey(normalizeSm2PublicKey(publicKeyHex));
}

function checkUserId(userId: string): void {
  // ENTL is a 16-bit count of bits (GB/T 32918.2 §5.5), so the ID is at most 8191 bytes.
  const length = utf8Bytes(userId).length;
  if (length === 0 || length > 8191) throw new Error('SM2 用户标识长度须为 1–8191 字节');
}

/**
 * Signs `message` (the exact bytes; the library computes Z_A and SM3 itself) and returns the DER signature.
 * The caller vouches that `publicKeyHex` belongs to `privateKeyHex`: Z_A is computed from it, and a mismatched key
 * would yield signatures that never verify.
 */
export function sm2Sign(
  message: Uint8Array,
  privateKeyHex: string,
  publicKeyHex: string,
  userId: string = SM2_DEFAULT_USER_ID,
): Uint8Array {
  checkUserId(userId);
  normalizeSm2PrivateKey(privateKeyHex);
  const raw = sm2.doSignature(message, privateKeyHex, { hash: true, publicKey: publicKeyHex, userId, der: false });
  if (!/^[0-9a-f]{128}$/.test(raw)) throw new Error('SM2 签名结果格式异常');
  return encodeSm2SignatureDer(BigInt(`0x${raw.slice(0, 64)}`), BigInt(`0x${raw.slice(64)}`));
}

/**
 * Verifies a DER SM2 signature over `message`. Returns false (never throws) for any malformed or non-canonical
 * signature, an out-of-range r or s, or a signature that does not verify.
 */
export function sm2Verify(
  message: Uint8Array,
  signatureDer: Uint8Array,
  publicKey: string | Sm2PreparedPublicKey,
  userId: string = SM2_DEFAULT_USER_ID,
): boolean {
  checkUserId(userId);
  const rs = decodeSm2SignatureDer(signatureDer);
  if (!rs) return false;
  const rsHex = rs.r.toString(16).padStart(64, '0') + rs.s.toString(16).padStart(64, '0');
  try {
    return sm2.doVerifySignature(message, rsHex, publicKey, { hash: true, userId, der: false });
  } catch {
    // An invalid public key makes the library throw; for a verifier that is simply "not verified".
    return false;
  }
}

function integerToDer(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  // A leading 1 bit would read as a negative INTEGER, so DER prepends a zero byte.
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const body = hexToBytes(hex);
  return concatBytes(new Uint8Array([0x02, body.length]), body);
}

/** DER-encodes an SM2Signature; r and s must be in [1, n−1], so every length fits DER's short form. */
export function encodeSm2SignatureDer(r: bigint, s: bigint): Uint8Array {
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) throw new Error('SM2 签名值超出取值范围');
  const content = concatBytes(integerToDer(r), integerToDer(s));
  return concatBytes(new Uint8Array([0x30, content.length]), content);
}

/**
 * Strict DER decoding of an SM2Signature: short-form lengths, minimal positive INTEGERs, nothing trailing, and
 * r, s ∈ [1, n−1]. Anything else returns null, so a signature has exactly one accepted encoding and flipping any
 * byte of it cannot yield another valid one.
 */
export function decodeSm2SignatureDer(der: Uint8Array): { r: bigint; s: bigint } | null {
  if (der.length < 8 || der.length > 72 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  let offset = 2;
  const readInteger = (): bigint | null => {
    if (der[offset] !== 0x02) return null;
    const length = der[offset + 1] ?? 0;
    if (length < 1 || length > 33 || offset + 2 + length > der.length) return null;
    const body = der.subarray(offset + 2, offset + 2 + length);
    const first = body[0] ?? 0;
    if (first >= 0x80) return null;
    if (first === 0 && length > 1 && (body[1] ?? 0) < 0x80) return null;
    offset += 2 + length;
    return BigInt(`0x${bytesToHex(body)}`);
  };
  const r = readInteger();
  const s = readInteger();
  if (r === null || s === null || offset !== der.length) return null;
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return null;
  return { r, s };
}

// SubjectPublicKeyInfo prefix for an uncompressed SM2 point (GM/T 0010 / RFC 5480 layout): SEQUENCE { SEQUENCE {
// id-ecPublicKey 1.2.840.10045.2.1, sm2 1.2.156.10197.1.301 }, BIT STRING (0 unused bits) 04 ‖ x ‖ y }.
const SPKI_PREFIX = hexToBytes('3059301306072a8648ce3d020106082a811ccf5501822d034200');

/** DER SubjectPublicKeyInfo for an SM2 public key, as OpenSSL's `-pubin` and X.509 tools expect. */
export function sm2PublicKeyToSpkiDer(publicKeyHex: string): Uint8Array {
  return concatBytes(SPKI_PREFIX, hexToBytes(normalizeSm2PublicKey(publicKeyHex)));
}

export function sm2PublicKeyToPem(publicKeyHex: string): string {
  const b64 = bytesToBase64(sm2PublicKeyToSpkiDer(publicKeyHex));
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** Reads an SM2 public key from SPKI, given as DER bytes or a PEM "PUBLIC KEY" block; returns 04‖x‖y hex. */
export function sm2PublicKeyFromSpki(spki: Uint8Array | string): string {
  let der: Uint8Array;
  if (typeof spki === 'string') {
    const match = /^-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END PUBLIC KEY-----\s*$/.exec(spki.trim());
    if (!match?.[1]) throw new Error('不是 PEM 格式的公钥（PUBLIC KEY）');
    der = base64ToBytes(match[1].replace(/\r?\n/g, ''));
  } else {
    der = spki;
  }
  const prefixOk = der.length === SPKI_PREFIX.length + 65 && SPKI_PREFIX.every((byte, i) => der[i] === byte);
  if (!prefixOk) throw new Error('不是 SM2 曲线的非压缩公钥（SubjectPublicKeyInfo 结构不符）');
  return normalizeSm2PublicKey(bytesToHex(der.subarray(SPKI_PREFIX.length)));
}

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 with padding (RFC 4648 §4), the encoding the C2SP formats use. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += B64_ALPHABET[(n >> 18) & 63];
    out += B64_ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64_ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64_ALPHABET[n & 63] : '=';
  }
  return out;
}

/**
 * Strict standard base64: padding required, no whitespace, and canonical (unused low bits zero), so every byte
 * string has exactly one accepted text form. Throws on anything else.
 */
export function base64ToBytes(text: string): Uint8Array {
  if (!B64_SHAPE.test(text)) throw new Error('base64 编码格式错误');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text[i + j] ?? '=';
      n = (n << 6) | (c === '=' ? 0 : B64_ALPHABET.indexOf(c));
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  if (bytesToBase64(out) !== text) throw new Error('base64 编码不规范（填充位非零）');
  return out;
}
