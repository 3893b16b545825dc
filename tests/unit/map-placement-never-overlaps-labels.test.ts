import { describe, expect, it } from 'vitest';
import {
  anchorsAround,
  anchorsAt,
  overlaps,
  placeAll,
  type LabelCandidate,
  type SymbolCandidate,
} from '../../client/src/map/placement/place';

const symbol = (
  id: string,
  at: [number, number],
  rank: number,
  extra: Partial<SymbolCandidate> = {},
): SymbolCandidate => ({ id, at, size: [20, 20], rank, crowding: 'spread', ...extra });

const label = (
  id: string,
  at: [number, number],
  rank: number,
  extra: Partial<LabelCandidate> = {},
): LabelCandidate => ({ id, at, size: [80, 20], rank, anchors: anchorsAt([80, 20], 0), ...extra });

const VIEW = { width: 1000, height: 800 };

describe('label and symbol placement', () => {
  it('hides the lower-ranked of two labels that would overlap, whatever the input order', () => {
    for (const labels of [
      [label('district', [500, 400], 15), label('incident-I', [510, 405], 0)],
      [label('incident-I', [510, 405], 0), label('district', [500, 400], 15)],
    ]) {
      const p = placeAll({ symbols: [], labels, ...VIEW });
      expect(p.labels.map((l) => l.id)).toEqual(['incident-I']);
      expect(p.hidden).toEqual([{ id: 'district', reason: 'collision' }]);
    }
  });

  it('moves a label to its next anchor when the first is taken, and never overlaps', () => {
    const s = symbol('s', [500, 400], 0);
    const anchors = anchorsAround([20, 20], [80, 20], 2);
    const p = placeAll({
      symbols: [s, symbol('t', [500, 400], 0)],
      labels: [
        label('first', [500, 400], 0, { symbolId: 's', anchors }),
        label('second', [500, 400], 1, { symbolId: 's', anchors }),
        label('third', [500, 400], 2, { symbolId: 's', anchors }),
      ],
      ...VIEW,
    });
    const boxes = p.labels.map((l) => l.box);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    for (const b of boxes)
      for (const sym of p.symbols) expect(overlaps(b, sym.box), 'label over a symbol').toBe(false);
    expect(p.labels[0]).toMatchObject({ id: 'first', offset: [0, 22] });
  });

  it('spreads a symbol that lands on another and draws it beside, never on top', () => {
    const p = placeAll({
      symbols: [symbol('a', [300, 300], 0), symbol('b', [305, 302], 3)],
      labels: [],
      ...VIEW,
    });
    const [a, b] = [p.symbols.find((s) => s.id === 'a')!, p.symbols.find((s) => s.id === 'b')!];
    expect(a.displaced).toBe(false);
    expect(b.displaced).toBe(true);
    expect(overlaps(a.box, b.box)).toBe(false);
  });

  it('merges symbols of a cluster group into the highest-ranked one, and drops their labels', () => {
    const cluster = { crowding: 'cluster' as const, group: 'unit', clusterRadius: 30 };
    const p = placeAll({
      symbols: [
        symbol('engaged', [200, 200], 6, cluster),
        symbol('idle-1', [204, 203], 9, cluster),
        symbol('idle-2', [198, 210], 9, cluster),
        symbol('far', [600, 200], 9, cluster),
      ],
      labels: [label('idle-1:label', [204, 203], 9, { symbolId: 'idle-1' })],
      ...VIEW,
    });
    expect(p.symbols.map((s) => [s.id, s.merged])).toEqual([
      ['engaged', ['idle-1', 'idle-2']],
      ['far', []],
    ]);
    expect(p.hidden).toEqual([{ id: 'idle-1:label', reason: 'merged' }]);
  });

  it('moves a lower-ranked symbol out of the way of a higher-ranked label', () => {
    const p = placeAll({
      symbols: [symbol('hazard', [500, 400], 10, { crowding: 'cluster', group: 'hazard' })],
      labels: [label('incident-I', [500, 400], 0)],
      ...VIEW,
    });
    const hazard = p.symbols[0]!;
    expect(hazard.displaced).toBe(true);
    expect(overlaps(hazard.box, p.labels[0]!.box)).toBe(false);
  });

  it('keeps labels wholly inside the map', () => {
    const p = placeAll({ symbols: [], labels: [label('edge', [10, 10], 0)], ...VIEW });
    expect(p.labels).toEqual([]);
    expect(p.hidden).toEqual([{ id: 'edge', reason: 'outside' }]);
  });

  it('places thousands of symbols, every one drawn or merged into one that is', () => {
    const symbols = Array.from({ length: 5_000 }, (_, i) =>
      symbol(`h${i}`, [(i * 37) % 1000, (i * 53) % 800], 10, {
        crowding: 'cluster',
        group: 'hazard',
        clusterRadius: 28,
      }),
    );
    const labels = Array.from({ length: 80 }, (_, i) =>
      label(`l${i}`, [(i * 71) % 1000, (i * 29) % 800], 5),
    );
    placeAll({ symbols, labels, ...VIEW });
    const started = performance.now();
    const p = placeAll({ symbols, labels, ...VIEW });
    // A figure for the reader (a warm second run), not an assertion on speed.
    const ms = (performance.now() - started).toFixed(1);
    console.log(`placed 5,000 symbols and 80 labels in ${ms} ms`);
    const heads = p.symbols.length + p.symbols.reduce((n, s) => n + s.merged.length, 0);
    expect(heads).toBe(5_000);
  });
});
