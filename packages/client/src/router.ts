/**
 * The router type this package publishes: the server's `AppRouter` without its server side.
 *
 * The server's router type names its request context (a Kysely database handle, rate limiters,
 * caches, a token service) and a few of its own types, from packages a program using the client
 * does not have and never needs: a client reads only the procedures, their inputs and outputs,
 * and the error shape. So here `ctx` becomes `object`, every nested router becomes the plain
 * record of its procedures, and the error shape is spelled out.
 *
 * `clientRouter` is a type witness: index.ts imports only its type, so it never reaches the
 * bundle. Its type is inferred from a call on purpose: TypeScript then writes the whole router
 * into the declaration file, procedure by procedure, instead of a reference to `@outlay/api`
 * (an annotation or an `as` would be copied as written). So the published types are generated
 * from the router at every build, whatever procedures it has grown; rollup.config.js fails the
 * build if they still name a workspace package.
 */
import type { AppRouter as ServerRouter } from '@outlay/api';
import type {
  AnyTRPCProcedure,
  AnyTRPCRootTypes,
  AnyTRPCRouter,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
} from '@trpc/server';

// `T extends infer U ? … : never` resolves to a fresh, unnamed object type, so declaration emit
// spells it out instead of printing the alias with the server's types as its arguments.
type ClientRecord<T> = T extends infer U
  ? {
      [K in keyof U]: U[K] extends AnyTRPCProcedure ? ClientProcedure<U[K]> : ClientRecord<U[K]>;
    }
  : never;

/**
 * A procedure as a client sees it: its input and output, without the server's metadata. The
 * definition is written out in place (not through an alias) so declaration emit prints the
 * resolved types rather than the alias applied to the server's procedure.
 */
type ClientProcedure<P extends AnyTRPCProcedure> = P['_def']['type'] extends 'query'
  ? TRPCQueryProcedure<{
      input: P['_def']['$types']['input'];
      output: P['_def']['$types']['output'];
      meta: object;
    }>
  : TRPCMutationProcedure<{
      input: P['_def']['$types']['input'];
      output: P['_def']['$types']['output'];
      meta: object;
    }>;

type ClientRoot<T extends AnyTRPCRootTypes> = T extends infer U extends AnyTRPCRootTypes
  ? {
      ctx: object;
      // The server's procedure metadata (its REST routes) is none of a client's business.
      meta: object;
      errorShape: Spelled<U['errorShape']>;
      transformer: U['transformer'];
    }
  : never;

/**
 * The same type with every named part rebuilt from its members. A union that merely passes
 * through a type keeps its name when printed, so each member is wrapped in a tuple and taken out
 * again, which leaves a new, unnamed union.
 */
type Spelled<T> = (T extends (infer E)[]
  ? [Spelled<E>[]]
  : T extends object
    ? [{ [K in keyof T]: Spelled<T[K]> }]
    : [T])[0];

function clientRouterOf<R extends AnyTRPCRouter>(): TRPCBuiltRouter<
  ClientRoot<R['_def']['_config']['$types']>,
  ClientRecord<R['_def']['record']>
> {
  return undefined as never;
}

export const clientRouter = clientRouterOf<ServerRouter>();
