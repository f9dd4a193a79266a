/**
 * Pictures residents see: contest.get hands out temporary links (storage is not client-readable)
 * for every cover, and for the gallery of the project a page opened; the links open the stored
 * bytes, a gone file leaves its picture out, and a web address cover is its own link.
 */
import fs from 'fs';
import { storageUploader } from '../../local/seed/upload';
import { demoPicture } from '../../local/seed/pictures';
import { ADMIN, expectOk, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { makeContest } from './vote-helpers';

const RESIDENT = { openid: 'resident-1' };

let rt: TestRuntime;
let contestId = '';
let withPictures = '';
let plain = '';
const cover = demoPicture(1);
const photos = [demoPicture(2), demoPicture(3), demoPicture(4)];
let photoIds: string[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  ({
    contestId,
    projectIds: [withPictures, plain],
  } = await makeContest(rt, 2));
  const upload = storageUploader(rt.url);
  const coverImage = await upload(`showcase/${withPictures}/cover.png`, cover);
  photoIds = await Promise.all(photos.map((p, i) => upload(`showcase/${withPictures}/photo-${i + 1}.png`, p)));
  expectOk(await rt.api('contest', 'setShowcase', { projectId: withPictures, coverImage, gallery: photoIds }, { openid: ADMIN }));
}, 120_000);
afterAll(async () => {
  await rt?.stop();
});

async function bytesOf(url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

test('the contest page carries a link to each cover, and no gallery links', async () => {
  const page = expectOk(await rt.api('contest', 'get', { contestId }, RESIDENT));
  const [a, b] = [withPictures, plain].map((id) => page.projects.find((p) => p.projectId === id));
  expect(a?.coverUrl).toMatch(/^http/);
  expect(a?.galleryUrls).toBeUndefined();
  expect(b?.coverUrl).toBeUndefined();
  const got = await bytesOf(a?.coverUrl as string);
  expect(got).toMatchObject({ status: 200, type: 'image/png' });
  expect(got.body.equals(cover)).toBe(true);
});

test('the project page also gets its gallery, each link opening its own photo', async () => {
  const page = expectOk(await rt.api('contest', 'get', { contestId, projectId: withPictures }, RESIDENT));
  const p = page.projects.find((x) => x.projectId === withPictures);
  expect(p?.gallery).toEqual(photoIds);
  expect(p?.galleryUrls).toHaveLength(3);
  for (const [i, url] of (p?.galleryUrls ?? []).entries()) expect((await bytesOf(url)).body.equals(photos[i])).toBe(true);
  expect(page.projects.find((x) => x.projectId === plain)?.galleryUrls).toBeUndefined();
  // Opened by the project alone (a mini-program code): the same answer.
  const byCode = expectOk(await rt.api('contest', 'get', { projectId: withPictures }, RESIDENT));
  expect(byCode.projects.find((x) => x.projectId === withPictures)?.galleryUrls).toHaveLength(3);
});

test('a photo whose file is gone is left out of the gallery and its links alike', async () => {
  fs.rmSync(photoIds[1]);
  const page = expectOk(await rt.api('contest', 'get', { contestId, projectId: withPictures }, RESIDENT));
  const p = page.projects.find((x) => x.projectId === withPictures);
  expect(p?.gallery).toEqual([photoIds[0], photoIds[2]]);
  expect(p?.galleryUrls).toHaveLength(2);
  expect((await bytesOf(p?.galleryUrls?.[1] as string)).body.equals(photos[2])).toBe(true);
});

test('a cover given as a web address is shown as it is', async () => {
  expectOk(await rt.api('contest', 'updateProject', { projectId: plain, patch: { coverImage: 'https://img.example/cover.png' } }, { openid: ADMIN }));
  const page = expectOk(await rt.api('contest', 'get', { contestId }, RESIDENT));
  expect(page.projects.find((x) => x.projectId === plain)?.coverUrl).toBe('https://img.example/cover.png');
});

test('a showcase may only hold pictures uploaded for that project (not another stored file), and keeps a cover it already has', async () => {
  const upload = storageUploader(rt.url);
  const poster = await upload(`checkin-posters/someone-else.png`, demoPicture(9));
  const before = expectOk(await rt.api('contest', 'get', { contestId, projectId: withPictures }, RESIDENT)).projects.find((p) => p.projectId === withPictures);
  for (const req of [
    { projectId: withPictures, gallery: [poster] },
    { projectId: withPictures, coverImage: poster },
  ]) {
    const res = await rt.api('contest', 'setShowcase', req, { openid: ADMIN });
    expect(res).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  }
  const after = expectOk(await rt.api('contest', 'get', { contestId, projectId: withPictures }, RESIDENT)).projects.find((p) => p.projectId === withPictures);
  expect(after?.gallery).toEqual(before?.gallery);
  // The project whose cover an admin gave as a web address: its editor sends that cover back with new photos.
  const photo = await upload(`showcase/${plain}/p.png`, demoPicture(10));
  expectOk(await rt.api('contest', 'setShowcase', { projectId: plain, coverImage: 'https://img.example/cover.png', gallery: [photo] }, { openid: ADMIN }));
});

test('the list carries no photo ids: only the opened project has its gallery', async () => {
  const page = expectOk(await rt.api('contest', 'get', { contestId }, RESIDENT));
  expect(page.projects.every((p) => p.gallery === undefined)).toBe(true);
});
