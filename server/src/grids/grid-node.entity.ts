import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GridLevel } from '@weigrid/shared';

/**
 * A node of the grid tree (city → … → micro-grid). `path` is a materialized path of codes
 * ("5101/510104/510104001/"), so a subtree is one indexed range scan on `path` (subtreeSql in
 * grid-tree.repo.ts) and an ancestor list is the path split, with no recursive queries.
 */
@Entity({ name: 'grid_node' })
@Index('idx_grid_node_path', ['path'])
@Index('idx_grid_node_parent', ['parentId'])
export class GridNode {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_grid_node_code', { unique: true })
  @Column({ type: 'varchar', length: 18 })
  code: string;

  @Column({ type: 'varchar', length: 100, charset: 'utf8mb4' })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  level: GridLevel;

  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 200 })
  path: string;

  @Column({ type: 'int', default: 0 })
  depth: number;

  /** A building, market or trade with no polygon: chosen by code or QR, never by location. */
  @Column({ name: 'is_virtual', type: 'boolean', default: false })
  virtual: boolean;

  /** GeoJSON Polygon or MultiPolygon geometry, in `crs`. */
  @Column({ type: 'text', nullable: true })
  boundary: string | null;

  @Column({ type: 'varchar', length: 8, default: 'gcj02' })
  crs: string;

  @Column({ name: 'min_lng', type: 'double', nullable: true })
  minLng: number | null;

  @Column({ name: 'min_lat', type: 'double', nullable: true })
  minLat: number | null;

  @Column({ name: 'max_lng', type: 'double', nullable: true })
  maxLng: number | null;

  @Column({ name: 'max_lat', type: 'double', nullable: true })
  maxLat: number | null;

  /** True for generated demo boundaries, so nobody mistakes them for surveyed ones. */
  @Column({ type: 'boolean', default: false })
  synthetic: boolean;

  /** Bumped on every change to the node; admins send it back when editing (optimistic locking). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'updated_at', type: 'datetime', nullable: true })
  updatedAt: Date | null;

}
