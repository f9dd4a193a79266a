/**
 * The project's showcase (成果展): a cover and a gallery of activity photos, set by the
 * project's organizer (or an admin) from images the mini-program uploaded to cloud storage.
 * Every image new to the project goes to `security.mediaCheckAsync`; WeChat's later verdict
 * takes a risky one down (moderation/media-verdict.ts). Residents see them through temporary
 * URLs, like every stored file.
 */
import type { ContestAdminApi, ProjectCard, ShowcaseLimits } from '../../../typings';
import type { Doc } from '../platform/database';
import type { CallContext } from '../handler';
import { AppError } from '../errors';
import { COLLECTIONS } from '../collections';
import { requireOrganizer } from '../roles/policy';
import { recordAudit } from '../audit/log';
import { SEC_SCENE, assertSafeImage } from '../moderation/content-safety';
import { loadProject } from './store';
import type { ProjectDoc } from './model';
import { tempUrls } from '../platform/storage';

type ShowcaseApi = ContestAdminApi['setShowcase'];

export const SHOWCASE_LIMITS: ShowcaseLimits = { galleryImages: 9, imageBytes: 5242880 };

/** A stored file's id (not a web address: images are shown through temporary URLs of our storage). */
export function isStoredFile(fileId: string): boolean {
  return !/^[a-z]+:\/\//i.test(fileId) || fileId.startsWith('cloud://');
}

/**
 * A picture the organizer may show: one already on the project, or one uploaded for it (the
 * mini-program puts pictures under `showcase/<projectId>/`, the admin's editor under `covers/`).
 * Any other stored file — a check-in poster, an export — is not theirs to publish.
 */
export function mayShow(media: string, project: Pick<ProjectDoc, '_id' | 'coverImage' | 'gallery'>): boolean {
  if (media === project.coverImage || (project.gallery ?? []).includes(media)) return true;
  if (!isStoredFile(media)) return false;
  return new RegExp(`/(showcase/${project._id}|covers)/[^/]+$`).test(media);
}

/** The gallery as it will be stored: each image once, in the organizer's order, within the limit. */
export function galleryOf(requested: string[], project: Pick<ProjectDoc, '_id' | 'coverImage' | 'gallery'>): string[] {
  const gallery = [...new Set(requested.map((g) => g.trim()).filter(Boolean))];
  if (gallery.length > SHOWCASE_LIMITS.galleryImages) throw new AppError('BAD_REQUEST', `活动照片最多 ${SHOWCASE_LIMITS.galleryImages} 张，请删掉几张再保存`);
  if (!gallery.every((g) => mayShow(g, project))) throw new AppError('BAD_REQUEST', '图片须先在“项目风采”里上传，再保存');
  return gallery;
}

export async function setShowcase(ctx: CallContext, req: ShowcaseApi['req']): Promise<ShowcaseApi['res']> {
  await requireOrganizer(ctx, { projectId: req.projectId });
  const project = await loadProject(ctx.db, req.projectId);
  if (!project) throw new AppError('NOT_FOUND', '项目不存在');
  const gallery = req.gallery === undefined ? (project.gallery ?? []) : galleryOf(req.gallery, project);
  const cover = req.coverImage === undefined ? project.coverImage : req.coverImage?.trim() || undefined;
  // The cover it already has stays allowed (an admin may have given a web address).
  if (cover && !mayShow(cover, project)) throw new AppError('BAD_REQUEST', '封面图片须先在“项目风采”里上传，再保存');

  const shown = new Set([project.coverImage, ...(project.gallery ?? [])]);
  const fresh = [...new Set([cover, ...gallery])].filter((m): m is string => Boolean(m) && !shown.has(m));
  await assertSafeImage(ctx, fresh, SEC_SCENE.forum);

  const _ = ctx.db.command;
  const data: Doc = { gallery, coverImage: cover ?? _.remove(), updatedAt: ctx.now };
  await ctx.db.collection(COLLECTIONS.projects).doc(project._id).update({ data });
  await recordAudit(ctx.db, {
    actor: ctx.openid,
    action: 'project.showcase',
    target: project._id,
    detail: { cover: Boolean(cover), gallery: gallery.length, checking: fresh.length },
    at: ctx.now,
  });
  return { projectId: project._id, ...(cover ? { coverImage: cover } : {}), gallery, checking: fresh.length };
}

/** How long a picture's link works: a visit to the page; the next visit gets fresh ones. */
export const PICTURE_LINK_SECONDS = 2 * 60 * 60;

/**
 * The cards with links to their pictures: every project's cover (for the list), and the gallery
 * of the one project a page opened (`withGallery`), in one storage call for up to 50 files.
 * A picture whose file is gone (taken down, deleted) has no link and is left out: of the opened
 * project's gallery too, so `gallery[i]` is shown by `galleryUrls[i]`.
 */
export async function withPictureLinks(cards: ProjectCard[], withGallery?: string): Promise<ProjectCard[]> {
  const openedGallery = (c: ProjectCard) => (c.projectId === withGallery ? (c.gallery ?? []) : []);
  const wanted = cards.flatMap((c) => [...(c.coverImage ? [c.coverImage] : []), ...openedGallery(c)]);
  const stored = wanted.filter(isStoredFile);
  const links = stored.length ? await linksOrNone(stored) : new Map<string, string>();
  // A web address (an admin may give one) is already a link.
  const linkOf = (media: string) => (isStoredFile(media) ? links?.get(media) : media);
  return cards.map((c) => {
    const coverUrl = c.coverImage ? linkOf(c.coverImage) : undefined;
    // Only the opened project carries its photos' ids; the list needs none of them.
    const { gallery: storedGallery, ...rest } = c;
    if (c.projectId !== withGallery) return { ...rest, ...(coverUrl ? { coverUrl } : {}) };
    // Storage did not answer: the ids stay as stored and the card says the links are missing, so
    // an editor cannot mistake "no links" for "no pictures" and save an empty showcase.
    if (!links) return { ...c, picturesUnavailable: true };
    // The opened project's gallery and its links pair up one to one (an editor keeps both).
    const shown = (storedGallery ?? []).filter((g) => linkOf(g) !== undefined);
    const gallery = shown.length ? { gallery: shown, galleryUrls: shown.map((g) => linkOf(g) as string) } : {};
    return { ...rest, ...(coverUrl ? { coverUrl } : {}), ...gallery };
  });
}

/** Pictures are the page's decoration: storage failing leaves them out, never the page (undefined: no answer). */
async function linksOrNone(fileIDs: string[]): Promise<Map<string, string> | undefined> {
  try {
    return await tempUrls(fileIDs, PICTURE_LINK_SECONDS);
  } catch (e) {
    console.warn('[showcase] no picture links', e);
    return undefined;
  }
}
