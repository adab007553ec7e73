import { Column, Entity, PrimaryColumn, type EntityManager } from 'typeorm';

/**
 * One row (id = 1) whose `version` increases in the same transaction as any change to the grid
 * tree. Every API instance polls it (a primary-key read) and rebuilds its routing index when it
 * moves, so an import or edit made through another instance or the CLI reaches all of them.
 */
@Entity({ name: 'grid_tree_state' })
export class GridTreeState {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int', default: 0 })
  version: number;

  @Column({ name: 'updated_at', type: 'datetime', nullable: true })
  updatedAt: Date | null;
}

/** Marks the grid tree as changed; call inside the transaction that changed it. */
export async function bumpGridTreeVersion(m: EntityManager): Promise<void> {
  const r = await m.update(GridTreeState, { id: 1 }, { version: () => 'version + 1', updatedAt: new Date() });
  if (!r.affected) await m.insert(GridTreeState, { id: 1, version: 1, updatedAt: new Date() });
}

/** The current tree version (0 before anything was imported). */
export async function readGridTreeVersion(m: EntityManager): Promise<number> {
  const row = await m.findOne(GridTreeState, { where: { id: 1 }, select: { id: true, version: true } });
  return row?.version ?? 0;
}
