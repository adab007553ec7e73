import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event category (e.g. 环境卫生). Deadlines and the responsibility list hang off the code. */
@Entity({ name: 'category' })
export class Category {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 50, charset: 'utf8mb4' })
  name: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  icon: string;

  @Column({ type: 'int', default: 0 })
  sort: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
