/**
 * 拉票海报: the cover, the project, its standing and the mini-program code that opens its page, drawn on a
 * 2d canvas, exported to a temp file and saved to the album (asking again for the permission
 * when it was refused).
 */
import type { ProjectCard } from '../../typings/contest';

const POSTER_W = 600;
const POSTER_H = 900;

type Ctx = WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;

/** Up to three lines of `text` within `maxWidth`, broken between characters (Chinese has no spaces). */
function wrapText(ctx: Ctx, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > maxWidth && line) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/** What the poster says of the standing: a rank only once someone voted. */
export function standingText(project: Pick<ProjectCard, 'rank' | 'votes'>): string {
  return project.rank && project.votes ? `当前第 ${project.rank} 名 · ${project.votes} 票` : '投票进行中';
}

/** The mini-program code (base64 PNG) as a local file the canvas can draw. */
export function writeCodeFile(base64: string, name: string): Promise<string> {
  const filePath = `${wx.env.USER_DATA_PATH}/${name}.png`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(filePath), fail: reject });
  });
}

/** A picture from the network as a local file a canvas can draw (undefined when it cannot be had). */
export function localImage(url: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    wx.getImageInfo({ src: url, success: (r) => resolve(r.path), fail: () => resolve(undefined) });
  });
}

function loadImage(canvas: WechatMiniprogram.Canvas, src: string): Promise<WechatMiniprogram.Image> {
  return new Promise((resolve, reject) => {
    const image = canvas.createImage();
    image.onload = () => resolve(image);
    image.onerror = reject;
    image.src = src;
  });
}

/** Draws `image` to fill the box, cropped from its centre (as mode="aspectFill" shows it). */
function drawCover(ctx: Ctx, image: WechatMiniprogram.Image, x: number, y: number, w: number, h: number): void {
  const scale = Math.max(w / image.width, h / image.height);
  const sw = w / scale;
  const sh = h / scale;
  ctx.drawImage(image, (image.width - sw) / 2, (image.height - sh) / 2, sw, sh, x, y, w, h);
}

/** The cover's band at the top of the white card; the rest moves down by it. */
const COVER_H = 280;

/**
 * Draws the poster on `canvas` and answers the temp file it was exported to. With a cover, the
 * poster is taller by the cover's band; a cover that fails to load leaves the poster without it.
 */
export async function drawVotePoster(canvas: WechatMiniprogram.Canvas, project: ProjectCard, codePath: string, coverPath?: string): Promise<string> {
  const cover = coverPath ? await loadImage(canvas, coverPath).catch(() => undefined) : undefined;
  const top = cover ? COVER_H : 0;
  const height = POSTER_H + top;
  canvas.width = POSTER_W;
  canvas.height = height;
  const ctx = canvas.getContext('2d') as Ctx;
  ctx.fillStyle = '#d9480f';
  ctx.fillRect(0, 0, POSTER_W, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(30, 160, POSTER_W - 60, height - 200);
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText('请为我们投上一票！', 40, 100);
  if (cover) drawCover(ctx, cover, 30, 160, POSTER_W - 60, COVER_H);
  ctx.fillStyle = '#1f2328';
  ctx.font = 'bold 34px sans-serif';
  const titleLines = wrapText(ctx, project.title, POSTER_W - 120);
  titleLines.forEach((line, i) => ctx.fillText(line, 60, top + 230 + i * 46));
  // The team and the standing follow the title, however many lines it took.
  const below = top + 230 + titleLines.length * 46 + 20;
  ctx.font = '26px sans-serif';
  ctx.fillStyle = '#4a5059';
  ctx.fillText(`${project.team}${project.community ? ` · ${project.community}` : ''}`, 60, below);
  ctx.fillStyle = '#d9480f';
  ctx.font = 'bold 30px sans-serif';
  ctx.fillText(standingText(project), 60, below + 50);
  const code = await loadImage(canvas, codePath);
  ctx.drawImage(code, (POSTER_W - 280) / 2, top + 500, 280, 280);
  ctx.fillStyle = '#7a818c';
  ctx.font = '24px sans-serif';
  ctx.fillText('长按识别小程序码，为项目助力', 130, top + 830);
  return new Promise((resolve, reject) => {
    wx.canvasToTempFilePath({ canvas, success: (r) => resolve(r.tempFilePath), fail: reject });
  });
}

/** Saves to the album; a refused permission gets a dialog that leads to the settings. */
export function saveToAlbum(filePath: string): Promise<void> {
  return new Promise((resolve) => {
    wx.saveImageToPhotosAlbum({
      filePath,
      success: () => {
        wx.showToast({ title: '海报已保存到相册', icon: 'success' });
        resolve();
      },
      fail: (err) => {
        if (/auth|deny/.test(err.errMsg)) {
          wx.showModal({
            title: '需要相册权限',
            content: '请允许保存图片到相册，再点一次“生成拉票海报”',
            confirmText: '去设置',
            success: (r) => {
              if (r.confirm) wx.openSetting({});
            },
          });
        }
        resolve();
      },
    });
  });
}
