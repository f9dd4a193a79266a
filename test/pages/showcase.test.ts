/**
 * Pictures on the pages, against the functions host: the project page shows the cover and the
 * gallery (a tap opens the photo full screen, the cover is the share card's picture), and the
 * 项目风采 editor adds photos within the limits, uploads them and saves the list. The album and
 * WeChat's uploader are the edge we cannot reach: their stubs check what the page asks and put
 * the bytes in the runtime's real storage.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { putStorageFile } from '../support/runtime-process';
import { demoPicture } from '../../local/seed/pictures';
import { runtimeDescribe, usePageHarness } from './harness';
import { callAs } from './seed';

const h = usePageHarness();
const ADMIN = 'admin-1';
const ORGANIZER = 'organizer-showcase';
const settle = (cond: () => boolean) => h.until(cond, 20_000);

type Stubbed = { wx: Record<string, unknown> & { cloud: Record<string, unknown> } };
const wxg = (globalThis as unknown as Stubbed).wx;

let contestId = '';
let projectId = '';
let galleryIds: string[] = [];
let tmp = '';
const previews: { urls: string[]; current: string }[] = [];
const uploads: { cloudPath: string; filePath: string }[] = [];
/** What the album gives the next wx.chooseMedia: local files and their sizes. */
let album: { tempFilePath: string; size: number }[] = [];
const chooseRequests: { count: number; mediaType: string[] }[] = [];

function localPicture(name: string, n: number): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, demoPicture(n));
  return file;
}

beforeAll(async () => {
  const backend = h.backend();
  if (backend.mode !== 'runtime') return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'showcase-page-'));
  const now = Date.now();
  contestId = (
    await callAs(backend, ADMIN, 'contest', 'create', {
      title: '风采展示评选',
      voting: { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 3 * 86_400_000).toISOString() },
    })
  ).contestId;
  projectId = (await callAs(backend, ADMIN, 'contest', 'addProject', { contestId, title: '悦园共享花园', team: '悦园楼长队' })).projectId;
  await callAs(backend, ADMIN, 'role', 'grant', { openid: ORGANIZER, role: 'organizer', projectId });
  const upload = (cloudPath: string, data: Buffer) => putStorageFile(backend.url as string, cloudPath, data);
  const coverImage = await upload(`showcase/${projectId}/cover.png`, demoPicture(1));
  galleryIds = [await upload(`showcase/${projectId}/a.png`, demoPicture(2)), await upload(`showcase/${projectId}/b.png`, demoPicture(3))];
  await callAs(backend, ADMIN, 'contest', 'setShowcase', { projectId, coverImage, gallery: galleryIds });

  wxg.previewImage = (o: { urls: string[]; current: string; success?: () => void }) => {
    previews.push({ urls: o.urls, current: o.current });
    o.success?.();
    return Promise.resolve({ errMsg: 'previewImage:ok' });
  };
  wxg.chooseMedia = (o: { count: number; mediaType: string[] }) => {
    chooseRequests.push({ count: o.count, mediaType: o.mediaType });
    if (!album.length) return Promise.reject({ errMsg: 'chooseMedia:fail cancel' });
    const tempFiles = album.slice(0, o.count).map((f) => ({ ...f, fileType: 'image' }));
    return Promise.resolve({ tempFiles, type: 'image', errMsg: 'chooseMedia:ok' });
  };
  wxg.cloud.uploadFile = async (o: { cloudPath: string; filePath: string }) => {
    // What the real uploader would refuse: a path outside the project's folder, or no file.
    if (!o.cloudPath.startsWith(`showcase/${projectId}/`)) throw new Error(`unexpected cloudPath ${o.cloudPath}`);
    uploads.push(o);
    return { fileID: await upload(o.cloudPath, fs.readFileSync(o.filePath)), statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  };
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  h.wx.log.calls.length = 0;
  h.wx.log.toasts.length = 0;
  h.wx.log.modals.length = 0;
});

runtimeDescribe('投票首页: covers on the cards', () => {
  test('a card shows its project’s cover; tapping the picture opens the project', async () => {
    h.wx.openid = 'resident-showcase';
    const page = await h.open('pages/contest/index', { contestId });
    await settle(() => page.data.state !== 'loading');
    const cards = page.data.cards as { projectId: string; coverUrl: string }[];
    expect(cards[0].coverUrl).toMatch(/^http/);
    expect(page.querySelectorAll('.card__cover')).toHaveLength(1);
    h.wx.log.navigations.length = 0;
    await h.tap(page, '.card__cover');
    expect(h.wx.log.navigations.at(-1)?.url).toContain(`projectId=${projectId}`);
  });
});

