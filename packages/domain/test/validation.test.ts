import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkResidentId,
  checkUscc,
  isPhoneNumber,
  isRegionCode,
  maskResidentId,
  regionContains,
  regionPrefix,
  residentIdCheckDigit,
  usccCheckCharacter,
} from '../src/index.js';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts codes with a correct check character', () => {
    // The standard's own example and codes of real registered organisations.
    for (const code of ['91350100M000100Y43', '91110000100003495Y', '911100007109288314']) {
      assert.deepEqual(checkUscc(code), { ok: true }, code);
    }
    assert.equal(checkUscc(' 91350100m000100y43 ').ok, true, 'trimmed and case-insensitive');
  });

  it('rejects a changed check character, with the reason in Chinese', () => {
    const r = checkUscc('91350100M000100Y44');
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /校验位/);
  });

  it('rejects a transposition of two characters', () => {
    assert.equal(checkUscc('91351000M000100Y43').ok, false);
  });

  it('rejects the letters the alphabet leaves out, and wrong lengths', () => {
    assert.match((checkUscc('91350100M0001O0Y43') as { reason: string }).reason, /不允许的字符/);
    assert.match((checkUscc('91350100M000100Y4') as { reason: string }).reason, /18位/);
    assert.equal(checkUscc('9135AB00M000100Y43').ok, false, 'positions 3-8 are a region code');
  });

  it('computes the check character that makes any 17-character body valid', () => {
    const body = '12530223MB0000001';
    assert.equal(checkUscc(body + usccCheckCharacter(body)).ok, true);
  });
});

describe('公民身份号码 (GB 11643)', () => {
  it('accepts the standard examples, with birth date and gender', () => {
    assert.deepEqual(checkResidentId('11010519491231002X'), { ok: true, birthDate: '1949-12-31', gender: 'female' });
    assert.deepEqual(checkResidentId('440524188001010014'), { ok: true, birthDate: '1880-01-01', gender: 'male' });
    assert.equal(checkResidentId('11010519491231002x').ok, true, 'lower-case x');
  });

  it('rejects a wrong check digit', () => {
    const r = checkResidentId('110105194912310021');
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /校验位/);
  });

  it('rejects an impossible birth date even with a matching check digit', () => {
    const body = '11010519490230002';
    assert.match((checkResidentId(body + residentIdCheckDigit(body)) as { reason: string }).reason, /出生日期/);
  });

  it('rejects 15-digit and malformed numbers', () => {
    assert.equal(checkResidentId('110105491231002').ok, false);
    assert.equal(checkResidentId('1101051949123100X2').ok, false);
  });

  it('masks all but the region and the last four', () => {
    assert.equal(maskResidentId('11010519491231002X'), '110105********002X');
  });
});

describe('行政区划 scope', () => {
  it('derives the significant prefix per level', () => {
    assert.equal(regionPrefix('530000'), '53');
    assert.equal(regionPrefix('530200'), '5302');
    assert.equal(regionPrefix('530223'), '530223');
  });

  it('contains its own codes and not its neighbours', () => {
    assert.equal(regionContains('530200', '530223'), true);
    assert.equal(regionContains('530223', '530223'), true);
    assert.equal(regionContains('530223', '530224'), false);
    assert.equal(regionContains('530200', '530323'), false);
  });

  it('validates six-digit codes', () => {
    assert.equal(isRegionCode('530223'), true);
    assert.equal(isRegionCode('53022'), false);
    assert.equal(isRegionCode('000000'), false);
  });
});

describe('phone numbers', () => {
  it('accepts mobiles, landlines with area codes and service numbers', () => {
    for (const p of ['13912345678', '0871-63212345', '087163212345', '12345']) assert.equal(isPhoneNumber(p), true, p);
    for (const p of ['2345678901234', '1391234567a', '']) assert.equal(isPhoneNumber(p), false, p);
  });
});
