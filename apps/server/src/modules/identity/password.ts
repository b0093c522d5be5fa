import argon2 from 'argon2';
import { DomainError } from '../../http/errors.js';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), the OWASP-recommended family. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** A hash of a random secret, verified against for unknown users so timing does not reveal them. */
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash.then((h) => verifyPassword(h, password));
}

/** At least 8 characters with letters and digits; not the username. */
export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new DomainError('PASSWORD_WEAK', '密码至少8位，且须同时包含字母和数字', 400, field);
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new DomainError('PASSWORD_WEAK', '密码不得包含用户名', 400, field);
  }
}
