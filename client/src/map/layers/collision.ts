import { CollisionFilterExtension } from '@deck.gl/extensions';
import type { CollisionFilterExtensionProps } from '@deck.gl/extensions';

const collision = new CollisionFilterExtension();

/** Label layers carry the collision filter's props on top of their own. */
export type Collides<D> = CollisionFilterExtensionProps<D>;

/**
 * Props that keep labels from piling up: of overlapping labels in the same group, the one with
 * the higher priority is drawn (deck.gl's collision filter, computed on the GPU).
 */
export function labelCollision<D>(priority: number | ((d: D) => number)) {
  return {
    extensions: [collision],
    collisionEnabled: true,
    collisionGroup: 'labels',
    getCollisionPriority: priority,
    collisionTestProps: { sizeScale: 1.3 },
  } satisfies Collides<D> & { extensions: CollisionFilterExtension[] };
}
