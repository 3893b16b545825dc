import { describe, expect, it } from 'vitest';
import type { Shelter } from '@cc/shared';
import { shelterScene, shortShelterName } from '../../client/src/map/layers/shelters';
import { NO_HIDDEN_LAYERS, visibleScene } from '../../client/src/map/legend-layers';

const shelter = (id: string, fields: Partial<Shelter> = {}): Shelter => ({
  id: `cz-emergency:${id}`,
  agency: 'cz-emergency',
  ts: 1,
  name: `${id}体育馆应急避难场所`,
  location: [119.93, 31.78],
  capacity: 3000,
  occupancy: 126,
  occupancyAt: 1,
  status: 'open',
  facilities: [],
  ...fields,
});

const label = (s: Shelter) => `${shortShelterName(s.name)} ${s.occupancy}/${s.capacity}`;

describe('the shelters on the map', () => {
  const open = shelter('ZL');
  const full = shelter('FULL', { occupancy: 3000 });
  const closed = shelter('XB', { status: 'closed', occupancy: 0, capacity: 8000 });

  it('labels open shelters with occupancy against capacity, closed ones only close up', () => {
    const far = shelterScene({
      shelters: [open, closed],
      glyph: '避',
      label,
      labelClosed: false,
      scale: 1,
    });
    expect(far.symbols.map((s) => s.id)).toEqual([
      'shelter:cz-emergency:ZL',
      'shelter:cz-emergency:XB',
    ]);
    expect(far.labels.map((l) => [l.symbolId, l.text])).toEqual([
      ['shelter:cz-emergency:ZL', 'ZL体育馆 126/3000'],
    ]);
    const near = shelterScene({
      shelters: [open, closed],
      glyph: '避',
      label,
      labelClosed: true,
      scale: 1,
    });
    expect(near.labels.map((l) => l.text)).toEqual(['ZL体育馆 126/3000', 'XB体育馆 0/8000']);
  });

  it('never hides an open shelter in a cluster, draws closed ones smaller and lower, and marks a full one', () => {
    const scene = shelterScene({
      shelters: [open, full, closed],
      glyph: '避',
      label,
      labelClosed: true,
      scale: 2,
    });
    const [o, f, c] = scene.symbols;
    expect(o!.crowding).toBe('spread');
    expect(c!.crowding).toBe('cluster');
    // In no cluster group: a closed shelter close by cannot absorb an open one.
    expect(o!.cluster).toBeUndefined();
    expect(o!.rank).toBeLessThan(c!.rank);
    const size = (s: typeof o) => (s!.look.type === 'icon' ? s!.look.size : 0);
    expect(size(o)).toBeGreaterThan(size(c));
    expect(size(o)).toBe(76);
    // Open and closed look different; the same state shares one icon.
    const icon = (s: typeof o) => (s!.look.type === 'icon' ? s!.look.icon.id : '');
    expect(icon(o)).toBe(icon(f));
    expect(icon(o)).not.toBe(icon(c));
    const colours = scene.labels.map((l) => l.color.join(','));
    expect(new Set(colours).size).toBe(3);
  });

  it('shortens the name that every shelter ends with, unless it is the whole name', () => {
    expect(shortShelterName('钟楼区体育馆应急避难场所')).toBe('钟楼区体育馆');
    expect(shortShelterName('人民公园避难场所')).toBe('人民公园');
    expect(shortShelterName('应急避难场所')).toBe('应急避难场所');
    expect(shortShelterName('Riverside Hall')).toBe('Riverside Hall');
  });

  it('goes off the map with its legend switch, labels included', () => {
    const scene = shelterScene({
      shelters: [open],
      glyph: '避',
      label,
      labelClosed: true,
      scale: 1,
    });
    expect(visibleScene(scene, NO_HIDDEN_LAYERS)).toBe(scene);
    const hidden = visibleScene(scene, new Set(['shelters'] as const));
    expect(hidden.symbols).toEqual([]);
    expect(hidden.labels).toEqual([]);
  });
});
