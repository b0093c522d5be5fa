import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate, shanghaiDate } from '../src/index.js';

describe('Asia/Shanghai calendar dates', () => {
  it('uses the Shanghai date, not the UTC one, around midnight', () => {
    assert.equal(shanghaiDate(new Date('2026-11-23T15:59:59Z')), '2026-11-23');
    assert.equal(shanghaiDate(new Date('2026-11-23T16:00:00Z')), '2026-11-24');
  });

  it('accepts only real dates', () => {
    assert.equal(isCalendarDate('2026-02-28'), true);
    assert.equal(isCalendarDate('2026-02-29'), false);
    assert.equal(isCalendarDate('2026-2-28'), false);
  });
});
