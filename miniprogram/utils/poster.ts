/**
 * 拉票海报: the project, its standing and the mini-program code that opens its page, drawn on a
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

/** Draws the poster on `canvas` and answers the temp file it was exported to. */
export function drawVotePoster(canvas: WechatMiniprogram.Canvas, project: ProjectCard, codePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    canvas.width = POSTER_W;
    canvas.height = POSTER_H;
    const ctx = canvas.getContext('2d') as Ctx;
    ctx.fillStyle = '#d9480f';
    ctx.fillRect(0, 0, POSTER_W, POSTER_H);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(30, 160, POSTER_W - 60, POSTER_H - 200);
    ctx.font = 'bold 40px sans-serif';
    ctx.fillText('请为我们投上一票！', 40, 100);
    ctx.fillStyle = '#1f2328';
    ctx.font = 'bold 34px sans-serif';
    wrapText(ctx, project.title, POSTER_W - 120).forEach((line, i) => ctx.fillText(line, 60, 230 + i * 46));
    ctx.font = '26px sans-serif';
    ctx.fillStyle = '#4a5059';
    ctx.fillText(`${project.team}${project.community ? ` · ${project.community}` : ''}`, 60, 390);
    ctx.fillStyle = '#d9480f';
    ctx.font = 'bold 30px sans-serif';
    ctx.fillText(standingText(project), 60, 440);
    const image = canvas.createImage();
    image.onload = () => {
      ctx.drawImage(image, (POSTER_W - 280) / 2, 500, 280, 280);
      ctx.fillStyle = '#7a818c';
      ctx.font = '24px sans-serif';
      ctx.fillText('长按识别小程序码，为项目助力', 130, 830);
      wx.canvasToTempFilePath({ canvas, success: (r) => resolve(r.tempFilePath), fail: reject });
    };
    image.onerror = reject;
    image.src = codePath;
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
