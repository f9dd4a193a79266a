/** Uploads demo files to the runtime's cloud storage through the server SDK, as a function would. */
import tcb from '@cloudbase/node-sdk';
import type { SeedUpload } from './results';

export function storageUploader(baseUrl: string): SeedUpload {
  const app = tcb.init({ env: 'local', secretId: 'local', secretKey: 'local', serviceUrl: `${baseUrl}/admin` } as Parameters<typeof tcb.init>[0]);
  return async (cloudPath, data) => {
    const res = (await app.uploadFile({ cloudPath, fileContent: data })) as { fileID: string };
    return res.fileID;
  };
}
