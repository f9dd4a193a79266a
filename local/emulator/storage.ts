/**
 * Cloud storage: the SDK asks `storage.getUploadMetadata` for an upload URL, PUTs the file
 * there, and later asks `storage.batchGetDownloadUrl` for download URLs. Both URLs point
 * back at this emulator (`/storage/…`); files live under `<dataDir>/storage/<env>/<path>`.
 * A fileID handed out here is that file's path (API.md: locally, "a file path under the data
 * dir"), so a test or a person can open an export directly. The cloud's form,
 * `cloud://<env>.<bucket>/<cloudPath>`, is accepted everywhere too.
 */
import crypto from 'crypto';
import fs from 'fs';
import http from 'http';
import path from 'path';
import { EmulatorError, invalidParam } from './errors';
import { fsyncDir } from './journal';

/** How long a temporary download URL works unless the caller asks otherwise (the cloud's default, 2 h). */
const TEMP_URL_SECONDS = 7200;

export class Storage {
  /** Signs temporary URLs; a fresh one per run, so old links stop working like expired ones. */
  private readonly secret = crypto.randomBytes(16);

  /** `clientMayRead`: whether the storage rule lets a client read a file directly (no temporary URL). */
  constructor(
    private readonly root: string,
    private readonly clientMayRead: () => boolean = () => true,
  ) {
    fs.mkdirSync(root, { recursive: true });
  }

