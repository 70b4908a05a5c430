import { expect, test } from '@playwright/test';
import { withDerivedRole } from '../../simulators/webcert/directory/hsaRole.js';
import { defaultDirectory } from './defaultDirectory.js';

test('the default directory names no role: Webcert derives each from HSA credentials', () => {
  const staff = defaultDirectory().staff;
  expect(staff.filter((s) => s.role !== undefined)).toEqual([]);
  expect(Object.fromEntries(staff.map((s) => [s.fullName, withDerivedRole(s).role]))).toEqual({
    'Ajla Doktor': 'LAKARE',
    'Vilma Vårdadmin': 'VARDADMINISTRATOR',
    'Siv Sjuksköterska': 'SJUKSKOTERSKA',
    'Britt Barnmorska': 'BARNMORSKA',
    'Gustav Grannläkare': 'LAKARE',
    'Pelle Pinkod': 'LAKARE',
  });
});
