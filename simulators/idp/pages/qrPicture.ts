/**
 * A stand-in for the QR code of the other-device flow: a 21×21 pattern derived from the
 * qrStartToken (with the three finder squares), drawn as SVG, plus the token as text. It is not a
 * scannable QR code; the eID app simulator takes the token itself.
 */
import { createHash } from 'node:crypto';
import { esc } from './layout.js';

const SIZE = 21;

function finder(x: number, y: number, cx: number, cy: number): boolean | undefined {
  const dx = x - cx;
  const dy = y - cy;
  if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return undefined;
  const edge = dx === 0 || dy === 0 || dx === 6 || dy === 6;
  const core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
  return edge || core;
}

/** SVG + caption for a qrStartToken. */
export function qrPicture(token: string): string {
  const bits = createHash('sha256').update(token).digest();
  const cells: string[] = [];
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const f = finder(x, y, 0, 0) ?? finder(x, y, SIZE - 7, 0) ?? finder(x, y, 0, SIZE - 7);
      const i = y * SIZE + x;
      const on = f ?? (((bits[i % bits.length] ?? 0) >> (i % 8)) & 1) === 1;
      if (on) cells.push(`<rect x="${x}" y="${y}" width="1" height="1"/>`);
    }
  }
  return (
    `<figure id="qr-kod"><svg role="img" aria-label="QR-kod för SITHS eID (simulerad)" viewBox="-2 -2 ${SIZE + 4} ${SIZE + 4}" width="210" height="210" style="background:#fff">${cells.join('')}</svg>` +
    `<figcaption>Simulerad QR-kod. Token: <code id="qr-start-token">${esc(token)}</code></figcaption></figure>`
  );
}
