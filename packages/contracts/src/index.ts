export * from './auth.ts';
export * from './category.ts';
export * from './dates.ts';
export * from './filter.ts';
export * from './import.ts';
export * from './metrics.ts';
export * from './money.ts';
export * from './transaction.ts';
