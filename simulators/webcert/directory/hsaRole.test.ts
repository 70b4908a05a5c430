import { expect, test } from '@playwright/test';
import { roleFromHsa, withDerivedRole } from './hsaRole.js';

test.describe("Webcert's role from HSA (CommonAuthoritiesResolver order)", () => {
  test('legitimerad yrkesgrupp: Läkare before Tandläkare, both before Barnmorska and Sjuksköterska', () => {
    expect(roleFromHsa({ legitimeradeYrkesgrupper: ['Läkare'] })).toBe('LAKARE');
    expect(roleFromHsa({ legitimeradeYrkesgrupper: ['Tandläkare'] })).toBe('TANDLAKARE');
    expect(roleFromHsa({ legitimeradeYrkesgrupper: ['Sjuksköterska', 'Läkare', 'Barnmorska'] })).toBe('LAKARE');
    expect(roleFromHsa({ legitimeradeYrkesgrupper: ['Sjuksköterska', 'Barnmorska'] })).toBe('BARNMORSKA');
    expect(roleFromHsa({ legitimeradeYrkesgrupper: ['Sjuksköterska'] })).toBe('SJUKSKOTERSKA');
  });

  test('befattningskod: AT- and BT-läkare alone; others only with a gruppförskrivarkod of authorities.yaml', () => {
    expect(roleFromHsa({ befattningskoder: ['204010'] })).toBe('LAKARE');
    expect(roleFromHsa({ befattningskoder: ['203020'] })).toBe('LAKARE');
    expect(roleFromHsa({ befattningskoder: ['203090'] })).toBe('VARDADMINISTRATOR');
    expect(roleFromHsa({ befattningskoder: ['203090'], gruppforskrivarkoder: ['9300005'] })).toBe('LAKARE');
    expect(roleFromHsa({ befattningskoder: ['204090'], forskrivarkod: '9200007' })).toBe('LAKARE');
    expect(roleFromHsa({ befattningskoder: ['204090'], gruppforskrivarkoder: ['9300005'] })).toBe('VARDADMINISTRATOR');
    // A nurse who is also an AT-läkare is a doctor to Webcert: the title code is tried first.
    expect(roleFromHsa({ legitimeradeYrkesgrupper: ['Sjuksköterska'], befattningskoder: ['204010'] })).toBe('LAKARE');
  });

  test('nothing that makes a role: the fallback VARDADMINISTRATOR', () => {
    expect(roleFromHsa({})).toBe('VARDADMINISTRATOR');
    expect(roleFromHsa({ legitimeradeYrkesgrupper: ['Psykolog'] })).toBe('VARDADMINISTRATOR');
  });

  test('a role the directory names wins over the derivation', () => {
    expect(withDerivedRole({ hsaId: 'X', fullName: 'X Y', commissions: [], legitimeradeYrkesgrupper: ['Läkare'], role: 'VARDADMINISTRATOR' }).role).toBe('VARDADMINISTRATOR');
    expect(withDerivedRole({ hsaId: 'X', fullName: 'X Y', commissions: [], legitimeradeYrkesgrupper: ['Läkare'] }).role).toBe('LAKARE');
  });
});
