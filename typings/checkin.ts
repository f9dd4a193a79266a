import type { IsoTime } from './envelope';

export interface CheckinApi {
  token: { req: { activityId: string }; res: { token: string; expiresAt: IsoTime } };
  scan: {
    req: { token: string; location?: { latitude: number; longitude: number } };
    res: { activityId: string; checkedInAt: IsoTime; walkIn: boolean };
  };
  manual: { req: { activityId: string; signupId: string }; res: { checkedInAt: IsoTime } };
}
