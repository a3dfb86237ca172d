import { CompanyTier } from 'src/common/auth/principal';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'companies' })
export class Company {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  website!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  telephone!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  banner!: string | null;

  @Index()
  @Column({ name: 'parent_company_id', type: 'varchar', length: 36, nullable: true })
  parentCompanyId!: string | null;

  @Column({ type: 'varchar', length: 32, default: CompanyTier.Trial })
  tier!: CompanyTier;

  @Column({ name: 'add_ons', type: 'simple-json' })
  addOns!: string[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;

  /** A deleted company keeps its rows for the audit trail; nobody in it can sign in. */
  @Column({ name: 'deleted_at', type: 'datetime', nullable: true })
  deletedAt!: Date | null;
}
