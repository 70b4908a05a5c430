import { test, expect } from '@playwright/test';
import { KV_INTYGSTYP, KV_UTLATANDETYP } from '../../kit/contracts/codeSystems.js';
import {
  CERTIFICATE_TYPES,
  FORUM_STATISTICS_TYPES,
  certificateTypeByCode,
  certificateTypeByModuleId,
  requireCertificateType,
} from './certificateTypes.js';

test.describe('certificate types', () => {
  test('the types of webcert-surfaces §6 are all there', () => {
    for (const code of ['LISJP', 'LUSE', 'LUAE_NA', 'LUAE_FS', 'AG1-14', 'AG7804', 'DB', 'DOI', 'TSTRK1007', 'TSTRK1031']) {
      expect(certificateTypeByCode(code), code).toBeDefined();
    }
    expect(new Set(CERTIFICATE_TYPES.map((t) => t.code)).size).toBe(CERTIFICATE_TYPES.length);
  });

  test('names, latest versions and recipients are Webcert\'s', () => {
    expect(certificateTypeByCode('LISJP')).toMatchObject({
      name: 'Läkarintyg för sjukpenning', latestVersion: '1.3', defaultRecipient: 'FKASSA', codeSystem: KV_INTYGSTYP,
    });
    expect(certificateTypeByCode('DB')).toMatchObject({ name: 'Dödsbevis', latestVersion: '1.0', defaultRecipient: 'SKV' });
    expect(certificateTypeByCode('DOI')?.defaultRecipient).toBe('SOS');
    expect(certificateTypeByCode('AG1-14')?.defaultRecipient).toBeUndefined();
    expect(certificateTypeByCode('AG7804')?.name).toBe('Läkarintyg om arbetsförmåga – arbetsgivaren');
    expect(certificateTypeByCode('TSTRK1007')).toMatchObject({
      latestVersion: '7.0', defaultRecipient: 'TRANSP', codeSystem: KV_UTLATANDETYP,
      intygDisplayName: 'Transportstyrelsens läkarintyg',
    });
    for (const t of CERTIFICATE_TYPES) expect(t.latestVersion).toBe(t.versions[t.versions.length - 1]);
  });

  test('when each type goes to its recipient, its uniqueness and prefill, as features.yaml has them', () => {
    const sendOn = Object.fromEntries(FORUM_STATISTICS_TYPES.map((code) => [code, requireCertificateType(code).sendOn]));
    expect(sendOn).toEqual({
      'AG1-14': 'NEVER', AG7804: 'NEVER', DB: 'SIGNING', DOI: 'SIGNING', LISJP: 'USER', LUAE_FS: 'USER', LUAE_NA: 'USER', LUSE: 'USER',
      TSTRK1007: 'USER', TSTRK1031: 'USER',
    });
    expect(FORUM_STATISTICS_TYPES.map((code) => requireCertificateType(code).defaultRecipient)).toEqual([
      undefined, undefined, 'SKV', 'SOS', 'FKASSA', 'FKASSA', 'FKASSA', 'FKASSA', 'TRANSP', 'TRANSP',
    ]);
    expect(CERTIFICATE_TYPES.filter((t) => t.unique).map((t) => [t.code, t.unique])).toEqual([
      ['DB', { certificate: 'NATIONAL', draft: 'CARE_PROVIDER' }],
      ['DOI', { certificate: 'CARE_PROVIDER', draft: 'CARE_PROVIDER' }],
    ]);
    expect(CERTIFICATE_TYPES.filter((t) => t.acceptsPrefill).map((t) => t.code)).toEqual(['LISJP']);
  });

  test('lookups by code are case-insensitive, by module id too; unknown codes explain themselves', () => {
    expect(certificateTypeByCode('lisjp')?.code).toBe('LISJP');
    expect(certificateTypeByCode('NOPE')).toBeUndefined();
    expect(certificateTypeByModuleId('ts-diabetes')?.code).toBe('TSTRK1031');
    expect(() => requireCertificateType('FK9999')).toThrow(/Unknown certificate type "FK9999".*LISJP/);
  });
});
