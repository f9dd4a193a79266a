import { action, createFunction, requireCaller } from '../common/handler';
import { SEC_SCENE, assertSafeText } from '../common/moderation/content-safety';
import { WITHOUT_CONTACT, cancelSignup, signup } from '../common/activity/signup';
import { approve, reject } from '../common/activity/review';
import { cancelActivity, createActivity, updateActivity } from '../common/activity/manage';
import { exportRoster, getActivity, listActivities, mine, roster } from '../common/activity/read';
import { rateActivity } from '../common/activity/rating';
import { requireSignupAllowed } from '../common/vote/eligibility';
import {
  byActivity,
  cancelActivitySchema,
  cancelSchema,
  createSchema,
  listSchema,
  mineSchema,
  rateSchema,
  reviewSchema,
  signupSchema,
  updateSchema,
} from './schemas';

export const main = createFunction('activity', {
  create: action(createSchema, (p, ctx) => createActivity(ctx, p)),
  get: action(byActivity, (p, ctx) => getActivity(ctx, p.activityId)),
  list: action(listSchema, (p, ctx) => listActivities(ctx, p)),

  signup: action(signupSchema, async (p, ctx) => {
    const openid = requireCaller(ctx);
    // API.md: the form is optional. Without one the resident is signed up without contact
    // details (the mini-program always asks; other clients may not); someone else never is.
    const person = p.forOther ?? p.form ?? WITHOUT_CONTACT;
    // Notes and written answers reach the organizers: checked only when there are any.
    const written = Object.values(person.answers ?? {}).filter((v): v is string => typeof v === 'string');
    await assertSafeText(ctx, [person.note, ...written], SEC_SCENE.comment);
    const other = p.forOther?.phone;
    const eligibility = (projectId: string | undefined) => requireSignupAllowed(ctx, projectId, other);
    return signup(ctx.db, { activityId: p.activityId, openid, person, forOther: Boolean(p.forOther), now: ctx.now, eligibility });
  }),

  cancel: action(cancelSchema, async (p, ctx) => {
    const openid = requireCaller(ctx);
    return cancelSignup(ctx.db, { activityId: p.activityId, openid, signupId: p.signupId, now: ctx.now });
  }),

  mine: action(mineSchema, async (p, ctx) => {
    requireCaller(ctx);
    return mine(ctx, p.from ? new Date(p.from) : undefined);
  }),

  roster: action(byActivity, (p, ctx) => roster(ctx, p.activityId)),
  export: action(byActivity, (p, ctx) => exportRoster(ctx, p.activityId)),

  approve: action(reviewSchema, (p, ctx) => approve(ctx, p)),
  reject: action(reviewSchema, (p, ctx) => reject(ctx, p)),

  update: action(updateSchema, (p, ctx) => updateActivity(ctx, p)),
  cancelActivity: action(cancelActivitySchema, (p, ctx) => cancelActivity(ctx, p)),
  rate: action(rateSchema, (p, ctx) => rateActivity(ctx, p)),
});
