import { test, expect } from '@playwright/test';
import { requireCertificateType } from '../model/certificateTypes.js';
import { applyPrefill } from './draftPrefill.js';

const ctx = { today: '2026-03-02', patientPersonId: '191212121212' };
const lisjp = requireCertificateType('LISJP');

test.describe('CreateDraftCertificate 3.3 prefill', () => {
  test('LISJP: known answers kept, unknown questions, codes and dates ignored and reported', () => {
    const prefill = applyPrefill(lisjp, [
      { id: '35', delsvar: [{ id: '35.1', value: 'Hosta.' }] },
      { id: '28', instans: 1, delsvar: [{ id: '28.1', value: { cv: { code: 'PENSIONAR', codeSystem: 'KV_FKMU_0002' } } }] },
      { id: '1', instans: 1, delsvar: [{ id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001' } } }, { id: '1.2', value: '2026-02-31' }] },
      { id: '99', delsvar: [{ id: '99.1', value: 'x' }] },
    ], ctx)!;
    expect(prefill.answers).toEqual([{ id: '35', delsvar: [{ id: '35.1', value: 'Hosta.' }] }]);
    expect(prefill.complete).toBe(false);
    expect(prefill.ignored).toEqual(['28#1', '1#1', '99']);
  });

  test('nothing to apply: no prefill, or a type without CREATE_DRAFT_PREFILL', () => {
    expect(applyPrefill(lisjp, undefined, ctx)).toBeUndefined();
    expect(applyPrefill(lisjp, [], ctx)).toBeUndefined();
    expect(applyPrefill(requireCertificateType('DB'), [{ id: '1', delsvar: [{ id: '1.1', value: 'Körkort' }] }], ctx)).toBeUndefined();
  });
});
