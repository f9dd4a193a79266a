/**
 * Temporary download links for stored files. Storage is not client-readable (deploy/setup.ts):
 * what a page shows or downloads reaches it as a link a function hands out, valid for a while.
 */
import { getCloud } from './cloud';

/** getTempFileURL answers at most 50 files per call. */
const FILES_PER_CALL = 50;

interface TempUrlAnswer {
  fileList?: { fileID?: string; tempFileURL?: string; code?: string }[];
}

/**
 * A link per file that exists, keyed by fileID; a missing or deleted file is simply absent,
 * so one taken-down picture never breaks a page. Each fileID is asked once.
 */
export async function tempUrls(fileIDs: readonly string[], maxAgeSeconds: number): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs.filter(Boolean))];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += FILES_PER_CALL) batches.push(unique.slice(i, i + FILES_PER_CALL));
  const answers = await Promise.all(
    batches.map(async (batch) => (await getCloud().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) })) as TempUrlAnswer),
  );
  const urls = new Map<string, string>();
  for (const answer of answers) {
    for (const f of answer.fileList ?? []) if (f.fileID && f.tempFileURL) urls.set(f.fileID, f.tempFileURL);
  }
  return urls;
}

/** One file's link, or undefined when the file does not exist. */
export async function tempUrlOf(fileID: string, maxAgeSeconds: number): Promise<string | undefined> {
  return (await tempUrls([fileID], maxAgeSeconds)).get(fileID);
}
