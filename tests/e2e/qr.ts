import jsQR from 'jsqr';
import type { Locator, Page } from '@playwright/test';

/** The first QR code SVG in `where`, drawn onto a canvas and decoded, as a phone's camera reads it ('' if unreadable). */
export async function scanQr(where: Page | Locator): Promise<string> {
  const { data, size } = await where
    .locator('svg.qr')
    .first()
    .evaluate(async (svg) => {
      const size = 400;
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no canvas');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, size, size);
      ctx.drawImage(img, 0, 0, size, size);
      return { data: Array.from(ctx.getImageData(0, 0, size, size).data), size };
    });
  return jsQR(Uint8ClampedArray.from(data), size, size)?.data ?? '';
}
