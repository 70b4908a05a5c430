/** Binding a kit listener: 127.0.0.1 only, from the first moment, with errors that say what to do. */
import type { Server } from 'node:net';

/**
 * Listens on 127.0.0.1 (`port`, or a free one) and resolves with the bound port. Later server
 * errors are reported on stderr instead of stopping the process.
 * @throws {Error} when the port is taken or cannot be bound, naming the party and the port.
 */
export async function listenOnLoopback(server: Server, port: number | undefined, party: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `${party} simulator cannot listen on 127.0.0.1:${port ?? 0}: ${error.code === 'EADDRINUSE' ? 'the port is already in use; choose another port or leave it out for a free one' : error.message}`,
          { cause: error },
        ),
      );
    server.once('error', refused);
    server.listen(port ?? 0, '127.0.0.1', () => {
      server.off('error', refused);
      resolve();
    });
  });
  server.on('error', (error) => console.warn(`samverkan: ${party} listener: ${error.message}`));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
