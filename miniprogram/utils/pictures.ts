/**
 * Pictures a person adds (a project's cover and activity photos): chosen from the album or the
 * camera, kept within the size limit, uploaded to cloud storage. The server checks each new one
 * (mediaCheckAsync) when the showcase is saved.
 */
import type { ShowcaseLimits } from '../../typings/contest-admin';

/** The same numbers as the functions' SHOWCASE_LIMITS (the shared type keeps them equal). */
export const PICTURE_LIMITS: ShowcaseLimits = { galleryImages: 9, imageBytes: 5242880 };

/** What was chosen: the pictures that fit, and how many were left out for their size. */
export interface ChosenPictures {
  paths: string[];
  tooLarge: number;
}

/** Up to `count` pictures; none when the person cancels. */
export async function choosePictures(count: number): Promise<ChosenPictures> {
  try {
    const picked = await wx.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] });
    const fits = picked.tempFiles.filter((f) => f.size <= PICTURE_LIMITS.imageBytes);
    return { paths: fits.map((f) => f.tempFilePath), tooLarge: picked.tempFiles.length - fits.length };
  } catch {
    // Cancelled (or no album permission): nothing chosen, nothing to say.
    return { paths: [], tooLarge: 0 };
  }
}

/** The toast for pictures left out for their size. */
export function tooLargeText(tooLarge: number): string {
  return `${tooLarge} 张图片超过 ${PICTURE_LIMITS.imageBytes / 1024 / 1024}MB，没有加入`;
}

/** Uploads one picture under `folder/`; answers its fileID. */
export async function uploadPicture(filePath: string, folder: string): Promise<string> {
  const ext = /\.(jpe?g|png|gif|webp|heic)$/i.exec(filePath)?.[1]?.toLowerCase() ?? 'jpg';
  const cloudPath = `${folder}/${Date.now()}-${Math.floor(Math.random() * 1e6)}.${ext}`;
  const up = await wx.cloud.uploadFile({ cloudPath, filePath });
  return up.fileID;
}
