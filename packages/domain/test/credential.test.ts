import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CredentialHolder, mayAct } from '../src/index.js';

const officer: CredentialHolder = {
  name: '李建国',
  status: 'active',
  credentialNo: '53022301001',
  validFrom: '2024-01-01',
  validTo: '2026-12-31',
  fields: ['emergency', 'energy'],
};

describe('P-42 may this officer act on this matter on this date', () => {
  it('allows an active officer whose credential covers the field on that date', () => {
    assert.deepEqual(mayAct(officer, { field: 'emergency', date: '2026-11-23' }), { ok: true });
  });

  it('treats the first and the last valid day as valid', () => {
    assert.equal(mayAct(officer, { field: 'energy', date: '2024-01-01' }).ok, true);
    assert.equal(mayAct(officer, { field: 'energy', date: '2026-12-31' }).ok, true);
  });

  it('refuses the day after expiry and the day before validity', () => {
    const after = mayAct(officer, { field: 'emergency', date: '2027-01-01' });
    assert.equal(after.ok, false);
    assert.deepEqual(!after.ok && after.problems.map((p) => p.code), ['CREDENTIAL_EXPIRED']);
    const before = mayAct(officer, { field: 'emergency', date: '2023-12-31' });
    assert.deepEqual(!before.ok && before.problems.map((p) => p.code), ['CREDENTIAL_NOT_YET_VALID']);
  });

  it('refuses a field the credential does not cover, naming it in Chinese', () => {
    const r = mayAct(officer, { field: 'education', date: '2026-11-23' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? (r.problems[0]?.message ?? '') : '', /教育/);
  });

  it('refuses suspended and revoked credentials', () => {
    for (const status of ['suspended', 'revoked'] as const) {
      const r = mayAct({ ...officer, status }, { field: 'emergency', date: '2026-11-23' });
      assert.deepEqual(!r.ok && r.problems.map((p) => p.code), ['CREDENTIAL_NOT_ACTIVE'], status);
    }
  });

  it('refuses an officer without a credential', () => {
    const r = mayAct({ ...officer, credentialNo: null }, { field: 'emergency', date: '2026-11-23' });
    assert.deepEqual(!r.ok && r.problems.map((p) => p.code), ['CREDENTIAL_MISSING']);
  });

  it('reports every problem at once', () => {
    const r = mayAct({ ...officer, status: 'suspended' }, { field: 'education', date: '2027-02-01' });
    assert.equal(!r.ok && r.problems.length, 3);
  });
});
