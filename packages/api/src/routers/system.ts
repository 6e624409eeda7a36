import { Health } from '@outlay/contracts';
import { publicProcedure, router, rest } from '../trpc.ts';

export const systemRouter = router({
  health: publicProcedure
    .meta(rest('GET', '/health', 'Whether the server and its database answer', 'public'))
    .output(Health)
    .query(({ ctx }) => ({ ok: true as const, version: ctx.version })),
});
