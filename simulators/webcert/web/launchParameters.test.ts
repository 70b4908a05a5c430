import { expect, test } from '@playwright/test';
import { LAUNCH_PARAMETER_NAMES, LaunchParameterError, readLaunchParameters } from './launchParameters.js';

test.describe('deep-integration launch parameters', () => {
  test('defaults: kopieringOK true, the other flags false, texts absent', () => {
    expect(readLaunchParameters(new URLSearchParams(), 'POST')).toEqual({ sjf: false, inaktivEnhet: false, avliden: false, kopieringOK: true });
  });

  test('values are read as Webcert reads them: trimmed text, "true" in any case, empty = default', () => {
    const p = readLaunchParameters(new URLSearchParams({ ref: ' vk-1 ', kopieringOK: 'false', inaktivEnhet: 'TRUE', avliden: 'true', sjf: '', launchId: 'c5e2e4a4-2f4e-4bb7-8a4c-3c1f0a2f9f10' }), 'POST');
    expect(p).toMatchObject({ ref: 'vk-1', kopieringOK: false, inaktivEnhet: true, avliden: true, sjf: false, launchId: 'c5e2e4a4-2f4e-4bb7-8a4c-3c1f0a2f9f10' });
  });

  test('launchId only with POST, and only a UUID', () => {
    expect(readLaunchParameters(new URLSearchParams({ launchId: 'c5e2e4a4-2f4e-4bb7-8a4c-3c1f0a2f9f10' }), 'GET').launchId).toBeUndefined();
    expect(() => readLaunchParameters(new URLSearchParams({ launchId: 'not-a-uuid' }), 'POST')).toThrow(LaunchParameterError);
  });

  test('the table names every parameter Webcert reads', () => {
    expect([...LAUNCH_PARAMETER_NAMES].sort()).toEqual(['alternatePatientSSn', 'avliden', 'efternamn', 'enhet', 'fornamn', 'inaktivEnhet', 'kopieringOK', 'launchId', 'mellannamn', 'postadress', 'postnummer', 'postort', 'ref', 'responsibleHospName', 'sjf']);
  });
});
