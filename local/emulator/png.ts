/** A real PNG of a QR code (stand-in for wxacode.getUnlimited's mini-program code). */
import zlib from 'zlib';
import qrcode from 'qrcode-generator';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** 8-bit greyscale PNG from a row-major pixel array (0 = black, 255 = white). */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  return encode(width, height, pixels, 1);
}

/** 8-bit RGB PNG from a row-major array of r, g, b bytes. */
export function encodeRgbPng(width: number, height: number, rgb: Uint8Array): Buffer {
  return encode(width, height, rgb, 3);
}

function encode(width: number, height: number, pixels: Uint8Array, channels: 1 | 3): Buffer {
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 3 ? 2 : 0; // colour type: truecolour or greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** QR code of `text`, about `width` pixels wide (4-module quiet zone). */
export function qrPng(text: string, width: number): Buffer {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const modules = qr.getModuleCount() + 8;
  const scale = Math.max(1, Math.floor(width / modules));
  const size = modules * scale;
  const px = new Uint8Array(size * size).fill(255);
  for (let r = 0; r < modules - 8; r++) {
    for (let c = 0; c < modules - 8; c++) {
      if (!qr.isDark(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (r + 4) * scale + dy;
        px.fill(0, row * size + (c + 4) * scale, row * size + (c + 5) * scale);
      }
    }
  }
  return encodePng(size, size, px);
}
