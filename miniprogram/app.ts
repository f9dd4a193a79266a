import { CLOUD_ENV } from './config';
import { initElderMode } from './utils/elder';

export interface AppGlobalData {
  /** Set once at launch; pages read it through utils/elder. */
  launchedAt: number;
}

App<{ globalData: AppGlobalData }>({
  globalData: { launchedAt: 0 },
  onLaunch() {
    this.globalData.launchedAt = Date.now();
    if (wx.cloud) wx.cloud.init({ env: CLOUD_ENV, traceUser: true });
    initElderMode();
  },
});
