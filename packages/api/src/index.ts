export { appRouter, createCaller, type AppRouter } from './root.ts';
export {
  bearerToken,
  createContextInner,
  memoryCookieJar,
  REFRESH_COOKIE,
  type ApiDeps,
  type AuthSettings,
  type Context,
  type CookieJar,
  type RequestInfo,
} from './context.ts';
export { retryAfterSeconds, type DomainErrorReason } from './errors.ts';
export {
  createRateLimits,
  type RateLimitOptions,
  type RateLimits,
} from './rate-limit/rate-limits.ts';
export {
  createTokenService,
  generateSigningKeyPem,
  type TokenService,
  type TokenServiceOptions,
} from './auth/tokens.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export { summarizeSpend } from './services/metrics/summarize-spend.ts';
export {
  createMetricsCache,
  type MetricsCache,
  type MetricsCacheKey,
} from './services/metrics/metrics-cache.ts';
export type { ZodIssueSummary } from './error-shape.ts';
export { withUserTransaction } from './rls.ts';
export { authenticate } from './services/auth/authenticate.ts';
export { openApiDocument, REST_BASE_PATH } from './openapi.ts';
export { EXPORT_CHUNK_ROWS } from './services/exports/export-transactions-csv.ts';
export { runDueItemsJob, type DueItemsJobResult } from './services/recurring/run-due-items-job.ts';
export {
  scheduleDueItemsJob,
  type DueItemsSchedule,
} from './services/recurring/due-items-schedule.ts';
