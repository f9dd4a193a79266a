/**
 * Subscription-message template ids, as in the mini-program admin console (订阅消息). A
 * deployer replaces the placeholders here AND in cloudfunctions/common/notify/templates.ts
 * (the functions send with those); a unit test checks the two lists agree.
 */
import type { TemplateKey } from '../../typings/notify';

export const SUBSCRIBE_TEMPLATE_IDS: Record<TemplateKey, string> = {
  signupConfirmed: 'TEMPLATE_ID_SIGNUP_CONFIRMED',
  promoted: 'TEMPLATE_ID_PROMOTED',
  reminder: 'TEMPLATE_ID_REMINDER',
  activityChanged: 'TEMPLATE_ID_ACTIVITY_CHANGED',
  resultPublished: 'TEMPLATE_ID_RESULT_PUBLISHED',
  checkinThanks: 'TEMPLATE_ID_CHECKIN_THANKS',
};
