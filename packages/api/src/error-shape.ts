/**
 * What a refused or failed call answers, in Zod: the `data` every error carries (trpc.ts's error
 * formatter builds it), and the body a REST route sends (the OpenAPI document describes every
 * refusal with it). One definition, so the document and the answers cannot drift apart.
 */
import { z } from 'zod';

export const ZodIssueSummary = z.object({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ZodIssueSummary = z.infer<typeof ZodIssueSummary>;

export const ErrorData = z.object({
  /** tRPC's error code: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, … */
  code: z.string(),
  httpStatus: z.number().int(),
  /** The procedure, where the request reached one. */
  path: z.string().optional(),
  /** Why the input was refused, field by field; null when it was not the input. */
  zodIssues: z.array(ZodIssueSummary).nullable(),
  /** A service's own reason for a refusal (`wrongPassword`, `rateLimited`…), or null. */
  reason: z.string().nullable(),
  /** When a rate limit refused the call: how long until it would be admitted. */
  retryAfterSeconds: z.number().nullable(),
});
export type ErrorData = z.infer<typeof ErrorData>;

/** A REST route's error body. */
export const RestErrorBody = z.object({
  message: z.string(),
  code: z.string(),
  data: ErrorData.optional(),
  /** The input's Zod issues as Zod states them (`data.zodIssues` is the summary). */
  issues: z.array(z.looseObject({ message: z.string() })).optional(),
});
