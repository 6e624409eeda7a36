import { Health } from '@outlay/contracts';
import { publicProcedure, router } from '../trpc.ts';

export const systemRouter = router({
  health: publicProcedure
    .output(Health)
    .query(({ ctx }) => ({ ok: true as const, version: ctx.version })),
});
