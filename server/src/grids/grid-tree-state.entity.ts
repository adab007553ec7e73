import { Column, Entity, PrimaryColumn } from 'typeorm';

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
