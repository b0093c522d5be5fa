import { createHash } from 'node:crypto';
import type { Hasher, HashName } from '@sanxiang/domain';

/** node:crypto's SM3 and SHA-256 (OpenSSL 3): the server side of the Merkle module's Hasher. */
export function nodeHasher(name: HashName): Hasher {
  return { name, digest: (data) => createHash(name).update(data).digest() };
}

export const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
export const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
