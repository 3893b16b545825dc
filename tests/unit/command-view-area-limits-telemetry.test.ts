import { describe, expect, it } from 'vitest';
import { identityFromToken } from '../../client/src/command/identity';
import { needsResubscribe, paddedBox } from '../../client/src/command/view-area';

describe("the tablet's telemetry area", () => {
  const view: [number, number, number, number] = [119.9, 31.7, 120.0, 31.8];

  it('is the visible area with half its size again on every side', () => {
    const [w, s, e, n] = paddedBox(view);
    expect([w, s, e, n].map((v) => Math.round(v * 1000) / 1000)).toEqual([
      119.85, 31.65, 120.05, 31.85,
    ]);
    expect(paddedBox([-179.9, -89.9, 179.9, 89.9])).toEqual([-180, -90, 180, 90]);
  });

  it('changes when the view leaves it or becomes a small part of it, not for small pans', () => {
    const subscribed = paddedBox(view);
    expect(needsResubscribe(undefined, view)).toBe(true);
    expect(needsResubscribe(subscribed, [119.92, 31.72, 120.02, 31.82])).toBe(false);
    expect(needsResubscribe(subscribed, [119.96, 31.7, 120.06, 31.8])).toBe(true);
    // One zoom level in: still worth it; three levels in: most of it is never seen.
    expect(needsResubscribe(subscribed, [119.925, 31.725, 119.975, 31.775])).toBe(false);
    expect(needsResubscribe(subscribed, [119.94, 31.74, 119.9525, 31.7525])).toBe(true);
  });
});

describe("the tablet's reading of its token", () => {
  const jwt = (payload: object) =>
    `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

  it('reads who and what role, Chinese names included', () => {
    expect(
      identityFromToken(jwt({ sub: 'commander-1', role: 'commander', name: '值班指挥员' })),
    ).toEqual({
      sub: 'commander-1',
      role: 'commander',
      name: '值班指挥员',
    });
  });

  it('gives nothing for an unknown role or an unreadable token', () => {
    expect(identityFromToken(jwt({ sub: 'x', role: 'king' }))).toBeUndefined();
    expect(identityFromToken('not-a-token')).toBeUndefined();
    expect(identityFromToken('a.%%%.b')).toBeUndefined();
  });
});
