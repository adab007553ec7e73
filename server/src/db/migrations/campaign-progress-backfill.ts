import type { QueryRunner } from 'typeorm';
import { levelOfCode } from '@weigrid/shared';

/**
 * Migration CampaignProgress (both drivers): answers stored before it are counted once into
 * campaign_progress; later ones are counted as they are written (CampaignsService.answer). Kept
 * here, not in the service, so that the migration does not change when the service does.
 */
export async function backfillCampaignProgress(q: QueryRunner): Promise<void> {
  const rows: { campaign_id: number; node_path: string; n: number; h: number | null }[] = await q.query(
    'SELECT campaign_id, node_path, COUNT(*) AS n, SUM(CASE WHEN needs_help THEN 1 ELSE 0 END) AS h FROM campaign_answer GROUP BY campaign_id, node_path',
  );
  const sums = new Map<string, [number, string, number, number]>();
  for (const r of rows) {
    for (const code of String(r.node_path).split('/').filter(Boolean)) {
      const level = levelOfCode(code);
      if (level !== 'city' && level !== 'district' && level !== 'street') continue;
      const key = `${r.campaign_id}|${code}`;
      const s = sums.get(key) ?? [Number(r.campaign_id), code, 0, 0];
      s[2] += Number(r.n);
      s[3] += Number(r.h ?? 0);
      sums.set(key, s);
    }
  }
  const all = [...sums.values()];
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    await q.query(`INSERT INTO campaign_progress (campaign_id, node_code, answered, needs_help) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`, chunk.flat());
  }
}
