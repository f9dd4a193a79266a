/**
 * Pictures, end to end in Chromium against the preview: an organizer picks a cover and photos
 * in the file chooser (the album), they upload to the runtime's storage and are saved; a resident
 * sees the cover and the gallery, opens a photo full screen, and makes the 拉票海报, which is drawn
 * with the cover and shown before it is saved.
 */
import type { Page } from 'playwright-core';
import { demoPicture } from '../../local/seed/pictures';
import { journeyGate } from '../support/browser';
import { waitForData } from '../support/demo-pages';

const { journey, title, start } = journeyGate(['contest'], { previewOnly: true });

/** Clicks the words and answers the file chooser they open with these pictures. */
async function pickFiles(page: Page, words: string, files: { name: string; buffer: Buffer }[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.getByText(words, { exact: true }).first().click()]);
  await chooser.setFiles(files.map((f) => ({ ...f, mimeType: 'image/png' })));
}

journey(
  title('an organizer adds a cover and photos; a resident sees them, opens a photo and makes the poster with the cover'),
  async () => {
    const session = await start({ seed: 'none', persona: 'organizer-p' });
    const page = session.page as Page;
    const base = session.runtime?.url ?? '';
    const now = Date.now();
    const contest = await session.call<{ contestId: string }>('contest', 'admin-1', {
      action: 'create',
      title: '风采评选',
      voting: { startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() },
    });
    const { contestId } = contest.data;
    const { projectId } = (
      await session.call<{ projectId: string }>('contest', 'admin-1', { action: 'addProject', contestId, title: '共享花园', team: '楼长队' })
    ).data;
    expect((await session.call('role', 'admin-1', { action: 'grant', openid: 'organizer-p', role: 'organizer', projectId })).ok).toBe(true);

    // The organizer: cover and two photos from the album, then 保存.
    await page.goto(`${base}/?shot=1&persona=organizer-p&page=packageAdmin/pages/showcase/index&query=${encodeURIComponent(`projectId=${projectId}`)}`);
    await waitForData(page, 'state', 'ready');
    await pickFiles(page, '添加封面', [{ name: 'cover.png', buffer: demoPicture(11) }]);
    await page.getByText('换一张封面', { exact: true }).waitFor({ timeout: 15_000 });
    await pickFiles(page, '添加照片（还可加 9 张）', [
      { name: 'a.png', buffer: demoPicture(12) },
      { name: 'b.png', buffer: demoPicture(13) },
    ]);
    await page.getByText('活动照片 2/9').waitFor({ timeout: 15_000 });
    await page.getByText('保存', { exact: true }).first().click();
    await page.locator('.wx-modal__btn--ok').click({ timeout: 15_000 });
    const saved = await session.call<{ projects: { coverImage?: string; gallery?: string[] }[] }>('contest', 'resident-p', {
      action: 'get',
      contestId,
      projectId,
    });
    expect(saved.data.projects[0].coverImage).toBeTruthy();
    expect(saved.data.projects[0].gallery).toHaveLength(2);

    // A resident: the cover and the photos load; a photo opens full screen.
    await session.usePersona('resident-p');
    await page.goto(
      `${base}/?shot=1&persona=resident-p&page=pages/vote-project/index&query=${encodeURIComponent(`contestId=${contestId}&projectId=${projectId}`)}`,
    );
    await waitForData(page, 'state', 'ready');
    const loaded = await page.evaluate(() =>
      Promise.all(
        Array.from(document.querySelectorAll<HTMLElement>('.mp-page--active *'))
          .map((el) => /url\("(.+)"\)/.exec(el.style.backgroundImage)?.[1])
          .filter((u): u is string => Boolean(u))
          .map((u) => fetch(u).then((r) => r.status)),
      ),
    );
    expect(loaded).toEqual([200, 200, 200]);
    await page.locator('wx-image').nth(2).click();
    await page.getByText('2 / 2').waitFor({ timeout: 10_000 });
    await page.getByText('关闭', { exact: true }).click();

    // The poster: drawn with the cover, shown, then saved.
    await page.getByText('生成拉票海报', { exact: true }).click();
    await page.locator('.wx-viewer__img').waitFor({ timeout: 20_000 });
    const poster = await page.locator('.wx-viewer__img').evaluate((img: HTMLImageElement) => ({ src: img.src.slice(0, 22), h: img.naturalHeight }));
    // With a cover the poster is taller than the 900 px of one without.
    expect(poster).toEqual({ src: 'data:image/png;base64,', h: 900 + 280 });
  },
  180_000,
);
