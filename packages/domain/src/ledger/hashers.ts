import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { sm3 } from 'sm-crypto-v2';
import type { Hasher, HashName } from './merkle.js';

/**
 * Pure-JS hashers for verifying anywhere (browser, offline case-file check). The server appends
 * with node:crypto's faster implementations; both give the same bytes (tested).
 */
export function portableHasher(name: HashName): Hasher {
  if (name === 'sm3') return { name, digest: (data) => hexToBytes(sm3(data)) };
  if (name === 'sha256') return { name, digest: (data) => sha256(data) };
  throw new Error(`不支持的哈希算法：${String(name)}`);
}
