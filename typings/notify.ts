export const TEMPLATE_KEYS = ['signupConfirmed', 'promoted', 'reminder', 'activityChanged', 'resultPublished', 'checkinThanks'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
/** What wx.requestSubscribeMessage answered for one template. */
export type GrantAnswer = 'accept' | 'reject' | 'ban';

export interface NotifyApi {
  grant: {
    req: { results: Partial<Record<TemplateKey, GrantAnswer>> };
    res: { grants: Partial<Record<TemplateKey, number>> };
  };
}