  private signature(env: string, cloudPath: string, expires: number): string {
    return crypto.createHmac('sha256', this.secret).update(`${env}\n${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }

  /** A temporary URL's query is valid: signed here for this file, not expired. */
  private validTempUrl(env: string, cloudPath: string, url: URL): boolean {
    const expires = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!Number.isFinite(expires) || expires * 1000 < Date.now()) return false;
    const want = this.signature(env, cloudPath, expires);
    return sign.length === want.length && crypto.timingSafeEqual(Buffer.from(sign), Buffer.from(want));
  }

  static bucketOf(env: string): string {
    return `${Buffer.from(env).toString('hex').slice(0, 8)}-${env}-1300000000`;
  }

  /** The fileID of a stored file: its path under the data dir. */
  fileId(env: string, cloudPath: string): string {
    return this.filePath(env, cloudPath);
  }

  /** A fileID (local path under this store, or `cloud://env.bucket/path`) → { env, cloudPath }. */
  parseFileId(fileId: string): { env: string; cloudPath: string } | undefined {
    const m = /^cloud:\/\/([^./]+)\.[^/]+\/(.+)$/.exec(fileId);
    if (m) return { env: m[1], cloudPath: m[2] };
    if (!path.isAbsolute(fileId) || !this.inside(fileId)) return undefined;
    const [env, ...rest] = path.relative(this.root, fileId).split(path.sep);
    if (!env || rest.length === 0) return undefined;
    return { env, cloudPath: rest.join('/') };
  }

  /** Where a cloud path lives; anything that would land outside the store is refused. */
  private filePath(env: string, cloudPath: string): string {
    // Backslashes are separators on Windows: treat them as such everywhere before normalising.
    const clean = path.posix.normalize(cloudPath.replace(/\\/g, '/').replace(/^\/+/, ''));
    if (clean.startsWith('..') || clean === '.' || clean === '') throw invalidParam(`invalid cloudPath ${cloudPath}`);
    const full = path.join(this.root, env.replace(/[^\w-]/g, '_'), ...clean.split('/'));
    if (!this.inside(full)) throw invalidParam(`invalid cloudPath ${cloudPath}`);
    return full;
  }

  private inside(file: string): boolean {
    const rel = path.relative(this.root, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  uploadMetadata(env: string, cloudPath: string, base: string): Record<string, unknown> {
    this.filePath(env, cloudPath); // validate
    return {
      url: encodeURI(`${base}/storage/upload/${env}/${cloudPath}`),
      token: 'local',
      authorization: 'local',
      fileId: this.fileId(env, cloudPath),
      cosFileId: crypto.randomBytes(8).toString('hex'),
      download_url: `${base}/storage/file/${env}/${cloudPath}`,
    };
  }

  downloadUrls(list: unknown, base: string): Array<Record<string, unknown>> {
    if (!Array.isArray(list)) throw invalidParam('file_list must be an array');
    return list.map((item) => {
      const rec = item as Record<string, unknown>;
      const fileID = String(rec.fileid ?? '');
      const parsed = this.parseFileId(fileID);
      if (!parsed || !fs.existsSync(this.filePath(parsed.env, parsed.cloudPath))) {
        return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' };
      }
      const maxAge = Number(rec.max_age) > 0 ? Number(rec.max_age) : TEMP_URL_SECONDS;
      const expires = Math.floor(Date.now() / 1000) + maxAge;
      const sign = this.signature(parsed.env, parsed.cloudPath, expires);
      // Not URL-encoded, like the cloud's: the SDK's downloadFile encodeURI()s it.
      return { fileID, tempFileURL: `${base}/storage/file/${parsed.env}/${parsed.cloudPath}?sign=${sign}&t=${expires}`, code: 'SUCCESS' };
    });
  }

  delete(list: unknown): Array<Record<string, unknown>> {
    if (!Array.isArray(list)) throw invalidParam('fileid_list must be an array');
    return list.map((f) => {
      const fileID = String(f);
      const parsed = this.parseFileId(fileID);
      const file = parsed && this.filePath(parsed.env, parsed.cloudPath);
      if (!file || !fs.existsSync(file)) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
      fs.rmSync(file, { force: true });
      return { fileID, code: 'SUCCESS' };
    });
  }

  /**
   * Serves `PUT /storage/upload/<env>/<path>`, `GET /storage/file/<env>/<path>` and
   * `GET /storage/file?fileID=<fileID>` (the web preview's wx.cloud.downloadFile). A download
   * with a valid temporary URL's signature is a function's link; any other is a client reading
   * directly, which the storage rule decides (403 when it does not allow it).
   */
  async serve(req: http.IncomingMessage, res: http.ServerResponse, body: () => Promise<Buffer>): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const byId = url.pathname === '/storage/file' ? this.parseFileId(url.searchParams.get('fileID') ?? '') : undefined;
    const m = byId ? ['', 'file', byId.env, byId.cloudPath] : /^\/storage\/(upload|file)\/([^/]+)\/(.+)$/.exec(url.pathname)?.map(decodeURIComponent);
    try {
      if (!m) throw invalidParam('bad storage path');
      const kind = m[1];
      const file = this.filePath(m[2], m[3]);
      if (kind === 'upload' && (req.method === 'PUT' || req.method === 'POST')) {
        const data = await body();
        await writeDurably(file, data);
        res.writeHead(200, { 'content-type': 'application/xml', etag: `"${crypto.createHash('md5').update(data).digest('hex')}"` });
        res.end();
        return;
      }
      if (kind === 'file' && (req.method === 'GET' || req.method === 'HEAD')) {
        if (!this.validTempUrl(m[2], m[3], url) && !this.clientMayRead()) {
          res.writeHead(403, { 'content-type': 'application/xml' });
          res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>');
          return;
        }
        if (!fs.existsSync(file)) {
          res.writeHead(404, { 'content-type': 'application/xml' });
          res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
          return;
        }
        const data = fs.readFileSync(file);
        res.writeHead(200, { 'content-type': contentTypeOf(file), 'content-length': data.length });
        res.end(req.method === 'HEAD' ? undefined : data);
        return;
      }
      res.writeHead(404);
      res.end();
    } catch (e) {
      res.writeHead(e instanceof EmulatorError ? 400 : 500, { 'content-type': 'text/plain' });
      res.end((e as Error).message);
    }
  }
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fh = await fs.promises.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
  fsyncDir(dir);
}

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
