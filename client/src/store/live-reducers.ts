// The picture's reducers live in shared/ (shared/src/live/reducers.ts): the server's replay
// builder applies archived events with the very same code the screens apply live ones with.
export * from '@cc/shared/live/reducers';
