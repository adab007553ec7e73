import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DepartmentCategory } from './department.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** Which categories a department handles (department_category, owned by accounts): what scopes a dept_staff reader. */
@Injectable()
export class DepartmentCategories {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The department's category codes, sorted. */
  @GenerateSql({ params: [1] })
  async of(departmentId: number, m?: EntityManager): Promise<string[]> {
    const rows = await (m ?? this.ds.manager).find(DepartmentCategory, { select: { categoryCode: true }, where: { departmentId }, order: { categoryCode: 'ASC' } });
    return rows.map((r) => r.categoryCode);
  }
}
