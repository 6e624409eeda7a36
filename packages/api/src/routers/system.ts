import { Health } from '@outlay/contracts';
import { publicProcedure, router, publicRest } from '../trpc.ts';

export const systemRouter = router({
  health: publicProcedure
    .meta(publicRest('GET', '/health', 'Whether the server and its database answer'))
    .output(Health)
    .query(({ ctx }) => ({ ok: true as const, version: ctx.version })),
});
