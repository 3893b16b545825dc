export * from './config';
export * from './logger';
export * from './redis/keys';
export * from './redis/commit';
export * from './lifecycle';
