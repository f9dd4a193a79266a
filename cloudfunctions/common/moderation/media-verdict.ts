/**
 * WeChat's later answer to `security.mediaCheckAsync`: the message push `wxa_media_check`
 * (`{ trace_id, result: { suggest: 'pass' | 'review' | 'risky', label } }`), sent to the
 * function configured for 消息推送 (the `contest` function here). The verdict is recorded on
 * the `media_checks` entry of that trace id; a risky image is taken off every project and
 * activity that shows it (as its cover or in its gallery), and the removal is audited. A trace id this deployment did not
 * send is ignored, so a forged push changes nothing.
 */
import type { CallContext } from '../handler';
import { COLLECTIONS } from '../collections';
import { recordAudit } from '../audit/log';

type Suggest = 'pass' | 'review' | 'risky';

/** The collections whose documents show a cover image. */
const SHOWS_COVERS = [COLLECTIONS.projects, COLLECTIONS.activities] as const;
/** The collections whose documents show a gallery of photos. */
const SHOWS_GALLERIES = [COLLECTIONS.projects] as const;
const MEDIA_CHECKS = COLLECTIONS.mediaChecks;

function suggestOf(event: Record<string, unknown>): Suggest | undefined {
  const result = event.result as { suggest?: unknown } | undefined;
  const suggest = result?.suggest;
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : undefined;
}

export async function applyMediaVerdict(ctx: CallContext, event: Record<string, unknown>): Promise<{ handled: boolean }> {
  const traceId = typeof event.trace_id === 'string' ? event.trace_id : '';
  const suggest = suggestOf(event);
  if (!traceId || !suggest) return { handled: false };
  const found = await ctx.db.collection(MEDIA_CHECKS).where({ traceId }).limit(1).get();
  const check = found.data[0];
  if (!check) return { handled: false };
  await ctx.db
    .collection(MEDIA_CHECKS)
    .doc(String(check._id))
    .update({ data: { status: suggest, verdictAt: ctx.now } });
  if (suggest === 'risky') await takeDown(ctx, String(check.media), traceId);
  return { handled: true };
}

async function takeDown(ctx: CallContext, media: string, traceId: string): Promise<void> {
  const _ = ctx.db.command;
  for (const collection of SHOWS_COVERS) {
    const showing = await ctx.db.collection(collection).where({ coverImage: media }).limit(100).get();
    for (const doc of showing.data) {
      await ctx.db
        .collection(collection)
        .doc(String(doc._id))
        .update({ data: { coverImage: _.remove() } });
      await recordAudit(ctx.db, { actor: 'wechat', action: 'media.reject', target: String(doc._id), detail: { collection, media, traceId }, at: ctx.now });
    }
  }
  // Galleries (vote/showcase.ts): the photo leaves the list, the others stay in their order.
  for (const collection of SHOWS_GALLERIES) {
    const showing = await ctx.db.collection(collection).where({ gallery: media }).limit(100).get();
    for (const doc of showing.data) {
      await ctx.db
        .collection(collection)
        .doc(String(doc._id))
        .update({ data: { gallery: _.pull(media) } });
      await recordAudit(ctx.db, {
        actor: 'wechat',
        action: 'media.reject',
        target: String(doc._id),
        detail: { collection, field: 'gallery', media, traceId },
        at: ctx.now,
      });
    }
  }
}
