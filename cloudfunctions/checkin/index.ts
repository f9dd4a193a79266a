import { action, createFunction } from '../common/handler';
import { issueToken, manual, myCode, scan, signOutAction, verify } from '../common/checkin/actions';
import { configure, info, poster, stats } from '../common/checkin/screen';
import { byActivity, configureSchema, infoSchema, manualSchema, myCodeSchema, posterSchema, scanSchema, signOutSchema, verifySchema } from './schemas';

export const main = createFunction('checkin', {
  token: action(byActivity, (p, ctx) => issueToken(ctx, p)),
  scan: action(scanSchema, (p, ctx) => scan(ctx, p)),
  manual: action(manualSchema, (p, ctx) => manual(ctx, p)),
  myCode: action(myCodeSchema, (p, ctx) => myCode(ctx, p)),
  verify: action(verifySchema, (p, ctx) => verify(ctx, p)),
  signOut: action(signOutSchema, (p, ctx) => signOutAction(ctx, p)),
  stats: action(byActivity, (p, ctx) => stats(ctx, p)),
  info: action(infoSchema, (p, ctx) => info(ctx, p)),
  poster: action(posterSchema, (p, ctx) => poster(ctx, p)),
  configure: action(configureSchema, (p, ctx) => configure(ctx, p)),
});
