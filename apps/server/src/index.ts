export { buildApp, type BuildAppOptions, type OutlayApp } from './app.ts';
export { createApiDeps, type ApiDepsOptions } from './deps.ts';
export { parseEnv, databaseUrl, type Env } from './env.ts';
