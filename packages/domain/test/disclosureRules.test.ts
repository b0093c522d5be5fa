import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_DISCLOSURE_PERIODS, type DisclosurePeriods, publicUntil } from '../src/index.js';

describe('G-3a: how long a disclosure stays public', () => {
  it('by default 2 years for a natural person, 5 for an organisation, whatever the category', () => {
    assert.equal(publicUntil('2026-10-09', 'penalty', 'person'), '2028-10-09');
    assert.equal(publicUntil('2026-10-09', 'penalty', 'organization'), '2031-10-09');
    assert.equal(publicUntil('2026-10-09', 'inspection', 'person'), '2028-10-09');
  });

  it('takes the agency’s period per category and party type', () => {
    const periods: DisclosurePeriods = { ...DEFAULT_DISCLOSURE_PERIODS, license: { person: 1, organization: 3 } };
    assert.equal(publicUntil('2026-10-09', 'license', 'person', periods), '2027-10-09');
    assert.equal(publicUntil('2026-10-09', 'license', 'organization', periods), '2029-10-09');
    assert.equal(publicUntil('2026-10-09', 'penalty', 'person', periods), '2028-10-09');
  });

  it('ends a 29 February publication on 28 February', () => {
    assert.equal(publicUntil('2028-02-29', 'penalty', 'person'), '2030-02-28');
  });
});
