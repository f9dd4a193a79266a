/**
 * The seat bar of DESIGN §4: 1,000 residents sign up at once for 30 seats → exactly 30
 * confirmed and 970 waitlisted at places 1..970 in arrival order; then 10 confirmed residents
 * cancel at once → exactly 10 promotions, the first 10 of the waitlist.
 */
import type { Envelope } from '../../typings/envelope';
import { expectOk } from '../helpers/runtime';
import { NOW, codeOf, createActivity, activityDoc, outboxDocs, signUp, signupDocs, useProject } from './activity-helpers';

const RESIDENTS = 1000;
const SEATS = 30;

const f = useProject();

/** Runs tasks with at most `width` in flight (a phone crowd, not one socket per resident at once). */
/**
 * As a person does when told 刚才有人同时操作，请再试一次: the same request again, a moment later.
 * A refused attempt writes nothing, so retrying cannot bend the counts.
 */
async function retryingConflicts<T>(call: () => Promise<Envelope<T>>): Promise<Envelope<T>> {
  for (let attempt = 1; ; attempt++) {
    const res = await call();
    if (res.ok || res.code !== 'CONFLICT' || attempt >= 30) return res;
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }
}

async function inParallel<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

it('1,000 concurrent sign-ups for 30 seats, then 10 concurrent cancellations', async () => {
  const id = await createActivity(f, { capacity: SEATS });
  const openids = Array.from({ length: RESIDENTS }, (_, i) => `crowd-${i}`);
  const replies = await inParallel(RESIDENTS, RESIDENTS, (i) => signUp(f, id, openids[i], i));
  expect(replies.filter((r) => !r.ok).map(codeOf)).toEqual([]);
  const outcomes = replies.map((r) => expectOk(r));
  const confirmed = outcomes.filter((o) => o.status === 'confirmed');
  const waitlisted = outcomes.filter((o) => o.status === 'waitlisted');
  expect(confirmed).toHaveLength(SEATS);
  expect(waitlisted).toHaveLength(RESIDENTS - SEATS);
  expect(waitlisted.map((o) => o.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: RESIDENTS - SEATS }, (_, i) => i + 1));

  // The stored truth: one document per resident, counters equal to the documents, and the
  // waitlist places handed out in the order of the arrival counter.
  const docs = await signupDocs(f, id);
  expect(new Set(docs.map((d) => d._id)).size).toBe(RESIDENTS);
  expect(new Set(docs.map((d) => d.seq)).size).toBe(RESIDENTS);
  expect(await activityDoc(f, id)).toMatchObject({ confirmed: SEATS, waitlisted: RESIDENTS - SEATS, nextSeq: RESIDENTS + 1 });
  const bySeq = [...docs].sort((a, b) => Number(a.seq) - Number(b.seq));
  expect(bySeq.slice(0, SEATS).every((d) => d.status === 'confirmed')).toBe(true);
  const positionOf = new Map(outcomes.map((o) => [o.signupId, o.position]));
  expect(bySeq.slice(SEATS).map((d) => positionOf.get(String(d._id)))).toEqual(Array.from({ length: RESIDENTS - SEATS }, (_, i) => i + 1));

  // 10 confirmed residents cancel at once: the 10 heads of the waitlist move up, each once.
  const leaving = bySeq.slice(0, 10).map((d) => String(d.openid));
  const cancels = await Promise.all(leaving.map((openid) => f.rt.api('activity', 'cancel', { activityId: id }, { openid, now: NOW })));
  expect(cancels.map((c) => expectOk(c).promoted)).toEqual(Array(10).fill(1));
  // The answers say how many, never whose: the promoted are read from the store.
  expect(cancels.every((c) => !('promotedSignupIds' in expectOk(c)))).toBe(true);
  const heads = bySeq.slice(SEATS, SEATS + 10).map((d) => String(d._id));
  const after = await signupDocs(f, id);
  expect(
    after
      .filter((d) => d.promotedAt)
      .map((d) => String(d._id))
      .sort(),
  ).toEqual([...heads].sort());
  expect(after.filter((d) => d.status === 'confirmed')).toHaveLength(SEATS);
  expect(after.filter((d) => d.promotedAt)).toHaveLength(10);
  expect(await activityDoc(f, id)).toMatchObject({ confirmed: SEATS, waitlisted: RESIDENTS - SEATS - 10 });
  const promotedMessages = (await outboxDocs(f, id)).filter((m) => m.template === 'promoted');
  expect(promotedMessages.map((m) => m.signupId).sort()).toEqual([...heads].sort());

  // The new head of the waitlist is the 41st arrival, at place 1.
  const nextHead = bySeq[SEATS + 10];
  const view = expectOk(await f.rt.api('activity', 'get', { activityId: id }, { openid: String(nextHead.openid), now: NOW }));
  expect(view.me).toMatchObject({ status: 'waitlisted', position: 1 });
}, 120_000);

it('stays exact when every sign-up races in its own transaction (no in-process queue)', async () => {
  const crowd = 60;
  const seats = 10;
  delete process.env.DOORSTEP_QUEUES;
  process.env.DOORSTEP_QUEUES = 'off';
  try {
    const id = await createActivity(f, { capacity: seats });
    // Under load a transaction may give up (CONFLICT, nothing written); the resident taps again.
    const replies = await inParallel(crowd, crowd, (i) => retryingConflicts(() => signUp(f, id, `race-${i}`, i)));
    const outcomes = replies.map((r) => expectOk(r));
    expect(outcomes.filter((o) => o.status === 'confirmed')).toHaveLength(seats);
    expect(
      outcomes
        .filter((o) => o.status === 'waitlisted')
        .map((o) => o.position)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(Array.from({ length: crowd - seats }, (_, i) => i + 1));
    const docs = await signupDocs(f, id);
    expect(new Set(docs.map((d) => d.seq)).size).toBe(crowd);
    expect(await activityDoc(f, id)).toMatchObject({ confirmed: seats, waitlisted: crowd - seats, nextSeq: crowd + 1 });
    const leaving = docs
      .filter((d) => d.status === 'confirmed')
      .slice(0, 5)
      .map((d) => String(d.openid));
    const cancels = await Promise.all(
      leaving.map((openid) => retryingConflicts(() => f.rt.api('activity', 'cancel', { activityId: id }, { openid, now: NOW }))),
    );
    expect(cancels.map((c) => expectOk(c).promoted)).toEqual([1, 1, 1, 1, 1]);
    expect(await activityDoc(f, id)).toMatchObject({ confirmed: seats, waitlisted: crowd - seats - 5 });
  } finally {
    delete process.env.DOORSTEP_QUEUES;
  }
}, 120_000);
