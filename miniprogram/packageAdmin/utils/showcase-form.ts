/** The 项目风采 editor's pure parts: a picture as the page holds it, and what saving tells the organizer. */

/** A stored picture (its fileID, what the server keeps) and the link or local path the page shows. */
export interface Picture {
  fileID: string;
  url: string;
}

/** After 保存: new pictures are still being checked, and the organizer should know a risky one will go. */
export function showcaseAfterSave(checking: number): { dialog?: string } {
  if (checking <= 0) return {};
  return { dialog: `${checking} 张新图片正在进行安全检查，居民现在就能看到；未通过检查的图片会被自动撤下。` };
}
