import { action, createFunction } from '../common/handler';
import { none } from '../common/schemas';
import { everyMinute, flush, grant, mine } from '../common/notify/actions';
import * as s from './schemas';

export const main = createFunction(
  'notify',
  {
    grant: action(s.grant, (p, ctx) => grant(ctx, p)),
    mine: action(none, (_p, ctx) => mine(ctx)),
    flush: action(s.flush, (p, ctx) => flush(ctx, p)),
  },
  {
    'every-minute': (ctx) => everyMinute(ctx),
  },
);
