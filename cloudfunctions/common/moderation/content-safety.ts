/**
 * Content safety (内容安全): every text a resident or organizer writes that others will see
 * goes through WeChat's `security.msgSecCheck` (v2, with the writer's OPENID) BEFORE anything
 * is stored; public images go through `security.mediaCheckAsync`. A risky or doubtful text
 * is refused with CONTENT_REJECTED, so the caller's write never happens.
 */
import { AppError } from '../errors';
import { COLLECTIONS } from '../collections';
import { getCloud } from '../platform/cloud';
import { tempUrlOf } from '../platform/storage';
import type { Database } from '../platform/database';

/** msgSecCheck v2 scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export const SEC_SCENE = { profile: 1, comment: 2, forum: 3, social: 4 } as const;
export type SecScene = (typeof SEC_SCENE)[keyof typeof SEC_SCENE];

/** msgSecCheck takes at most 2500 characters per call. */
export const MAX_CHECK_CHARS = 2500;

export type Suggest = 'pass' | 'review' | 'risky';

export interface TextVerdict {
  suggest: Suggest;
  label: number;
}

/** One msgSecCheck call; injectable so the rules can be tested without WeChat. */
export type TextChecker = (req: { openid: string; scene: SecScene; content: string }) => Promise<TextVerdict>;

/** WeChat's answer for content judged risky by the old (v1) interface. */
const RISKY_ERRCODE = 87014;

function errCodeOf(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { errCode?: unknown; errcode?: unknown }).errCode ?? (e as { errcode?: unknown }).errcode;
  return typeof code === 'number' ? code : undefined;
}

/** The real check, through wx-server-sdk's open API (declared in the function's config.json). */
export const wxMsgSecCheck: TextChecker = async ({ openid, scene, content }) => {
  try {
    const res = (await getCloud().openapi.security.msgSecCheck({ version: 2, openid, scene, content })) as {
      result?: { suggest?: string; label?: number };
    };
    const suggest = res.result?.suggest;
    return { suggest: suggest === 'pass' || suggest === 'review' ? suggest : 'risky', label: Number(res.result?.label ?? 0) };
  } catch (e) {
    if (errCodeOf(e) === RISKY_ERRCODE) return { suggest: 'risky', label: 0 };
    throw e;
  }
};

/**
 * The texts to check, packed into as few calls as possible: blank texts dropped, texts joined
 * by newlines, every piece at most `max` characters (counted as characters, not UTF-16 units).
 */
export function packTexts(texts: ReadonlyArray<string | undefined | null>, max = MAX_CHECK_CHARS): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length) pieces.push(current.join(''));
    current = [];
    size = 0;
  };
  for (const raw of texts) {
    const text = raw?.trim();
    if (!text) continue;
    const chars = [...text];
    if (size > 0) {
      if (size + 1 + chars.length > max) flush();
      else {
        current.push('\n');
        size += 1;
      }
    }
    for (let i = 0; i < chars.length; i += max) {
      const part = chars.slice(i, i + max);
      if (size + part.length > max) flush();
      current.push(part.join(''));
      size += part.length;
    }
  }
  flush();
  return pieces;
}

/** Only a clear "pass" lets the text through: "review" waits for a person, so we refuse it too. */
export function isAcceptable(verdict: TextVerdict): boolean {
  return verdict.suggest === 'pass';
}

/**
 * Refuses (CONTENT_REJECTED) unless every text passes. Call it before any write; the texts are
 * checked as the caller wrote them (`ctx.openid` is the writer WeChat asks about).
 */
export async function assertSafeText(
  ctx: { openid: string },
  texts: ReadonlyArray<string | undefined | null>,
  scene: SecScene = SEC_SCENE.forum,
  check: TextChecker = wxMsgSecCheck,
): Promise<void> {
  const pieces = packTexts(texts);
  if (!pieces.length) return;
  if (!ctx.openid) throw new AppError('FORBIDDEN', '请在微信中打开小程序后再试');
  const verdicts = await Promise.all(pieces.map((content) => check({ openid: ctx.openid, scene, content })));
  if (!verdicts.every(isAcceptable)) throw new AppError('CONTENT_REJECTED');
}

/** One mediaCheckAsync submission; the verdict arrives later as a message push. */
export type MediaChecker = (req: { openid: string; scene: SecScene; mediaUrl: string }) => Promise<{ traceId: string }>;

/** Long enough for WeChat to fetch the picture for its check, which runs within minutes. */
const MEDIA_CHECK_LINK_SECONDS = 2 * 60 * 60;

/** The media's public URL: a fileID (anything but an http(s) URL) becomes a temporary download URL. */
async function publicUrlOf(media: string): Promise<string> {
  if (/^https?:\/\//i.test(media)) return media;
  const url = await tempUrlOf(media, MEDIA_CHECK_LINK_SECONDS);
  if (!url) throw new AppError('BAD_REQUEST', '图片不存在，请重新上传');
  return url;
}

export const wxMediaCheckAsync: MediaChecker = async ({ openid, scene, mediaUrl }) => {
  const res = (await getCloud().openapi.security.mediaCheckAsync({ version: 2, openid, scene, mediaType: 2, mediaUrl })) as {
    traceId?: string;
  };
  return { traceId: String(res.traceId ?? '') };
};

/**
 * Sends each public image to `security.mediaCheckAsync` and records its trace id in
 * `media_checks` (status "pending"). WeChat answers later by message push (wxa_media_check),
 * handled by media-verdict.ts: a risky image is taken down.
 */
export async function assertSafeImage(
  ctx: { openid: string; now: Date; db: Database },
  media: ReadonlyArray<string | undefined | null>,
  scene: SecScene = SEC_SCENE.forum,
  check: MediaChecker = wxMediaCheckAsync,
): Promise<string[]> {
  const list = media.filter((m): m is string => typeof m === 'string' && m.trim() !== '');
  if (!list.length) return [];
  if (!ctx.openid) throw new AppError('FORBIDDEN', '请在微信中打开小程序后再试');
  const traceIds: string[] = [];
  for (const item of list) {
    const { traceId } = await check({ openid: ctx.openid, scene, mediaUrl: await publicUrlOf(item) });
    await ctx.db.collection(COLLECTIONS.mediaChecks).add({ data: { media: item, traceId, openid: ctx.openid, status: 'pending', at: ctx.now } });
    traceIds.push(traceId);
  }
  return traceIds;
}
