/**
 * QR codes for the organizer's screen: the module matrix from qrcode-generator (copied into
 * miniprogram_npm by the build) and drawing it on a 2D canvas context.
 */
import qrcode from 'qrcode-generator';

/** Dark modules of the code of `text`, row by row (error correction M: a phone screen is clean). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const rows: boolean[][] = [];
  for (let r = 0; r < n; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c++) row.push(qr.isDark(r, c));
    rows.push(row);
  }
  return rows;
}

/** The slice of CanvasRenderingContext2D that drawing needs. */
export interface QrContext {
  fillStyle: string | unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** Draws the matrix into a `size`×`size` square with a 4-module quiet zone, white background. */
export function drawQr(ctx: QrContext, matrix: boolean[][], size: number): void {
  const n = matrix.length;
  const cell = size / (n + 8);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#000000';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // Cells overlap by a hair so no seams show between dark modules on scaled screens.
      if (matrix[r][c]) ctx.fillRect((c + 4) * cell, (r + 4) * cell, cell + 0.5, cell + 0.5);
    }
  }
}

/** A square 2D canvas ready to draw on, at the device's pixel density. */
export interface QrCanvas {
  ctx: QrContext;
  size: number;
}

/**
 * Finds the `<canvas type="2d">` matched by `selector` in `component`, sizes it for the
 * device's pixels and hands its context to `ready` (not called when the canvas is not laid out).
 */
export function prepareQrCanvas(component: WechatMiniprogram.Component.TrivialInstance, selector: string, ready: (canvas: QrCanvas) => void): void {
  wx.createSelectorQuery()
    .in(component)
    .select(selector)
    .fields({ node: true, size: true })
    .exec((res: { node?: WechatMiniprogram.Canvas; width?: number }[]) => {
      const hit = res?.[0];
      if (!hit?.node || !hit.width) return;
      const size = hit.width * (wx.getWindowInfo().pixelRatio || 2);
      hit.node.width = size;
      hit.node.height = size;
      ready({ ctx: hit.node.getContext('2d') as QrContext, size });
    });
}