runtimeDescribe('项目详情: cover and gallery', () => {
  test('shows the cover and the photos; a tap on a photo opens it among the others; the cover is the share picture', async () => {
    h.wx.openid = 'resident-showcase';
    const page = await h.open('pages/vote-project/index', { contestId, projectId });
    await settle(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('ready');
    expect(h.wx.log.calls.map((c) => c.data)).toEqual([{ action: 'get', contestId, projectId }]);
    const project = page.data.project as { coverUrl: string; galleryUrls: string[] };
    expect(project.galleryUrls).toHaveLength(2);
    const html = h.html(page);
    expect(html).toContain('活动照片');
    expect(page.querySelectorAll('.gallery__photo')).toHaveLength(2);
    expect(page.querySelector('.cover')).toBeDefined();

    await h.tap(page, '.gallery__photo');
    expect(previews.at(-1)).toEqual({ urls: project.galleryUrls, current: project.galleryUrls[0] });
    const share = (page.instance as unknown as { onShareAppMessage(): { imageUrl?: string } }).onShareAppMessage();
    expect(share.imageUrl).toBe(project.coverUrl);
  });
});

runtimeDescribe('项目风采 (packageAdmin/pages/showcase)', () => {
  test('adds photos within the size limit, uploads them to the project folder and saves the list', async () => {
    h.wx.openid = ORGANIZER;
    const page = await h.open('packageAdmin/pages/showcase/index', { projectId });
    await settle(() => page.data.state !== 'loading');
    expect(page.data.state).toBe('ready');
    expect((page.data.photos as unknown[]).length).toBe(2);
    expect(h.html(page)).toContain('2/9');

    album = [
      { tempFilePath: localPicture('c.png', 4), size: 120_000 },
      { tempFilePath: localPicture('huge.png', 5), size: 6 * 1024 * 1024 },
      { tempFilePath: localPicture('d.png', 6), size: 300_000 },
    ];
    await h.tap(page, '添加照片（还可加 7 张）');
    await settle(() => (page.data.photos as unknown[]).length === 4);
    expect(chooseRequests.at(-1)).toEqual({ count: 7, mediaType: ['image'] });
    expect(h.wx.log.toasts.map((t) => t.title)).toContain('1 张图片超过 5MB，没有加入');
    expect(uploads.map((u) => path.basename(u.filePath))).toEqual(['c.png', 'd.png']);
    // Nothing reaches residents before 保存.
    expect(h.wx.log.calls.some((c) => c.data.action === 'setShowcase')).toBe(false);

    await h.tap(page, '删除');
    await settle(() => (page.data.photos as unknown[]).length === 3);
    await h.tap(page, '保存');
    await settle(() => page.data.changed === false && !page.data.busy);
    const saved = h.wx.log.calls.find((c) => c.data.action === 'setShowcase');
    const photos = page.data.photos as { fileID: string }[];
    expect(saved?.data).toMatchObject({ projectId, gallery: photos.map((p) => p.fileID) });
    expect(photos[0].fileID).toBe(galleryIds[1]);
    expect(h.wx.log.modals.at(-1)?.content).toContain('2 张新图片正在进行安全检查');

    const after = await callAs(h.backend(), 'resident-after', 'contest', 'get', { contestId, projectId });
    expect(after.projects[0].gallery).toEqual(photos.map((p) => p.fileID));
  });

  test('a cancelled choice changes nothing and says nothing', async () => {
    h.wx.openid = ORGANIZER;
    const page = await h.open('packageAdmin/pages/showcase/index', { projectId });
    await settle(() => page.data.state === 'ready');
    album = [];
    const asked = chooseRequests.length;
    await h.tap(page, '换一张封面');
    await h.until(() => chooseRequests.length === asked + 1);
    // Let the refused choice run its course before looking.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chooseRequests.at(-1)?.count).toBe(1);
    expect(page.data.changed).toBe(false);
    expect(h.wx.log.toasts).toEqual([]);
  });

  test('while storage cannot give links, the editor does not open (saving would wipe the pictures)', async () => {
    h.wx.openid = ORGANIZER;
    const realCall = wxg.cloud.callFunction as (o: { name: string; data: Record<string, unknown> }) => Promise<{ result: unknown }>;
    wxg.cloud.callFunction = async (o: { name: string; data: Record<string, unknown> }) => {
      const res = await realCall(o);
      // What contest.get answers when getTempFileURL fails: the ids as stored, no links, the flag.
      const env = res.result as { ok: boolean; data?: { projects: Record<string, unknown>[] } };
      if (o.data.action === 'get' && env.ok && env.data) {
        env.data.projects = env.data.projects.map(({ coverUrl: _c, galleryUrls: _g, ...p }) => ({ ...p, picturesUnavailable: true }));
      }
      return res;
    };
    try {
      const page = await h.open('packageAdmin/pages/showcase/index', { projectId });
      await settle(() => page.data.state !== 'loading');
      expect(page.data).toMatchObject({ state: 'error', errorText: '图片暂时加载不出来，请稍后再试' });
    } finally {
      wxg.cloud.callFunction = realCall;
    }
  });
});
