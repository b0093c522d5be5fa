import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import {
  addSignature,
  type Checkpoint,
  CheckpointNoteError,
  createNoteSigner,
  formatCheckpoint,
  formatCheckpointTime,
  generateSm2KeyPair,
  type NoteSigner,
  noteKeyId,
  noteVerifier,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  prepareNoteVerifier,
  SM2_NOTE_SIGNATURE_TYPE,
  signCheckpoint,
  signNote,
  sm2PublicKeyFromPrivate,
  sm2PublicKeyFromSpki,
  sm2PublicKeyToPem,
  sm2PublicKeyToSpkiDer,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  verifierKeyString,
} from '../src/index.js';
import { base64ToBytes, bytesToBase64, decodeSm2SignatureDer, encodeSm2SignatureDer } from '../src/ledger/sm2Keys.js';

const enc = new TextEncoder();
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const CHINESE = /[\u4e00-\u9fff]/;
const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

function expectNoteError(fn: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof CheckpointNoteError, `expected CheckpointNoteError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, CHINESE);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

// Fixed keys keep failures reproducible; generateSm2KeyPair is exercised separately.
const LOG_PRIVATE = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
const WITNESS_PRIVATE = '128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263';
const LOG_NAME = 'sanxiang.example/ledger';
const WITNESS_NAME = 'sft.example/witness';
const log: NoteSigner = createNoteSigner(LOG_NAME, LOG_PRIVATE);
const witness: NoteSigner = createNoteSigner(WITNESS_NAME, WITNESS_PRIVATE);
const logVerifier = noteVerifier(LOG_NAME, log.publicKeyHex);
const witnessVerifier = noteVerifier(WITNESS_NAME, witness.publicKeyHex);

const root = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 255);
const checkpoint: Checkpoint = { origin: LOG_NAME, size: 20852163, rootHash: root, time: '2026-11-23T12:00:00Z' };

describe('SM3 (GB/T 32905 examples)', () => {
  const vectors: Array<[string, string]> = [
    ['abc', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
    ['abcd'.repeat(16), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732'],
  ];
  for (const [input, digest] of vectors) {
    it(`sm3("${input.slice(0, 8)}…", ${input.length} bytes)`, () => {
      assert.equal(sm3Hex(input), digest);
      assert.equal(sm3Hex(enc.encode(input)), digest);
      assert.equal(createHash('sm3').update(input).digest('hex'), digest);
    });
  }
  it('hashes strings as UTF-8', () => {
    assert.equal(sm3Hex('三项'), createHash('sm3').update(Buffer.from('三项', 'utf8')).digest('hex'));
  });
});

describe('SM2 keys and signatures', () => {
  const message = enc.encode('sanxiang.example/ledger\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n');

  it('generates key pairs in the documented hex forms', () => {
    const pair = generateSm2KeyPair();
    assert.match(pair.privateKeyHex, /^[0-9a-f]{64}$/);
    assert.match(pair.publicKeyHex, /^04[0-9a-f]{128}$/);
    assert.equal(sm2PublicKeyFromPrivate(pair.privateKeyHex), pair.publicKeyHex);
    assert.notEqual(generateSm2KeyPair().privateKeyHex, pair.privateKeyHex);
  });

  it('signs and verifies; rejects another key, a changed message byte and every changed signature byte', () => {
    const signature = sm2Sign(message, LOG_PRIVATE, log.publicKeyHex);
    assert.ok(decodeSm2SignatureDer(signature), 'DER SM2Signature');
    assert.ok(sm2Verify(message, signature, log.publicKeyHex));
    assert.ok(!sm2Verify(message, signature, witness.publicKeyHex));
    assert.ok(!sm2Verify(message, signature, log.publicKeyHex, '8765432187654321'), 'user ID is bound into Z_A');
    for (let i = 0; i < message.length; i++) {
      const changed = message.slice();
      changed[i] = (changed[i] ?? 0) ^ 0x01;
      assert.ok(!sm2Verify(changed, signature, log.publicKeyHex), `message byte ${i}`);
    }
    for (let i = 0; i < signature.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const changed = signature.slice();
        changed[i] = (changed[i] ?? 0) ^ mask;
        assert.ok(!sm2Verify(message, changed, log.publicKeyHex), `signature byte ${i} ^ ${mask}`);
      }
    }
    assert.ok(!sm2Verify(message, signature.subarray(0, signature.length - 1), log.publicKeyHex), 'truncated');
    assert.ok(!sm2Verify(message, new Uint8Array([...signature, 0]), log.publicKeyHex), 'trailing byte');
  });

  it('is randomized (fresh k per signature) yet every signature verifies', () => {
    const a = sm2Sign(message, LOG_PRIVATE, log.publicKeyHex);
    const b = sm2Sign(message, LOG_PRIVATE, log.publicKeyHex);
    assert.notEqual(hex(a), hex(b));
    assert.ok(sm2Verify(message, b, log.publicKeyHex));
  });

  it('accepts only canonical DER with r, s in [1, n−1]', () => {
    const der = encodeSm2SignatureDer(0x80n, 1n);
    assert.equal(hex(der), '300702020080020101');
    assert.deepEqual(decodeSm2SignatureDer(der), { r: 0x80n, s: 1n });
    const rejected = [
      '300702020080020101ff', // a byte after the SEQUENCE
      '3008020200800201' + '01ff', // a byte after s inside the SEQUENCE
      '30080203000080020101', // non-minimal INTEGER (extra zero byte)
      '3006020180020101', // negative INTEGER
      '308107020200800201' + '01', // long-form length
      '3006020100020101', // r = 0
      '3106020101020101', // wrong tag
    ];
    for (const text of rejected) {
      assert.equal(decodeSm2SignatureDer(Buffer.from(text, 'hex')), null, text);
    }
    const rn = Buffer.concat([
      Buffer.from('3026022100', 'hex'),
      Buffer.from(N.toString(16), 'hex'),
      Buffer.from('020101', 'hex'),
    ]);
    assert.equal(decodeSm2SignatureDer(rn), null, 'r = n');
    assert.throws(() => encodeSm2SignatureDer(N, 1n));
  });

  it('round-trips SubjectPublicKeyInfo (PEM and DER) and rejects other keys', () => {
    const pem = sm2PublicKeyToPem(log.publicKeyHex);
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n$/);
    assert.equal(sm2PublicKeyFromSpki(pem), log.publicKeyHex);
    assert.equal(sm2PublicKeyFromSpki(sm2PublicKeyToSpkiDer(log.publicKeyHex)), log.publicKeyHex);
    const p256 = Buffer.from(sm2PublicKeyToSpkiDer(log.publicKeyHex));
    p256.set(Buffer.from('2a8648ce3d030107', 'hex'), 15); // prime256v1 OID in place of sm2
    assert.throws(() => sm2PublicKeyFromSpki(p256), /SM2/);
    const offCurve = `04${'11'.repeat(64)}`;
    assert.throws(() => sm2PublicKeyToSpkiDer(offCurve), /曲线/);
  });

  it('strict base64: padding required, canonical trailing bits, no whitespace', () => {
    assert.equal(bytesToBase64(new Uint8Array([0xff, 0xee])), '/+4=');
    assert.deepEqual([...base64ToBytes('/+4=')], [0xff, 0xee]);
    for (const bad of ['/+4', '/+5=', '/+4= ', 'ab\ncd==', 'a===', '-_8=']) {
      assert.throws(() => base64ToBytes(bad), /base64/, bad);
    }
  });
});

describe('OpenSSL interoperability (an independent SM2 implementation)', () => {
  const opensslVersion = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  const haveOpenssl = opensslVersion.status === 0 && /OpenSSL 3\./.test(opensslVersion.stdout);
  const skipReason = haveOpenssl ? '' : 'openssl 3 命令行不可用，跳过 SM2 互操作测试';
  if (!haveOpenssl) console.log(`SKIP: ${skipReason}`);

  function withDir(fn: (dir: string) => void): void {
    const dir = mkdtempSync(join(tmpdir(), 'sm2-interop-'));
    try {
      fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  function openssl(args: string[]): { ok: boolean; out: string } {
    const run = spawnSync('openssl', args, { encoding: 'utf8' });
    return { ok: run.status === 0, out: `${run.stdout}${run.stderr}` };
  }
  const distid = 'distid:1234567812345678';

  it('openssl verifies the signature of a note the module signed', { skip: skipReason || false }, (t: TestContext) => {
    withDir((dir) => {
      const note = signCheckpoint(checkpoint, log);
      const body = formatCheckpoint(checkpoint);
      const line = note.slice(body.length + 1, -1);
      const payload = base64ToBytes(line.slice(line.lastIndexOf(' ') + 1));
      assert.equal(hex(payload.subarray(0, 4)), hex(logVerifier.keyId));
      writeFileSync(join(dir, 'body'), body);
      writeFileSync(join(dir, 'sig'), payload.subarray(4));
      writeFileSync(join(dir, 'pub.pem'), sm2PublicKeyToPem(log.publicKeyHex));
      const common = ['-in', join(dir, 'body'), '-sigfile', join(dir, 'sig'), '-pubin', '-inkey', join(dir, 'pub.pem')];
      const verify = openssl(['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', ...common, '-pkeyopt', distid]);
      assert.ok(verify.ok, verify.out);
      assert.match(verify.out, /Signature Verified Successfully/);
      const dgst = openssl([
        ...['dgst', '-sm3', '-verify', join(dir, 'pub.pem'), '-sigopt', distid],
        ...['-signature', join(dir, 'sig'), join(dir, 'body')],
      ]);
      assert.ok(dgst.ok, dgst.out);
      const otherId = openssl(['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', ...common, '-pkeyopt', 'distid:x']);
      assert.ok(!otherId.ok, 'another user ID must not verify');
      writeFileSync(join(dir, 'body'), body.replace('20852163', '20852164'));
      const tampered = openssl(['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', ...common, '-pkeyopt', distid]);
      assert.ok(!tampered.ok, 'changed body must not verify');
      t.diagnostic(opensslVersion.stdout.trim());
    });
  });

  it('the module verifies SM2 signatures made by openssl, also inside a note', { skip: skipReason || false }, () => {
    withDir((dir) => {
      const key = join(dir, 'key.pem');
      assert.ok(openssl(['genpkey', '-algorithm', 'SM2', '-out', key]).ok);
      const pubDer = join(dir, 'pub.der');
      assert.ok(openssl(['pkey', '-in', key, '-pubout', '-outform', 'DER', '-out', pubDer]).ok);
      const publicKeyHex = sm2PublicKeyFromSpki(readFileSync(pubDer));
      assert.equal(hex(sm2PublicKeyToSpkiDer(publicKeyHex)), hex(readFileSync(pubDer)), 'same SPKI bytes as openssl');

      const body = formatCheckpoint({ ...checkpoint, origin: 'openssl.example/log' });
      writeFileSync(join(dir, 'body'), body);
      const signArgs = ['pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-in', join(dir, 'body'), '-inkey', key];
      assert.ok(openssl([...signArgs, '-out', join(dir, 'sig'), '-pkeyopt', distid]).ok);
      const signature = new Uint8Array(readFileSync(join(dir, 'sig')));
      assert.ok(sm2Verify(enc.encode(body), signature, publicKeyHex));
      assert.ok(!sm2Verify(enc.encode(body.replace('\n', 'x\n')), signature, publicKeyHex));
      assert.ok(!sm2Verify(enc.encode(body), signature, log.publicKeyHex));

      // The same bytes as a note signature line: key ID ‖ DER signature.
      const name = 'openssl.example/log';
      const payload = new Uint8Array([...noteKeyId(name, publicKeyHex), ...signature]);
      const note = `${body}\n— ${name} ${bytesToBase64(payload)}\n`;
      const opened = openCheckpoint(note, [noteVerifier(name, publicKeyHex)], { origin: 'openssl.example/log' });
      assert.deepEqual(opened.verifiedBy, [name]);

      // A signature under a different distinguishing ID is a different signature.
      assert.ok(openssl([...signArgs, '-out', join(dir, 'sig2'), '-pkeyopt', 'distid:other-id']).ok);
      assert.ok(!sm2Verify(enc.encode(body), new Uint8Array(readFileSync(join(dir, 'sig2'))), publicKeyHex));

      // Node's crypto.sign('sm3', …) with this SM2 key is not a GB/T 32918 signature (no Z_A) and must not pass.
      const nodeSignature = nodeSign('sm3', Buffer.from(body), createPrivateKey(readFileSync(key)));
      assert.ok(!sm2Verify(enc.encode(body), new Uint8Array(nodeSignature), publicKeyHex));
    });
  });
});

describe('verifier keys (vkey)', () => {
  it('derives the key ID as SHA-256(name ‖ 0x0a ‖ 0xff ‖ OID ‖ 04‖x‖y)[:4] and round-trips', () => {
    assert.equal(hex(SM2_NOTE_SIGNATURE_TYPE), 'ff06082a811ccf55018375');
    const expected = createHash('sha256')
      .update(LOG_NAME)
      .update(Buffer.from([0x0a]))
      .update(SM2_NOTE_SIGNATURE_TYPE)
      .update(Buffer.from(log.publicKeyHex, 'hex'))
      .digest()
      .subarray(0, 4);
    assert.equal(hex(noteKeyId(LOG_NAME, log.publicKeyHex)), expected.toString('hex'));
    const vkey = verifierKeyString(LOG_NAME, log.publicKeyHex);
    const first = vkey.indexOf('+');
    const second = vkey.indexOf('+', first + 1);
    const id = vkey.slice(first + 1, second);
    assert.equal(vkey.slice(0, first), LOG_NAME);
    assert.equal(id, expected.toString('hex'));
    assert.equal(hex(base64ToBytes(vkey.slice(second + 1))), `ff06082a811ccf55018375${log.publicKeyHex}`);
    const parsed = parseVerifierKey(vkey);
    assert.equal(parsed.name, LOG_NAME);
    assert.equal(parsed.publicKeyHex, log.publicKeyHex);
    assert.equal(hex(parsed.keyId), hex(logVerifier.keyId));
    assert.deepEqual(parseVerifierKey(vkey.replace(`+${id}+`, `+${id.toUpperCase()}+`)).keyId, parsed.keyId);
  });

  it('rejects malformed vkeys with Chinese messages', () => {
    const vkey = verifierKeyString(LOG_NAME, log.publicKeyHex);
    const [name = '', id = ''] = vkey.split('+');
    const material = vkey.slice(name.length + id.length + 2);
    const bytes = base64ToBytes(material);
    const withMaterial = (b: Uint8Array): string => `${name}+${id}+${bytesToBase64(b)}`;
    const otherOid = bytes.slice();
    otherOid[10] = (otherOid[10] ?? 0) ^ 1;
    const cases: Array<[string, string]> = [
      ['no plus', name],
      ['one plus', `${name}+${id}`],
      ['short id', `${name}+${id.slice(1)}+${material}`],
      ['non-hex id', `${name}+zzzzzzzz+${material}`],
      ['wrong id', `${name}+00000000+${material}`],
      ['other name', `other.example/x+${id}+${material}`],
      ['space in name', `a b+${id}+${material}`],
      ['empty name', `+${id}+${material}`],
      ['bad base64', `${name}+${id}+${material.slice(1)}`],
      ['Ed25519 vkey', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
      ['other 0xff type', withMaterial(otherOid)],
      ['truncated key', withMaterial(bytes.subarray(0, bytes.length - 1))],
      ['compressed key', withMaterial(new Uint8Array([...bytes.subarray(0, 11), 0x02, ...bytes.subarray(12, 44)]))],
      [
        'off-curve key',
        withMaterial(new Uint8Array([...bytes.subarray(0, bytes.length - 1), (bytes.at(-1) ?? 0) ^ 1])),
      ],
      ['trailing newline', `${vkey}\n`],
    ];
    for (const [label, text] of cases) {
      assert.throws(
        () => parseVerifierKey(text),
        (error: unknown) =>
          error instanceof CheckpointNoteError && error.code === 'bad-key' && CHINESE.test(error.message),
        label,
      );
    }
  });
});

describe('checkpoint text (tlog-checkpoint)', () => {
  it('formats and parses, with and without time and extension lines', () => {
    const body = formatCheckpoint(checkpoint);
    assert.equal(body, `${LOG_NAME}\n20852163\n${bytesToBase64(root)}\ntime 2026-11-23T12:00:00Z\n`);
    assert.deepEqual(parseCheckpoint(body), checkpoint);
    const plain: Checkpoint = { origin: LOG_NAME, size: 0, rootHash: root };
    assert.equal(formatCheckpoint(plain), `${LOG_NAME}\n0\n${bytesToBase64(root)}\n`);
    assert.deepEqual(parseCheckpoint(formatCheckpoint(plain)), plain);
    const extended: Checkpoint = { ...checkpoint, extensions: ['ext/1 abc', '扩展 行'] };
    assert.deepEqual(parseCheckpoint(formatCheckpoint(extended)), extended);
    const untimed: Checkpoint = { origin: LOG_NAME, size: 7, rootHash: root, extensions: ['only'] };
    assert.deepEqual(parseCheckpoint(formatCheckpoint(untimed)), untimed);
  });

  it('parses the example checkpoint of the C2SP spec', () => {
    const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const parsed = parseCheckpoint(body);
    assert.equal(parsed.origin, 'example.com/behind-the-sofa');
    assert.equal(parsed.size, 20852163);
    assert.equal(formatCheckpoint(parsed), body);
  });

  it('formats the time canonically', () => {
    assert.equal(formatCheckpointTime(new Date('2026-11-23T12:00:00.999Z')), '2026-11-23T12:00:00Z');
  });

  it('rejects malformed checkpoints with Chinese messages', () => {
    const b64 = bytesToBase64(root);
    const cases: Array<[string, string, RegExp]> = [
      ['size not decimal', `o\nabc\n${b64}\n`, /十进制/],
      ['negative size', `o\n-1\n${b64}\n`, /十进制/],
      ['size with plus', `o\n+5\n${b64}\n`, /十进制/],
      ['exponent size', `o\n1e3\n${b64}\n`, /十进制/],
      ['hex size', `o\n0x10\n${b64}\n`, /十进制/],
      ['size with space', `o\n 5\n${b64}\n`, /十进制/],
      ['leading zeros', `o\n007\n${b64}\n`, /前导零/],
      ['double zero', `o\n00\n${b64}\n`, /前导零/],
      ['beyond 2^53', `o\n9007199254740992\n${b64}\n`, /范围/],
      ['missing final newline', `o\n5\n${b64}`, /换行符结尾/],
      ['two lines', `o\n5\n`, /三行/],
      ['empty origin', `\n5\n${b64}\n`, /第 1 行为空/],
      ['empty extension line', `o\n5\n${b64}\n\n`, /第 4 行为空/],
      ['bad base64', `o\n5\nnot base64!\n`, /base64/],
      ['unpadded base64', `o\n5\n${b64.slice(0, -1)}\n`, /base64/],
      ['non-canonical base64', `o\n5\n${b64.slice(0, -2)}B=\n`, /base64/],
      ['31-byte root', `o\n5\n${bytesToBase64(root.subarray(1))}\n`, /32 字节，实际为 31/],
      ['33-byte root', `o\n5\n${bytesToBase64(new Uint8Array(33))}\n`, /32 字节，实际为 33/],
      ['64-byte root', `o\n5\n${bytesToBase64(new Uint8Array(64))}\n`, /32 字节，实际为 64/],
      ['CRLF', `o\r\n5\r\n${b64}\r\n`, /CRLF/],
      ['tab', `o\t\n5\n${b64}\n`, /控制字符/],
      ['bad time', `o\n5\n${b64}\ntime 2026-11-23 12:00:00\n`, /时间格式/],
      ['impossible date', `o\n5\n${b64}\ntime 2026-02-30T12:00:00Z\n`, /时间格式/],
      ['hour 24', `o\n5\n${b64}\ntime 2026-02-01T24:00:00Z\n`, /时间格式/],
      ['second time line', `o\n5\n${b64}\ntime 2026-11-23T12:00:00Z\ntime 2026-11-23T12:00:01Z\n`, /时间扩展行/],
      ['time not first', `o\n5\n${b64}\next\ntime 2026-11-23T12:00:00Z\n`, /时间扩展行/],
      ['lone surrogate', `o\uD800\n5\n${b64}\n`, /UTF-8/],
    ];
    for (const [label, body, pattern] of cases) {
      assert.throws(
        () => parseCheckpoint(body),
        (error: unknown) => {
          assert.ok(error instanceof CheckpointNoteError, label);
          assert.equal(error.code, 'malformed-checkpoint', label);
          assert.match(error.message, pattern, `${label}: ${error.message}`);
          return true;
        },
        label,
      );
    }
  });

  it('refuses to format what it could not parse back', () => {
    const bad: Array<[string, Checkpoint]> = [
      ['empty origin', { ...checkpoint, origin: '' }],
      ['newline in origin', { ...checkpoint, origin: 'a\nb' }],
      ['negative size', { ...checkpoint, size: -1 }],
      ['fractional size', { ...checkpoint, size: 1.5 }],
      ['unsafe size', { ...checkpoint, size: 2 ** 53 }],
      ['short root', { ...checkpoint, rootHash: new Uint8Array(31) }],
      ['time with offset', { ...checkpoint, time: '2026-11-23T20:00:00+08:00' }],
      ['time with millis', { ...checkpoint, time: '2026-11-23T12:00:00.000Z' }],
      ['empty extension', { ...checkpoint, extensions: [''] }],
      ['time-like extension', { ...checkpoint, time: undefined, extensions: ['time 2026-11-23T12:00:00Z'] }],
    ];
    for (const [, value] of bad) expectNoteError(() => formatCheckpoint(value), 'malformed-checkpoint');
  });
});

describe('signed notes', () => {
  it('round-trips sign and open, as text and as UTF-8 bytes', () => {
    const note = signCheckpoint(checkpoint, log);
    const body = formatCheckpoint(checkpoint);
    assert.ok(note.startsWith(`${body}\n— ${LOG_NAME} `));
    assert.match(note.slice(body.length + 1), /^— \S+ [A-Za-z0-9+/]+=*\n$/);
    assert.deepEqual(openNote(note, [logVerifier]), { body, verifiedBy: [LOG_NAME], unknown: 0 });
    assert.deepEqual(openNote(enc.encode(note), [logVerifier]).verifiedBy, [LOG_NAME]);
    const opened = openCheckpoint(note, [parseVerifierKey(verifierKeyString(LOG_NAME, log.publicKeyHex))], {
      origin: LOG_NAME,
    });
    assert.deepEqual(opened.checkpoint, checkpoint);
    expectNoteError(() => openCheckpoint(note, [logVerifier], { origin: 'other.example/log' }), 'origin-mismatch');
  });

  it('signs arbitrary note text, including text with empty lines', () => {
    const body = 'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n';
    const note = signNote(body, log);
    assert.equal(openNote(note, [logVerifier]).body, body);
  });

  it('witness co-signing yields two verified names', () => {
    const note = signCheckpoint(checkpoint, log);
    const cosigned = addSignature(note, witness, [logVerifier]);
    assert.ok(cosigned.startsWith(note));
    assert.equal(cosigned.split('\n— ').length, 3);
    assert.deepEqual(openNote(cosigned, [logVerifier, witnessVerifier]).verifiedBy, [LOG_NAME, WITNESS_NAME]);
    assert.deepEqual(openNote(cosigned, [witnessVerifier, logVerifier]).verifiedBy, [LOG_NAME, WITNESS_NAME]);
    assert.deepEqual(openNote(cosigned, [logVerifier]), {
      body: formatCheckpoint(checkpoint),
      verifiedBy: [LOG_NAME],
      unknown: 1,
    });
    const prepared = [prepareNoteVerifier(logVerifier), prepareNoteVerifier(witnessVerifier)];
    assert.deepEqual(openCheckpoint(cosigned, prepared).verifiedBy, [LOG_NAME, WITNESS_NAME]);
  });

  it('addSignature refuses unverified, tampered, malformed and already co-signed notes', () => {
    const note = signCheckpoint(checkpoint, log);
    expectNoteError(() => addSignature(note, witness, [witnessVerifier]), 'unverified');
    expectNoteError(
      () => addSignature(note.replace('20852163', '20852164'), witness, [logVerifier]),
      'invalid-signature',
    );
    expectNoteError(
      () => addSignature(signNote('not a checkpoint\n', log), witness, [logVerifier]),
      'malformed-checkpoint',
    );
    const cosigned = addSignature(note, witness, [logVerifier]);
    expectNoteError(() => addSignature(cosigned, witness, [logVerifier]), 'duplicate-signature');
    expectNoteError(() => addSignature(note, log, [logVerifier]), 'duplicate-signature');
  });

  it('tampering with any byte of the body or a signature line: throws, or that signer is no longer verified', () => {
    const cosigned = addSignature(signCheckpoint(checkpoint, log), witness, [logVerifier]);
    const bytes = enc.encode(cosigned);
    const bodyEnd = enc.encode(formatCheckpoint(checkpoint)).length;
    const witnessLineStart = enc.encode(cosigned.slice(0, cosigned.lastIndexOf('— '))).length;
    const outcomes = { threw: 0, dropped: 0 };
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      changed[i] = (changed[i] ?? 0) ^ 0x01;
      let verifiedBy: string[];
      try {
        verifiedBy = openNote(changed, [logVerifier, witnessVerifier]).verifiedBy;
      } catch (error) {
        assert.ok(error instanceof CheckpointNoteError, String(error));
        outcomes.threw++;
        continue;
      }
      // Only a change to a line's name or key ID may survive, by turning that line into an unknown key's.
      assert.ok(i > bodyEnd, `body byte ${i} changed but the note still opened`);
      const alteredSigner = i >= witnessLineStart ? WITNESS_NAME : LOG_NAME;
      assert.ok(!verifiedBy.includes(alteredSigner), `byte ${i}: ${alteredSigner} still listed`);
      outcomes.dropped++;
    }
    assert.equal(outcomes.threw + outcomes.dropped, bytes.length);
    assert.ok(outcomes.dropped > 0 && outcomes.threw > outcomes.dropped, JSON.stringify(outcomes));
  });

  it('a changed signature (valid base64, valid key ID) from a known key is an error, never ignored', () => {
    const note = signCheckpoint(checkpoint, log);
    const start = note.lastIndexOf(' ') + 1;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const payloadText = note.slice(start, -1);
    const padding = payloadText.length - payloadText.replace(/=+$/, '').length;
    // Base64 characters 6 and later encode only signature bytes (the key ID is the first 32 bits).
    for (let i = 6; i < payloadText.length - padding; i++) {
      const c = payloadText[i] ?? 'A';
      const replacement = alphabet[(alphabet.indexOf(c) + 1) % 64] ?? 'A';
      const changed = `${note.slice(0, start + i)}${replacement}${note.slice(start + i + 1)}`;
      assert.throws(() => openNote(changed, [logVerifier]), CheckpointNoteError, `base64 char ${i}`);
    }
    // A perfectly valid signature by another key, labelled with the log's name and key ID.
    const forged = sm2Sign(enc.encode(formatCheckpoint(checkpoint)), WITNESS_PRIVATE, witness.publicKeyHex);
    const forgedLine = `— ${LOG_NAME} ${bytesToBase64(new Uint8Array([...logVerifier.keyId, ...forged]))}\n`;
    const forgedNote = `${formatCheckpoint(checkpoint)}\n${forgedLine}`;
    expectNoteError(() => openNote(forgedNote, [logVerifier]), 'invalid-signature', /篡改/);
    const both = addSignature(note, witness, [logVerifier]).replace(
      note.slice(formatCheckpoint(checkpoint).length + 1),
      forgedLine,
    );
    expectNoteError(() => openNote(both, [logVerifier, witnessVerifier]), 'invalid-signature');
  });

  it('a note with only unknown signers verifies nobody', () => {
    const note = signCheckpoint(checkpoint, log);
    expectNoteError(() => openNote(note, [witnessVerifier]), 'unverified', /1 个签名来自未知密钥/);
    expectNoteError(() => openNote(note, []), 'unverified');
    // Same name, other key: an unknown key, ignored (signed-note: "even if they share a name or ID").
    const impostor = createNoteSigner(LOG_NAME, WITNESS_PRIVATE);
    expectNoteError(() => openNote(signCheckpoint(checkpoint, impostor), [logVerifier]), 'unverified');
    const mixed = addSignature(note, impostor, [logVerifier]);
    assert.deepEqual(openNote(mixed, [logVerifier]), {
      body: formatCheckpoint(checkpoint),
      verifiedBy: [LOG_NAME],
      unknown: 1,
    });
    // The Ed25519-signed example of the C2SP spec parses, and is simply unknown to us.
    const specBody = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const specLine =
      '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
    expectNoteError(() => openNote(`${specBody}\n${specLine}`, [logVerifier]), 'unverified', /1 个/);
    const ours = openNote(`${signNote(specBody, log)}${specLine}`, [logVerifier]);
    assert.deepEqual(ours, { body: specBody, verifiedBy: [LOG_NAME], unknown: 1 });
  });

  it('rejects malformed notes', () => {
    const note = signCheckpoint(checkpoint, log);
    const body = formatCheckpoint(checkpoint);
    const line = note.slice(body.length + 1);
    const cases: Array<[string, string | Uint8Array]> = [
      ['no blank line', `${body}${line}`],
      ['no final newline', note.slice(0, -1)],
      ['no signature lines', `${body}\n`],
      ['hyphen instead of em dash', `${body}\n${line.replace('—', '-')}`],
      ['missing space', `${body}\n${line.replace('— ', '—')}`],
      ['bad base64', `${body}\n${line.slice(0, -2)}*\n`],
      ['signature too short', `${body}\n— ${LOG_NAME} AAAAAA==\n`],
      ['plus in key name', `${body}\n${line.replace(LOG_NAME, `${LOG_NAME}+x`)}`],
      ['control character', `${body.replace('\n', '\u0007\n')}\n${line}`],
      ['invalid UTF-8', new Uint8Array([...enc.encode(body), 0xff, 0x0a, 0x0a, ...enc.encode(line)])],
      ['101 signature lines', `${body}\n${line.repeat(101)}`],
    ];
    for (const [label, text] of cases) {
      assert.throws(
        () => openNote(text, [logVerifier]),
        (error: unknown) =>
          error instanceof CheckpointNoteError && error.code === 'malformed-note' && CHINESE.test(error.message),
        label,
      );
    }
    expectNoteError(() => openNote(`${note}${line}`, [logVerifier]), 'duplicate-signature');
    // Repeated identical unknown lines count once.
    const witnessLine = addSignature(note, witness, [logVerifier]).slice(note.length);
    assert.equal(openNote(`${note}${witnessLine}${witnessLine}`, [logVerifier]).unknown, 1);
  });

  it('validates signers, verifiers and note text before signing', () => {
    expectNoteError(() => signNote('no newline', log), 'malformed-note');
    expectNoteError(() => signNote('', log), 'malformed-note');
    expectNoteError(() => signNote('a\r\n', log), 'malformed-note', /CRLF/);
    expectNoteError(() => signNote('a\n', { ...log, publicKeyHex: witness.publicKeyHex }), 'bad-key', /不匹配/);
    expectNoteError(() => signNote('a\n', { ...log, name: 'has space' }), 'bad-key');
    expectNoteError(() => signNote('a\n', { ...log, privateKeyHex: '00'.repeat(32) }), 'bad-key');
    expectNoteError(() => createNoteSigner('a+b', LOG_PRIVATE), 'bad-key');
    // A signer object mutated after first use is checked again.
    const signer = { ...log };
    signNote('a\n', signer);
    signer.publicKeyHex = witness.publicKeyHex;
    expectNoteError(() => signNote('a\n', signer), 'bad-key');
    const upper = {
      name: LOG_NAME,
      privateKeyHex: LOG_PRIVATE.toUpperCase(),
      publicKeyHex: log.publicKeyHex.toUpperCase(),
    };
    assert.deepEqual(openNote(signNote('a\n', upper), [logVerifier]).verifiedBy, [LOG_NAME]);
    const wrongId = { ...logVerifier, keyId: new Uint8Array(4) };
    expectNoteError(() => openNote(signCheckpoint(checkpoint, log), [wrongId]), 'bad-key');
  });
});
