import { test, expect } from '@playwright/test';
import { listenForStop } from './stopSignals.js';

test.describe('stop signals', () => {
  test('the first SIGINT asks to stop; a second one forces the exit with 130', async () => {
    const listenersBefore = process.listenerCount('SIGINT');
    const told: string[] = [];
    const exits: number[] = [];
    const stop = listenForStop({
      watchParent: false,
      onStop: (reason) => told.push(`stop ${reason}`),
      onForce: (reason) => told.push(`force ${reason}`),
      exit: ((code: number) => void exits.push(code)) as (code: number) => never,
    });
    try {
      expect(stop.stopping).toBe(false);
      process.emit('SIGINT');
      expect(await stop.requested).toBe('SIGINT');
      expect(stop.stopping).toBe(true);
      expect(exits).toEqual([]);
      process.emit('SIGTERM');
      expect(exits).toEqual([130]);
      expect(told).toEqual(['stop SIGINT', 'force SIGTERM']);
    } finally {
      stop.dispose();
    }
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
  });
});

