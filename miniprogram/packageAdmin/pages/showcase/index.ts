/**
 * 项目风采 (the project's organizer, or an admin): the cover and up to nine activity photos that
 * residents see on the vote card and the project page. Pictures are chosen, checked for size and
 * uploaded at once; nothing changes for residents until 保存, when the server stores the list and
 * sends each new picture to WeChat's image check (a risky one is taken down later).
 * Calls: contest.get (by projectId, with the gallery's links), contest.setShowcase.
 */
import { loadBehavior, loadIfGiven, loadInto, pageBehavior } from '../../../behaviors/page';
import { getContestPage, setShowcase } from '../../../services/contest';
import { PICTURE_LIMITS, choosePictures, tooLargeText, uploadPicture } from '../../../utils/pictures';
import type { ViewState } from '../../../components/state-view/index';
import { showcaseAfterSave, type Picture } from '../../utils/showcase-form';

interface ShowcaseData {
  state: ViewState;
  errorText: string;
  projectId: string;
  title: string;
  cover: Picture | null;
  photos: Picture[];
  /** How many photos may still be added. */
  room: number;
  limit: number;
  changed: boolean;
  busy: boolean;
}

const initial: ShowcaseData = {
  state: 'loading',
  errorText: '',
  projectId: '',
  title: '',
  cover: null,
  photos: [],
  room: PICTURE_LIMITS.galleryImages,
  limit: PICTURE_LIMITS.galleryImages,
  changed: false,
  busy: false,
};

type IndexTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>;

/** Uploads the chosen pictures one by one, the loading text counting them. */
async function uploadAll(paths: string[], folder: string): Promise<Picture[]> {
  const done: Picture[] = [];
  try {
    for (let i = 0; i < paths.length; i++) {
      wx.showLoading({ title: paths.length > 1 ? `正在上传 ${i + 1}/${paths.length}` : '正在上传', mask: true });
      done.push({ fileID: await uploadPicture(paths[i], folder), url: paths[i] });
    }
    wx.hideLoading();
  } catch {
    wx.hideLoading();
    wx.showToast({ title: done.length ? `上传了 ${done.length} 张，其余没有成功，请再试一次` : '图片没有上传成功，请再试一次', icon: 'none' });
  }
  return done;
}

Component({
  behaviors: [pageBehavior, loadBehavior],
  data: initial,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ projectId: query.projectId ?? '' });
      loadIfGiven(this, query.projectId ?? '', '没有指定项目');
    },
    load(): Promise<void> {
      return loadInto(this, async () => {
        const page = await getContestPage({ projectId: this.data.projectId }, { loading: false, toast: false });
        const p = page.projects.find((x) => x.projectId === this.data.projectId);
        if (!p) {
          this.setData({ state: 'error', errorText: '项目不存在或已被删除' });
          return;
        }
        if (p.picturesUnavailable) {
          // Editing now could save an empty showcase over pictures that exist.
          this.setData({ state: 'error', errorText: '图片暂时加载不出来，请稍后再试' });
          return;
        }
        const urls = p.galleryUrls ?? [];
        const photos = (p.gallery ?? []).slice(0, urls.length).map((fileID, i) => ({ fileID, url: urls[i] }));
        const cover = p.coverImage && p.coverUrl ? { fileID: p.coverImage, url: p.coverUrl } : null;
        this.show(cover, photos, false);
        this.setData({ title: p.title, state: 'ready' });
      });
    },
    show(cover: Picture | null, photos: Picture[], changed: boolean) {
      this.setData({ cover, photos, room: PICTURE_LIMITS.galleryImages - photos.length, changed });
    },
    async onPickCover() {
      if (this.data.busy) return;
      const chosen = await choosePictures(1);
      if (chosen.tooLarge) wx.showToast({ title: tooLargeText(chosen.tooLarge), icon: 'none' });
      const [cover] = await uploadAll(chosen.paths, `showcase/${this.data.projectId}`);
      if (cover) this.show(cover, this.data.photos, true);
    },
    onRemoveCover() {
      this.show(null, this.data.photos, true);
    },
    async onAddPhotos() {
      if (this.data.busy) return;
      if (this.data.room <= 0) {
        wx.showToast({ title: `活动照片最多 ${PICTURE_LIMITS.galleryImages} 张，请先删掉几张`, icon: 'none' });
        return;
      }
      const chosen = await choosePictures(this.data.room);
      if (chosen.tooLarge) wx.showToast({ title: tooLargeText(chosen.tooLarge), icon: 'none' });
      const added = await uploadAll(chosen.paths, `showcase/${this.data.projectId}`);
      if (added.length) this.show(this.data.cover, [...this.data.photos, ...added].slice(0, PICTURE_LIMITS.galleryImages), true);
    },
    onRemovePhoto(e: IndexTap) {
      const index = Number(e.currentTarget.dataset.index);
      this.show(
        this.data.cover,
        this.data.photos.filter((_, i) => i !== index),
        true,
      );
    },
    /** A photo becomes the cover (the cover it replaces is not kept). */
    onPhotoAsCover(e: IndexTap) {
      const photo = this.data.photos[Number(e.currentTarget.dataset.index)];
      if (photo) this.show(photo, this.data.photos, true);
    },
    onViewPhoto(e: IndexTap) {
      const urls = this.data.photos.map((p) => p.url);
      wx.previewImage({ urls, current: urls[Number(e.currentTarget.dataset.index)] });
    },
    async onSave() {
      if (this.data.busy || !this.data.changed) return;
      this.setData({ busy: true });
      try {
        const res = await setShowcase({
          projectId: this.data.projectId,
          coverImage: this.data.cover ? this.data.cover.fileID : null,
          gallery: this.data.photos.map((p) => p.fileID),
        });
        this.setData({ changed: false });
        const after = showcaseAfterSave(res.checking);
        if (after.dialog) wx.showModal({ title: '已保存', content: after.dialog, showCancel: false, confirmText: '知道了' });
        else wx.showToast({ title: '已保存', icon: 'success' });
      } catch {
        // callCloud said why (e.g. 活动照片最多 9 张, 图片须先上传).
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
