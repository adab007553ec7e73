import { generateCells, prng } from '../../bench/routing/generate.js';
import { PolygonIndex } from './polygon-index.js';

describe('PolygonIndex', () => {
  const area: [number, number, number, number] = [104.0, 30.6, 104.06, 30.65];
  const cells = generateCells({ nx: 60, ny: 50, area, seed: 7 });
  const index = new PolygonIndex(cells);

  it('agrees with brute force on random points, and a tiling gives each point at most one owner', () => {
    const r = prng(42);
    let inHoles = 0;
    for (let k = 0; k < 5000; k++) {
      const x = area[0] + r() * (area[2] - area[0]);
      const y = area[1] + r() * (area[3] - area[1]);
      const brute = index.containingBruteForce(x, y);
      expect(brute.length).toBeLessThanOrEqual(1);
      expect(index.locate(x, y)).toBe(brute[0] ?? -1);
      expect(index.containing(x, y)).toEqual(brute);
      if (brute.length === 0) inHoles++;
    }
    // Holes are ~1/16 of cells × ~7% of a cell's area: a few points land in them.
    expect(inHoles).toBeGreaterThan(0);
    expect(inHoles).toBeLessThan(50);
  });

  it('gives every shared corner and every edge point of the lattice exactly one owner', () => {
    let checked = 0;
    for (const g of cells.slice(0, 600)) {
      if (g.type !== 'Polygon') continue;
      for (const [x, y] of g.coordinates[0]!) {
        if (x <= area[0] || y <= area[1] || x >= area[2] || y >= area[3]) continue;
        expect(index.containingBruteForce(x, y)).toHaveLength(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('finds the nearest polygon within a distance, and nothing beyond it', () => {
    const outside = [area[2] + 0.001, (area[1] + area[3]) / 2] as const; // ~96 m east of the frame
    expect(index.locate(...outside)).toBe(-1);
    const near = index.nearest(outside[0], outside[1], 200);
    expect(near).not.toBeNull();
    expect(near!.distanceM).toBeGreaterThan(90);
    expect(near!.distanceM).toBeLessThan(100);
    expect(index.nearest(outside[0], outside[1], 50)).toBeNull();
  });

  it('answers -1 for an empty index and for NaN', () => {
    expect(new PolygonIndex([]).locate(104, 30)).toBe(-1);
    expect(index.locate(NaN, 30.62)).toBe(-1);
  });
});
