export { buildApp, type BuildAppOptions, type OutlayApp } from './app.ts';
export { parseEnv, databaseUrl, type Env } from './env.ts';
