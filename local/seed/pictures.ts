/**
 * Demo pictures for the showcase: small flat illustrations (sky, a neighbourhood's buildings,
 * trees, a garden plot, people gathered), drawn from a number so every project and photo
 * differs, encoded as PNG. Nothing is downloaded: the demo works offline.
 */
import { encodeRgbPng } from '../emulator/png';
import { seededRandom } from '../seeded-random';

type Rgb = [number, number, number];

const SKIES: [Rgb, Rgb][] = [
  [
    [120, 180, 235],
    [220, 238, 250],
  ],
  [
    [250, 170, 110],
    [253, 226, 180],
  ],
  [
    [150, 200, 225],
    [236, 246, 240],
  ],
  [
    [110, 150, 210],
    [200, 220, 245],
  ],
];
const WALLS: Rgb[] = [
  [236, 222, 200],
  [214, 200, 186],
  [240, 236, 226],
  [205, 215, 225],
  [230, 205, 190],
];
const ROOFS: Rgb[] = [
  [180, 70, 50],
  [120, 80, 60],
  [90, 100, 120],
];
const CLOTHES: Rgb[] = [
  [217, 72, 15],
  [40, 110, 180],
  [60, 150, 90],
  [200, 160, 40],
  [150, 70, 140],
];

class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint8Array(w * h * 3);
  }
  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (y * this.w + x) * 3;
    this.px[i] = c[0];
    this.px[i + 1] = c[1];
    this.px[i + 2] = c[2];
  }
  rect(x0: number, y0: number, w: number, h: number, c: Rgb): void {
    for (let y = Math.round(y0); y < Math.round(y0 + h); y++) for (let x = Math.round(x0); x < Math.round(x0 + w); x++) this.set(x, y, c);
  }
  circle(cx: number, cy: number, r: number, c: Rgb): void {
    for (let y = Math.floor(cy - r); y <= cy + r; y++)
      for (let x = Math.floor(cx - r); x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) this.set(x, y, c);
  }
  /** A roof: a triangle over [x0, x0+w] rising h above y. */
  roof(x0: number, y: number, w: number, h: number, c: Rgb): void {
    for (let dy = 0; dy < h; dy++) {
      const half = (w / 2) * (1 - dy / h);
      this.rect(x0 + w / 2 - half, y - dy, 2 * half, 1, c);
    }
  }
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * t)) as Rgb;

/** A demo photo, `n` choosing everything (palette, buildings, people); 3:2 like a phone photo. */
export function demoPicture(n: number, width = 480, height = 320): Buffer {
  const rnd = seededRandom(n * 7919 + 17);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const c = new Canvas(width, height);
  const horizon = Math.round(height * (0.55 + rnd() * 0.1));
  const [top, bottom] = pick(SKIES);
  for (let y = 0; y < horizon; y++) c.rect(0, y, width, 1, mix(top, bottom, y / horizon));
  c.circle(width * (0.15 + rnd() * 0.7), height * 0.18, height * 0.07, [255, 236, 170]);
  // Buildings along the horizon.
  for (let x = -10; x < width;) {
    const w = 50 + rnd() * 70;
    const h = height * (0.15 + rnd() * 0.3);
    const wall = pick(WALLS);
    c.rect(x, horizon - h, w, h, wall);
    if (rnd() < 0.5) c.roof(x - 4, horizon - h, w + 8, 18 + rnd() * 14, pick(ROOFS));
    for (let wy = horizon - h + 10; wy < horizon - 16; wy += 18)
      for (let wx = x + 8; wx < x + w - 12; wx += 16) c.rect(wx, wy, 8, 10, mix(wall, [70, 90, 110], 0.55));
    x += w + 4 + rnd() * 10;
  }
  // Ground: grass, a path, a garden plot.
  c.rect(0, horizon, width, height - horizon, [132, 186, 104]);
  c.rect(0, horizon + (height - horizon) * 0.55, width, (height - horizon) * 0.2, [214, 200, 170]);
  const plot = { x: width * (0.05 + rnd() * 0.5), y: horizon + 10, w: width * 0.35, h: (height - horizon) * 0.35 };
  c.rect(plot.x, plot.y, plot.w, plot.h, [150, 110, 80]);
  for (let px = plot.x + 8; px < plot.x + plot.w - 6; px += 14)
    for (let py = plot.y + 6; py < plot.y + plot.h - 4; py += 12) c.circle(px, py, 4, [70, 150, 70]);
  // Trees.
  for (let k = 0; k < 3 + Math.floor(rnd() * 3); k++) {
    const tx = rnd() * width;
    const ty = horizon + 4 + rnd() * 12;
    c.rect(tx - 3, ty - 26, 6, 26, [110, 80, 55]);
    c.circle(tx, ty - 34, 16 + rnd() * 8, mix([60, 140, 70], [110, 170, 80], rnd()));
  }
  // Neighbours gathered in front.
  const people = 4 + Math.floor(rnd() * 6);
  for (let k = 0; k < people; k++) {
    const px = width * (0.1 + (0.8 * (k + rnd() * 0.5)) / people);
    const base = height - 12 - rnd() * 20;
    const tall = 34 + rnd() * 14;
    c.rect(px - 7, base - tall, 14, tall - 10, pick(CLOTHES));
    c.rect(px - 6, base - 10, 4, 10, [60, 60, 70]);
    c.rect(px + 2, base - 10, 4, 10, [60, 60, 70]);
    c.circle(px, base - tall - 7, 7, [240, 200, 170]);
    c.rect(px - 7, base - tall - 14, 14, 5, [40, 35, 30]);
  }
  return encodeRgbPng(width, height, c.px);
}
