export * from './change-sets.ts';
export * from './consistency.ts';
export * from './create-db.ts';
export * from './migrate.ts';
export * from './scratch-database.ts';
export type * from './schema.ts';
export * from './seed/demo.ts';
export * from './seed/bulk.ts';
export { DEFAULT_CATEGORIES } from './seed/palette.ts';
