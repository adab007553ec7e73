import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A WeChat group chat (opengid, unique to our mini-program) bound to the micro-grid it serves. */
@Entity({ name: 'group_binding' })
@Index('uq_group_binding_opengid', ['opengid'], { unique: true })
@Index('idx_group_binding_node', ['nodeId'])
export class GroupBinding {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  opengid: string;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'bound_by', type: 'int' })
  boundBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
