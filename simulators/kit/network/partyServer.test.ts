/** The party server's network exposure: loopback only, whatever mockttp would do by itself. */
import net from 'node:net';
import os from 'node:os';
import { test, expect } from '@playwright/test';
import { http, HttpResponse } from 'msw';
import { VirtualClock } from '../clock/virtualClock.js';
import { PartyServer } from './partyServer.js';

test('listens on 127.0.0.1 only', async () => {
  const server = await PartyServer.start({ party: 'test', clock: new VirtualClock(), handlers: [http.get('/', () => HttpResponse.text('ok'))] });
  try {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(new URL(server.url).port).toBe(String(server.port));

    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    test.skip(!external, 'this machine has no non-loopback IPv4 address');

    const result = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: external!.address, port: server.port });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve('timeout');
      }, 2_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(e.code ?? 'error');
      });
    });
    expect(result).not.toBe('connected');
    expect(await (await fetch(server.url)).text()).toBe('ok');
  } finally {
    await server.stop();
  }
});
