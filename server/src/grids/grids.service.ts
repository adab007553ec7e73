import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { GRID_LEVELS, type GridLevel, type GridNodeSummary } from '@weigrid/shared';
import { GridNode } from './grid-node.entity.js';

@Injectable()
export class GridsService {
  constructor(@InjectRepository(GridNode) private readonly nodes: Repository<GridNode>) {}

  /** The top of the tree (the deployment's region), or null before any grid is imported. */
  async root(): Promise<GridNodeSummary | null> {
    const n = await this.nodes.findOne({ where: { parentId: IsNull() }, order: { depth: 'ASC', code: 'ASC' } });
    return n ? { code: n.code, name: n.name, level: n.level } : null;
  }

  async countsByLevel(): Promise<Partial<Record<GridLevel, number>>> {
    const rows: { level: GridLevel; n: string | number }[] = await this.nodes
      .createQueryBuilder('g')
      .select('g.level', 'level')
      .addSelect('COUNT(*)', 'n')
      .groupBy('g.level')
      .getRawMany();
    const out: Partial<Record<GridLevel, number>> = {};
    for (const l of GRID_LEVELS) {
      const r = rows.find((x) => x.level === l);
      if (r) out[l] = Number(r.n);
    }
    return out;
  }
}
