import { describe, expect, it } from 'vitest';
import { LayeredMap, ValueList } from '../../client/src/store/layered-map';

/** Random batches of sets (and, when `deletes`, deletions) against a LayeredMap and a Map. */
function follow(deletes: boolean) {
  let seed = 7;
  const random = (below: number) => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % below;
  };
  const plain = new Map<number, number>();
  for (let i = 0; i < 200; i++) plain.set(random(400), i);
  let map = LayeredMap.from(new Map(plain));
  const lists = new ValueList<number, number>();
  const seen: { map: LayeredMap<number, number>; list: number[]; copy: number[] }[] = [];
  let value = 1_000;
  for (let batch = 0; batch < 300; batch++) {
    const draft = map.draft();
    for (let j = random(40); j > 0; j--) {
      const key = random(500);
      if (deletes && random(10) === 0) {
        draft.delete(key);
        plain.delete(key);
      } else {
        draft.set(key, ++value);
        plain.set(key, value);
      }
    }
    map = draft.done();
    // A hook renders only some of the versions.
    if (random(3) === 0) continue;
    const list = lists.of(map);
    expect(list).toEqual([...map.values()]);
    if (!deletes) expect(list).toEqual([...plain.values()]);
    expect(lists.of(map)).toBe(list);
    seen.push({ map, list, copy: [...list] });
  }
  // A returned array is never changed afterwards.
  for (const { list, copy } of seen) expect(list).toEqual(copy);
}

describe('hazard list kept from the hazards map', () => {
  it('follows updates and additions in a plain Map order (updated keys keep their place)', () =>
    follow(false));

  it('follows deletions too, in the map’s own iteration order', () => follow(true));

  it('starts over for a map it was not following', () => {
    const lists = new ValueList<string, number>();
    const a = LayeredMap.from(new Map([['x', 1]]));
    expect(lists.of(a)).toEqual([1]);
    const other = LayeredMap.from(new Map([['y', 2]]));
    expect(lists.of(other)).toEqual([2]);
    const draft = a.draft();
    draft.set('z', 3);
    expect(lists.of(draft.done())).toEqual([1, 3]);
  });
});
