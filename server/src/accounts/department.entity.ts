import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A functional department (城管, 住建…) of a district or city; it owns event categories. */
@Entity({ name: 'department' })
@Index('idx_department_node', ['nodeId'])
export class Department {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 50, charset: 'utf8mb4' })
  name: string;

  /** The district or city node the department serves. */
  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** Which categories a department handles: its staff see events of these categories only. */
@Entity({ name: 'department_category' })
@Index('idx_department_category_code', ['categoryCode'])
export class DepartmentCategory {
  @PrimaryColumn({ name: 'department_id', type: 'int' })
  departmentId: number;

  @PrimaryColumn({ name: 'category_code', type: 'varchar', length: 32 })
  categoryCode: string;
}
