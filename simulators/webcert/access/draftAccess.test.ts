import { expect, test } from '@playwright/test';
import { lisjpDraft, testUnit } from '../message/certificateFixtures.js';
import type { CareUnit, Certificate } from '../model/certificate.js';
import type { IntegrationParameters } from '../web/launchParameters.js';
import { evaluateAccess, type AccessFacts } from './certificateAccess.js';
import { evaluateDraftAccess, type DraftAccessUser, type DraftAction } from './draftAccess.js';
import type { Role } from './rolePrivileges.js';

const UNIT = testUnit();
const SIBLING: CareUnit = { ...UNIT, hsaId: 'TSTNMT2321000156-BETA' };
const OTHER_PROVIDER: CareUnit = { ...UNIT, hsaId: 'TSTNMT2321000156-G2U1', careProvider: { hsaId: 'TSTNMT2321000156-VG02', name: 'Grannregionen' } };
const launch = (p: Partial<IntegrationParameters> = {}): IntegrationParameters => ({ sjf: false, inaktivEnhet: false, avliden: false, kopieringOK: true, ...p });
const user = (role: Role, unit: CareUnit = UNIT, origin: DraftAccessUser['origin'] = 'DJUPINTEGRATION'): DraftAccessUser => ({ role, origin, unit, commissions: [unit.hsaId] });
const ACTIONS: DraftAction[] = ['READ', 'EDIT', 'DELETE', 'SIGN', 'READY_FOR_SIGN'];
const verdicts = (c: Certificate, u: DraftAccessUser, l?: IntegrationParameters) =>
  Object.fromEntries(ACTIONS.map((a) => { const d = evaluateDraftAccess(a, c, u, l); return [a, d.allowed ? 'ALLOWED' : d.code]; }));

test.describe('roles and the unit rule on a draft', () => {
  test('a doctor signs; care administrator, nurse and midwife write and mark ready for signing but cannot sign', () => {
    expect(verdicts(lisjpDraft(), user('LAKARE'), launch())).toEqual({ READ: 'ALLOWED', EDIT: 'ALLOWED', DELETE: 'ALLOWED', SIGN: 'ALLOWED', READY_FOR_SIGN: 'AUTHORIZATION_VALIDATION' });
    for (const role of ['VARDADMINISTRATOR', 'SJUKSKOTERSKA', 'BARNMORSKA'] as const) {
      expect(verdicts(lisjpDraft(), user(role), launch())).toEqual({ READ: 'ALLOWED', EDIT: 'ALLOWED', DELETE: 'ALLOWED', SIGN: 'AUTHORIZATION_VALIDATION', READY_FOR_SIGN: 'ALLOWED' });
    }
    // "Markera klart för signering" belongs to the journal integration only.
    expect(evaluateDraftAccess('READY_FOR_SIGN', lisjpDraft(), user('VARDADMINISTRATOR', UNIT, 'NORMAL'), undefined)).toMatchObject({ allowed: false, code: 'AUTHORIZATION_VALIDATION' });
  });

  test('another unit of the same care provider: readable from the journal, not writable; another care provider only with sjf', () => {
    expect(verdicts(lisjpDraft(), user('LAKARE', SIBLING), launch())).toMatchObject({ READ: 'ALLOWED', EDIT: 'AUTHORIZATION_DIFFERENT_UNIT', SIGN: 'AUTHORIZATION_DIFFERENT_UNIT' });
    expect(verdicts(lisjpDraft(), user('LAKARE', OTHER_PROVIDER), launch())).toMatchObject({ READ: 'AUTHORIZATION_DIFFERENT_UNIT', EDIT: 'AUTHORIZATION_DIFFERENT_UNIT' });
    expect(verdicts(lisjpDraft(), user('LAKARE', OTHER_PROVIDER), launch({ sjf: true }))).toMatchObject({ READ: 'ALLOWED', EDIT: 'AUTHORIZATION_DIFFERENT_UNIT' });
    // Stand-alone, only the unit the user is logged in on.
    expect(evaluateDraftAccess('READ', lisjpDraft(), user('LAKARE', SIBLING, 'NORMAL'), undefined)).toMatchObject({ allowed: false, code: 'AUTHORIZATION_DIFFERENT_UNIT' });
  });

  test('inaktivEnhet and kopieringOK=false refuse only another unit\'s draft, before the unit rule', () => {
    expect(verdicts(lisjpDraft(), user('LAKARE'), launch({ inaktivEnhet: true, kopieringOK: false }))).toMatchObject({ EDIT: 'ALLOWED', SIGN: 'ALLOWED' });
    expect(verdicts(lisjpDraft(), user('LAKARE', SIBLING), launch({ inaktivEnhet: true }))).toMatchObject({ READ: 'ALLOWED', EDIT: 'INACTIVE_UNIT', SIGN: 'INACTIVE_UNIT' });
    expect(verdicts(lisjpDraft(), user('LAKARE', SIBLING), launch({ kopieringOK: false }))).toMatchObject({ EDIT: 'RENEW_FALSE', DELETE: 'RENEW_FALSE' });
  });

  test('a signed certificate: revoke and replace need a doctor; renew and send do not', () => {
    const f = (role: Role): AccessFacts => ({ certificate: { ...lisjpDraft(), status: 'SIGNED', signedAt: 1 }, relations: { children: [] }, sent: false, user: { unitId: UNIT.hsaId, origin: 'DJUPINTEGRATION', role }, launch: launch() });
    expect(evaluateAccess('REVOKE', f('SJUKSKOTERSKA'))).toEqual({ allowed: false, offered: true, code: 'AUTHORIZATION_VALIDATION', reason: 'Du saknar behörighet att makulera intyg med rollen sjuksköterska.' });
    expect(evaluateAccess('REPLACE', f('VARDADMINISTRATOR'))).toMatchObject({ allowed: false, code: 'AUTHORIZATION_VALIDATION' });
    expect(evaluateAccess('RENEW', f('BARNMORSKA'))).toEqual({ allowed: true });
    expect(evaluateAccess('SEND', f('VARDADMINISTRATOR'))).toEqual({ allowed: true });
    expect(evaluateAccess('REVOKE', f('LAKARE'))).toEqual({ allowed: true });
  });
});
