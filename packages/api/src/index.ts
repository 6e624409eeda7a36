export { appRouter, createCaller, type AppRouter } from './root.ts';
export {
  createContextInner,
  bearerToken,
  type ApiDeps,
  type Context,
  type RequestInfo,
} from './context.ts';
export {
  createTokenService,
  generateSigningKeyPem,
  type TokenService,
  type TokenServiceOptions,
} from './auth/tokens.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export { summarizeSpend } from './services/metrics/summarize-spend.ts';
export type { ZodIssueSummary } from './trpc.ts';
