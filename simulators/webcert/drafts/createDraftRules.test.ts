import { test, expect } from '@playwright/test';
import { lisjpDraft, signedDb, testUnit } from '../message/certificateFixtures.js';
import type { CareUnit, Certificate } from '../model/certificate.js';
import { requireCertificateType } from '../model/certificateTypes.js';
import { draftCreationVerdict } from './createDraftRules.js';

const unit = testUnit();
const otherUnit: CareUnit = { ...testUnit(), hsaId: 'TSTNMT2321000156-BETA', name: 'Beta Vårdcentral' };
const otherProvider: CareUnit = { ...testUnit(), hsaId: 'TSTNMT9999999999-GAMA', name: 'Gamma Privatklinik', careProvider: { hsaId: 'TSTNMT9999999999-GMVG', name: 'Gamma AB' } };

function certificate(typeCode: string, status: Certificate['status'], on: CareUnit): Certificate {
  return { ...signedDb(), id: `${typeCode}-${status}-${on.hsaId}`, typeCode, status, unit: on };
}

const verdict = (typeCode: string, existing: Certificate[], on: CareUnit = unit) => draftCreationVerdict(requireCertificateType(typeCode), existing, on);

test.describe('create-draft rules as Webcert has them', () => {
  test('DB: a signed dödsbevis anywhere stops a new one, with the text for where it is', () => {
    expect(verdict('DB', [certificate('DB', 'SIGNED', unit)])).toEqual({
      resultCode: 'ERROR',
      resultText: 'Det finns ett signerat dödsbevis för detta personnummer. Du kan inte skapa ett nytt dödsbevis men kan däremot välja att ersätta det befintliga dödsbeviset.',
    });
    expect(verdict('DB', [certificate('DB', 'SIGNED', otherUnit)])).toEqual({
      resultCode: 'ERROR',
      resultText: 'Det finns ett signerat dödsbevis för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt dödsbevis men kan däremot välja att ersätta det befintliga dödsbeviset.',
    });
    expect(verdict('DB', [certificate('DB', 'SIGNED', otherProvider)])).toEqual({
      resultCode: 'ERROR',
      resultText: 'Det finns ett signerat dödsbevis för detta personnummer hos annan vårdgivare. Det är inte möjligt att skapa ett nytt dödsbevis.',
    });
  });

  test('DB drafts: ERROR within the care provider, INFO from another', () => {
    expect(verdict('DB', [certificate('DB', 'DRAFT_INCOMPLETE', unit)])).toEqual({
      resultCode: 'ERROR',
      resultText: 'Det finns ett utkast på dödsbevis för detta personnummer. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
    });
    expect(verdict('DB', [certificate('DB', 'DRAFT_COMPLETE', otherUnit)])?.resultText).toBe(
      'Det finns ett utkast på dödsbevis för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.');
    expect(verdict('DB', [certificate('DB', 'DRAFT_INCOMPLETE', otherProvider)])).toEqual({
      resultCode: 'INFO',
      resultText: 'Det finns ett utkast på dödsbevis för detta personnummer hos annan vårdgivare. Senast skapade dödsbevis är det som gäller. Om du fortsätter och lämnar in dödsbeviset så blir det därför detta dödsbevis som gäller.',
    });
  });

  test('DOI: unique within the care provider; another provider\'s is INFO; no DB is INFO', () => {
    const db = certificate('DB', 'SIGNED', unit);
    expect(verdict('DOI', [db, certificate('DOI', 'SIGNED', unit)])?.resultCode).toBe('ERROR');
    expect(verdict('DOI', [db, certificate('DOI', 'SIGNED', otherProvider)])).toEqual({
      resultCode: 'INFO',
      resultText: 'Det finns ett signerat dödsorsaksintyg för detta personnummer hos annan vårdgivare. Senast skapade dödsorsaksintyg är det som gäller. Om du fortsätter och lämnar in dödsorsaksintyget så blir det därför detta dödsorsaksintyg som gäller.',
    });
    expect(verdict('DOI', [db])).toBeUndefined();
    expect(verdict('DOI', [])).toEqual({
      resultCode: 'INFO',
      resultText: 'Det finns inget dödsbevis i nuläget inom vårdgivaren. Dödsorsaksintyget bör alltid skapas efter dödsbeviset.',
    });
    // An error wins over the missing-DB info.
    expect(verdict('DOI', [certificate('DOI', 'DRAFT_INCOMPLETE', unit)])?.resultCode).toBe('ERROR');
  });

  test('the care provider\'s own earlier one decides, even when another provider\'s is newer', () => {
    const own = { ...certificate('DB', 'DRAFT_INCOMPLETE', otherUnit), createdAt: 1 };
    const foreign = { ...certificate('DB', 'DRAFT_INCOMPLETE', otherProvider), createdAt: 2 };
    expect(verdict('DB', [own, foreign])?.resultCode).toBe('ERROR');
  });

  test('revoked certificates and deleted drafts do not count; other types have no rule', () => {
    expect(verdict('DB', [certificate('DB', 'REVOKED', unit), certificate('DB', 'DELETED', unit)])).toBeUndefined();
    const lisjp = { ...lisjpDraft(), unit };
    expect(verdict('LISJP', [lisjp, { ...lisjp, id: 'x', status: 'SIGNED' }])).toBeUndefined();
  });
});
