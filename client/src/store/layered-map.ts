// Moved to shared/ with the reducers that use it (shared/src/live/layered-map.ts).
export * from '@cc/shared/live/layered-map';
