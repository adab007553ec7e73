import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '../..');

function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(server, 'scripts/gen-response-schemas.mjs'), ...args], { cwd: server, maxBuffer: 16 * 1024 * 1024 }, (e, out, err) => resolve({ code: e ? (e.code as number) : 0, out, err }));
  });
}

type Schema = Record<string, unknown>;
interface Generated {
  schemas: Record<string, Schema>;
  operations: Record<string, Record<string, Schema> | null>;
  problems: string[];
}

describe('response schemas from controller return types (scripts/gen-response-schemas.mjs)', () => {
  it('src/common/response-schemas.generated.ts matches the controllers (run `pnpm --filter @weigrid/server gen:responses`)', async () => {
    const r = await run('--check');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);

  describe('on a fixture controller (test/fixtures/response-schemas)', () => {
    let g: Generated;
    beforeAll(async () => {
      const r = await run('--root=test/fixtures/response-schemas', '--print');
      expect(r.err).toBe('');
      g = JSON.parse(r.out) as Generated;
    }, 120_000);

    it('unwraps Promise and generics, refers to named interfaces, inlines anonymous shapes', () => {
      expect(g.problems).toEqual([]);
      expect(g.operations['ShopController.list']).toEqual({
        'application/json': {
          type: 'object',
          required: ['items', 'nextCursor'],
          properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ShirtDto' } }, nextCursor: { type: 'string', nullable: true } },
        },
      });
      expect(g.operations['ShopController.labelled']).toEqual({
        'application/json': {
          type: 'array',
          items: { allOf: [{ $ref: '#/components/schemas/ShirtDto' }, { type: 'object', required: ['label'], properties: { label: { type: 'string' } } }] },
        },
      });
      expect(g.operations['ShopController.view']).toEqual({ 'application/json': { $ref: '#/components/schemas/ShirtView' } });
      expect(g.schemas.ShirtView).toEqual({ oneOf: [{ $ref: '#/components/schemas/ShirtDto' }, { $ref: '#/components/schemas/SoldOutDto' }] });
      expect(Object.keys(g.schemas).sort()).toEqual(['Owner', 'ShirtDto', 'ShirtView', 'SoldOutDto']);
      expect(Object.keys(g.operations)).not.toContain('ShopController.helper');
    });

    it('describes each property as JSON.stringify writes it', () => {
      const shirt = g.schemas.ShirtDto as { required: string[]; properties: Record<string, Schema> };
      expect(shirt.required).toEqual(['id', 'size', 'owner', 'tags', 'stock', 'madeAt', 'at', 'onSale', 'rating']);
      expect(shirt.properties).toEqual({
        id: { type: 'number' },
        size: { type: 'string', enum: ['S', 'M', 'L'] },
        price: { type: 'number' },
        owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true },
        tags: { type: 'array', items: { type: 'string' } },
        stock: { type: 'object', additionalProperties: { type: 'number' } },
        madeAt: { type: 'string', format: 'date-time' },
        at: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
        onSale: { type: 'boolean' },
        rating: { type: 'number', enum: [1, 2, 3] },
      });
      expect(g.schemas.Owner).toEqual({ type: 'object', required: ['id', 'name'], properties: { id: { type: 'number' }, name: { type: 'string', nullable: true } } });
    });

    it('reads raw replies and files by media type, and marks void methods as bodiless', () => {
      expect(g.operations['ShopController.remove']).toBeNull();
      expect(g.operations['ShopController.export']).toEqual({
        'text/csv': { type: 'string' },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { type: 'string', format: 'binary' },
      });
      expect(g.operations['ShopController.summary']).toEqual({ 'application/json': { type: 'object', required: ['count'], properties: { count: { type: 'number' } } } });
      expect(g.operations['ShopController.photo']).toEqual({ 'image/webp': { type: 'string', format: 'binary' } });
    });
  });
});
