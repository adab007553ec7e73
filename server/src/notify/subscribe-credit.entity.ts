import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Subscribe-message send credits: each tap on "allow" in wx.requestSubscribeMessage grants ONE send
 * of that template to that user. A push reserves a credit when it is queued (so two pushes never
 * spend the same credit) and gives it back if WeChat refuses the message for a reason of ours.
 */
@Entity({ name: 'subscribe_credit' })
@Index('uq_subscribe_credit', ['userId', 'templateKey'], { unique: true })
@Index('idx_subscribe_credit_template', ['templateKey', 'userId'])
export class SubscribeCredit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'template_key', type: 'varchar', length: 24 })
  templateKey: string;

  @Column({ type: 'int', default: 0 })
  credits: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
