import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createNoteSigner,
  generateSm2KeyPair,
  type NoteSigner,
  type NoteVerifier,
  noteVerifier,
  verifierKeyString,
} from '@sanxiang/domain';

/**
 * The two SM2 keys of a deployment, kept in files outside the database so that someone who can
 * write the database still cannot sign a forged tree:
 * - the log key signs every checkpoint;
 * - the witness key belongs to the supervising justice bureau. In a county installed on one
 *   machine it sits in the same keys folder; WITNESS_KEY_FILE moves it (and its state, the last
 *   checkpoint it co-signed) to storage the bureau controls.
 */
export interface LedgerKeys {
  log: NoteSigner;
  witness: NoteSigner;
  witnessStateFile: string;
}

interface KeyFile {
  name: string;
  privateKeyHex: string;
  publicKeyHex: string;
  vkey: string;
}

function loadOrCreate(path: string, name: string): NoteSigner {
  if (existsSync(path)) {
    const k = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    return createNoteSigner(k.name, k.privateKeyHex);
  }
  mkdirSync(dirname(path), { recursive: true });
  const pair = generateSm2KeyPair();
  const file: KeyFile = { name, ...pair, vkey: verifierKeyString(name, pair.publicKeyHex) };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return createNoteSigner(name, pair.privateKeyHex);
}

export function keyPaths(keysDir: string, witnessKeyFile?: string) {
  const witness = witnessKeyFile ?? join(keysDir, 'witness-key.json');
  return {
    log: join(keysDir, 'log-key.json'),
    witness,
    witnessState: join(dirname(witness), 'witness-state.json'),
  };
}

export function loadLedgerKeys(origin: string, keysDir: string, witnessKeyFile?: string): LedgerKeys {
  const paths = keyPaths(keysDir, witnessKeyFile);
  return {
    log: loadOrCreate(paths.log, origin),
    witness: loadOrCreate(paths.witness, `${origin}/witness`),
    witnessStateFile: paths.witnessState,
  };
}

export const verifierOf = (s: NoteSigner): NoteVerifier => noteVerifier(s.name, s.publicKeyHex);
