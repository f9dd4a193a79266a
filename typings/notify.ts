export const TEMPLATE_KEYS = ['signupConfirmed', 'promoted', 'reminder', 'activityChanged', 'resultPublished', 'checkinThanks'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
/** What wx.requestSubscribeMessage answered for one template. */
export type GrantAnswer = 'accept' | 'reject' | 'ban';

/** Where a message stands in the outbox (see cloudfunctions/common/notify/README.md). */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'unknown' | 'expired';

/** One sender run: how many messages ended in each state, and reminders enqueued. */
export interface FlushReport {
  claimed: number;
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
  expired: number;
  /** Messages left in 'sending' past their lease, now marked 'unknown' (never resent). */
  unknown: number;
}

export interface NotifyApi {
  grant: {
    req: {
      results: Partial<Record<TemplateKey, GrantAnswer>>;
      /**
       * The resident ticked 总是保持以上选择 (withSubscriptions: mainSwitch + itemSettings said
       * 'accept' for these templates). Recorded only; each message still needs its own grant.
       */
      alwaysAccepted?: TemplateKey[];
      /** The contest whose result the resident asked to hear about (结果公布时通知我). */
      contestId?: string;
    };
    res: { grants: Partial<Record<TemplateKey, number>> };
  };
  /** The caller's unused grants per template (for a "已开启提醒" hint). */
  mine: {
    req: Record<string, never>;
    res: { grants: Partial<Record<TemplateKey, number>>; banned: TemplateKey[] };
  };
  /**
   * Sends what is due now. Not a resident's tool: other functions call it after an event
   * (`requestFlush()`, which passes `wake`, the functions' shared NOTIFY_WAKE_KEY); admins may too.
   */
  flush: {
    req: { wake?: string };
    res: FlushReport;
  };
}
