/**
 * Marking a question handled or unhandled (allowToSetQuestionAsHandled): privilege
 * MARKERA_FRAGA_SOM_HANTERAD for Försäkringskassan's types (a dentist only LISJP and FK7263), the
 * launch's inaktivEnhet/kopieringOK on another unit's certificate, and the unit rule of a write.
 */
import { expect, test } from '@playwright/test';
import { lisjpDraft, testUnit } from '../message/certificateFixtures.js';
import type { CareUnit, Certificate } from '../model/certificate.js';
import { evaluateDraftAccess, type DraftAccessUser } from './draftAccess.js';
import type { Role } from './rolePrivileges.js';

const UNIT = testUnit();
const SIBLING: CareUnit = { ...UNIT, hsaId: 'TSTNMT2321000156-BETA' };
const user = (role: Role, unit: CareUnit = UNIT): DraftAccessUser => ({ role, origin: 'DJUPINTEGRATION', unit, commissions: [unit.hsaId] });
const signed = (typeCode = 'LISJP'): Certificate => ({ ...lisjpDraft(), typeCode, status: 'SIGNED', signedAt: 1 });
const launch = { sjf: true, inaktivEnhet: false, avliden: false, kopieringOK: true };

test('every role may mark questions on a LISJP handled or unhandled; a dentist not on a LUSE; no one on a type without questions from FK', () => {
  for (const role of ['LAKARE', 'TANDLAKARE', 'VARDADMINISTRATOR', 'SJUKSKOTERSKA', 'BARNMORSKA'] as const) {
    expect(evaluateDraftAccess('HANDLE_QUESTION', signed(), user(role), launch), role).toEqual({ allowed: true });
  }
  expect(evaluateDraftAccess('HANDLE_QUESTION', signed('LUSE'), user('LAKARE'), launch)).toEqual({ allowed: true });
  expect(evaluateDraftAccess('HANDLE_QUESTION', signed('LUSE'), user('TANDLAKARE'), launch)).toEqual({
    allowed: false, offered: true, code: 'AUTHORIZATION_VALIDATION', reason: 'Du saknar behörighet att markera frågor som hanterade med rollen tandläkare.',
  });
  expect(evaluateDraftAccess('HANDLE_QUESTION', signed('DB'), user('LAKARE'), launch)).toMatchObject({ allowed: false, code: 'AUTHORIZATION_VALIDATION' });
});

test('another unit of the care provider: readable with sjf, but its questions are not handled from here', () => {
  expect(evaluateDraftAccess('READ', signed(), user('LAKARE', SIBLING), launch)).toEqual({ allowed: true });
  expect(evaluateDraftAccess('HANDLE_QUESTION', signed(), user('LAKARE', SIBLING), launch)).toMatchObject({ allowed: false, code: 'AUTHORIZATION_DIFFERENT_UNIT' });
  expect(evaluateDraftAccess('HANDLE_QUESTION', signed(), user('LAKARE', SIBLING), { ...launch, inaktivEnhet: true })).toMatchObject({ allowed: false, code: 'INACTIVE_UNIT' });
});
