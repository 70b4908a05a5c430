import { test, expect } from '@playwright/test';
import { boundedMessage, inputExcerpt } from './inputExcerpt.js';

test.describe('input excerpt', () => {
  test('short input is quoted whole; long input is cut to 200 characters and its size', () => {
    expect(inputExcerpt('https://sp.example/metadata')).toBe('https://sp.example/metadata');
    expect(inputExcerpt(undefined)).toBe('');
    const long = 'Å'.repeat(450_000);
    const cut = inputExcerpt(long);
    expect(cut).toBe(`${'Å'.repeat(200)}… (900000 bytes)`);
    expect(boundedMessage(`no service provider "${long}"`).length).toBeLessThan(2_100);
  });

  test('never splits a surrogate pair', () => {
    const cut = inputExcerpt(`${'a'.repeat(199)}😀${'b'.repeat(10)}`);
    expect(cut.startsWith(`${'a'.repeat(199)}…`)).toBe(true);
  });
});
