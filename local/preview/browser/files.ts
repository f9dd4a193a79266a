/**
 * The phone's files in the browser: pictures picked from the "album" (a file chooser), files a
 * page writes under wx.env.USER_DATA_PATH, images a canvas draws, and uploads to the runtime's
 * cloud storage. A local path (wxfile://…, or a picked picture's blob: URL) resolves to a URL
 * the browser can load.
 */

const written = new Map<string, string>();

/** The environment the local runtime's functions run in (LOCAL_FUNCTION_ENV_DEFAULTS.ENV_ID). */
const STORAGE_ENV = 'local';

/** A local path as a URL the browser loads; other paths (http, blob, data, /storage) as they are. */
export function resolveFile(path: string): string {
  return written.get(path) ?? path;
}

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', txt: 'text/plain' };

/** FileSystemManager.writeFile: kept in memory as a data URL under its path. */
export function writeFile(filePath: string, data: string, encoding?: string): void {
  const ext = /\.(\w+)$/.exec(filePath)?.[1]?.toLowerCase() ?? '';
  const type = MIME[ext] ?? 'application/octet-stream';
  const base64 = encoding === 'base64' ? data : btoa(unescape(encodeURIComponent(data)));
  written.set(filePath, `data:${type};base64,${base64}`);
}

export interface PickedFile {
  tempFilePath: string;
  size: number;
  fileType: 'image';
  width: number;
  height: number;
}

function dimensionsOf(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error('not an image'));
    img.src = url;
  });
}

/** wx.chooseMedia (images): the browser's file chooser; null when the person cancels. */
export function chooseImages(count: number): Promise<PickedFile[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = count > 1;
    input.style.display = 'none';
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count);
      input.remove();
      if (!files.length) return resolve(null);
      void Promise.all(
        files.map(async (f) => {
          const tempFilePath = URL.createObjectURL(f);
          const { width, height } = await dimensionsOf(tempFilePath).catch(() => ({ width: 0, height: 0 }));
          return { tempFilePath, size: f.size, fileType: 'image' as const, width, height };
        }),
      ).then(resolve);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** wx.getImageInfo: the picture's size, and a path a canvas can draw. */
export async function imageInfo(src: string): Promise<{ width: number; height: number; path: string; type: string }> {
  const url = resolveFile(src);
  const { width, height } = await dimensionsOf(url);
  return { width, height, path: src, type: /\.png(\?|$)/i.test(url) ? 'png' : 'jpeg' };
}

/**
 * wx.cloud.uploadFile: the file's bytes to the runtime's storage, as the client SDK sends them
 * (a PUT to the upload URL); the answer is a cloud:// fileID the functions accept.
 */
export async function uploadToStorage(cloudPath: string, filePath: string): Promise<{ fileID: string; statusCode: number }> {
  const clean = cloudPath.replace(/^\/+/, '');
  if (!clean) throw new Error('cloudPath is empty');
  const source = await fetch(resolveFile(filePath)).catch(() => undefined);
  if (!source || !source.ok) throw new Error(`file not found ${filePath}`);
  const body = await source.blob();
  const target = `/storage/upload/${STORAGE_ENV}/${clean.split('/').map(encodeURIComponent).join('/')}`;
  const put = await fetch(target, { method: 'PUT', body });
  if (!put.ok) throw new Error(`upload refused (${put.status})`);
  return { fileID: `cloud://${STORAGE_ENV}.preview/${clean}`, statusCode: 200 };
}

/** canvas.createImage(): an image whose `src` may be a local path, as on the phone. */
export function createCanvasImage(): HTMLImageElement {
  const img = new Image();
  const setter = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')?.set;
  Object.defineProperty(img, 'src', {
    configurable: true,
    get: () => img.getAttribute('src') ?? '',
    set: (v: string) => setter?.call(img, resolveFile(String(v))),
  });
  return img;
}
