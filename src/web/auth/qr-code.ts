/**
 * A QR code drawn as SVG path data (the `qrcode` library makes the matrix; no external service ever
 * sees the secret inside it). The view writes the path into an inline <svg> through escaped output,
 * so no markup from anywhere is written into the page raw, and the page's img-src 'self' policy is
 * untouched. One "M x y h1 v1 h-1 z" square per dark module, with a quiet zone of four modules.
 */
import QRCode from 'qrcode';

const QUIET_ZONE = 4;

export function qrCodePath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const squares: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) squares.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
  }
  return { size: modules.size + 2 * QUIET_ZONE, path: squares.join('') };
}
