/**
 * bench/register — one large district's household register on MariaDB:
 * imports 1,000,000 people in 400,000 households (100 community files of 10,000 people, each one
 * all-or-nothing transaction through the real importer: validation, GB 11643 checksums,
 * AES-256-GCM + HMAC per ID and phone, duplicate check against the register), then times searches
 * through the same PersonSearcher the API uses: name prefix in the district, phone (exact), tag
 * within a street, and a campaign's known households for the district. Runs on its own throwaway database, dropped at the end (BENCH_KEEP=1 keeps it).
 *
 * Env: BENCH_DB_URL (server URL, default mysql://root@127.0.0.1:3306), REGISTER_BENCH_PEOPLE (or
 * BENCH_PEOPLE; default 1e6, rounded to whole communities of 10,000), REGISTER_BENCH_FILE_PEOPLE
 * (people per imported file, whole communities, 10,000–50,000 = MAX_IMPORT_ROWS; default 10,000),
 * REGISTER_BENCH_CONCURRENCY (files imported at once, 1–4, default 1), BENCH_SEARCHES (per kind, default 300).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { RegisterImporter } from '../../src/register/import/importer.js';
import { PiiCipher } from '../../src/register/pii-cipher.js';
import { MAX_IMPORT_ROWS } from '../../src/register/import/columns.js';
import { loadExcel, parseImportXlsx } from '../../src/register/import/xlsx.js';
import { IMPORT_COLUMNS } from '../../src/register/import/columns.js';
import { PersonSearcher } from '../../src/register/search.js';
import { householdsUnder } from '../../src/register/household-counts.repo.js';
import { chunks } from '../../src/db/insert-rows.js';
import { communityRows, district, prng, SURNAME_LIST } from './generate.js';
import { PERSON_TAGS } from '@weigrid/shared';

const here = dirname(fileURLToPath(import.meta.url));
// Compiled to server/dist/bench/bench/<name>/: five levels up is the repository root.
const repoRoot = join(here, '../../../../..');
const serverUrl = (process.env.BENCH_DB_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const PEOPLE_PER_COMMUNITY = 10_000;
const communities = Math.max(1, Math.min(100, Math.round(Number(process.env.REGISTER_BENCH_PEOPLE ?? process.env.BENCH_PEOPLE ?? 1_000_000) / PEOPLE_PER_COMMUNITY)));
// A file holds whole communities, at most the importer's per-file limit.
const communitiesPerFile = Math.max(1, Math.min(MAX_IMPORT_ROWS / PEOPLE_PER_COMMUNITY, Math.round(Number(process.env.REGISTER_BENCH_FILE_PEOPLE ?? PEOPLE_PER_COMMUNITY) / PEOPLE_PER_COMMUNITY)));
const concurrency = Math.max(1, Math.min(4, Math.round(Number(process.env.REGISTER_BENCH_CONCURRENCY ?? 1))));
const searchesPerKind = Math.max(20, Number(process.env.BENCH_SEARCHES ?? 300));
const dbName = `wg_bench_register_${Date.now().toString(36)}`;

async function innodbCounters(c: mysql.Connection): Promise<Record<string, number>> {
  const [rows] = (await c.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_reads', 'Innodb_data_read', 'Innodb_pages_written', 'Innodb_data_written')",
  )) as unknown as [{ Variable_name: string; Value: string }[]];
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function main() {
  const admin = await mysql.createConnection(serverUrl);
  const [[ver]] = (await admin.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS bp')) as unknown as [{ v: string; bp: number }[]];
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = `${serverUrl}/${dbName}`;
  console.log(`database ${dbName} on MariaDB/MySQL ${ver!.v} (buffer pool ${Math.round(ver!.bp / 2 ** 20)} MiB); ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM`);
  let ds: DataSource | null = null;
  try {
    await runMigrations(url);
    ds = createDataSource(url, 4, { logging: false });
    await ds.initialize();
    const d = district();
    // The grid tree (8,912 nodes), inserted directly: it is the grids module's data, not what is measured.
    const ids = new Map<string, number>();
    for (const level of ['city', 'district', 'street', 'community', 'grid', 'micro']) {
      for (const c of chunks(d.nodes.filter((n) => n.level === level), 1000)) {
        await ds.createQueryBuilder().insert().into(GridNode).values(c.map((n) => ({ code: n.code, name: n.name, level: n.level as GridNode['level'], parentId: n.parentCode ? ids.get(n.parentCode)! : null, path: n.path, depth: n.depth, virtual: false, boundary: null, crs: 'gcj02', synthetic: true }))).execute();
      }
      for (const n of await ds.getRepository(GridNode).find({ select: { id: true, code: true }, where: { level: level as GridNode['level'] } })) ids.set(n.code, n.id);
    }

    // The upload path parses an .xlsx before importRows; measured on one community file (10,000
    // rows) from a separate generator so that the imported district stays the same.
    let xlsx: { rows: number; bytes: number; ms: number } | null = null;
    if (process.env.REGISTER_BENCH_XLSX !== '0') {
      const sample = communityRows(d, 0, 50, { personIndex: 0, rng: prng(1) }, new Date());
      const wb = new (await loadExcel()).Workbook();
      const ws = wb.addWorksheet('人口');
      ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
      for (const r of sample) ws.addRow(IMPORT_COLUMNS.map((c) => r.values[c.key]));
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const t = performance.now();
      const parsed = await parseImportXlsx(buf);
      xlsx = { rows: parsed.length, bytes: buf.length, ms: performance.now() - t };
    }

    const cipher = new PiiCipher(randomBytes(32));
    const importer = new RegisterImporter(ds, cipher);
    const st = { personIndex: 0, rng: prng(20260101) };
    const today = new Date();
    let people = 0;
    let households = 0;
    let importMs = 0;
    let files = 0;
    const perFile: number[] = [];
    const phones: string[] = [];
    const innodb0 = await innodbCounters(admin);
    const cpu0 = process.cpuUsage();
    const starts: number[] = [];
    for (let c = 0; c < communities; c += communitiesPerFile) starts.push(c);
    let nextFile = 0;
    const wall0 = performance.now();
    // `concurrency` workers, each importing one file at a time on its own connection (several
    // communities uploading at once). Files are generated in order, so the district is the same.
    const worker = async () => {
      while (nextFile < starts.length) {
        const c = starts[nextFile++]!;
        // Whole communities concatenated into one file, numbered as the sheet would number them.
        const rows: ReturnType<typeof communityRows> = [];
        for (let k = c; k < Math.min(communities, c + communitiesPerFile); k++) for (const r of communityRows(d, k, 50, st, today)) rows.push({ row: rows.length + 2, values: r.values });
        for (const r of rows) if (r.values.phone && st.rng() < 0.01) phones.push(r.values.phone);
        const t = performance.now();
        const res = await importer.importRows(rows, null, today);
        const ms = performance.now() - t;
        importMs += ms;
        people += res.people;
        households += res.households;
        files++;
        perFile.push(res.people / (ms / 1000));
        if (people % 100_000 === 0 || files === starts.length) {
          const rate = concurrency === 1 ? people / (importMs / 1000) : people / ((performance.now() - wall0) / 1000);
          console.log(`  imported ${fmt(people)} people / ${fmt(households)} households — ${fmt(rate)} people/s overall, last file ${fmt(perFile[perFile.length - 1]!)} /s, load ${loadavg()[0]!.toFixed(1)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    // One at a time: the sum of importRows times (generation excluded). Concurrent: wall time,
    // which then includes generating the files (≈ 4 µs of the bench's CPU per person).
    if (concurrency > 1) importMs = performance.now() - wall0;
    const innodb1 = await innodbCounters(admin);
    const cpu = process.cpuUsage(cpu0);
    const importPerSec = people / (importMs / 1000);

    // Searches, as a district admin (name, phone) and a street admin (tag).
    const searcher = new PersonSearcher(ds, cipher);
    const rng = prng(7);
    const districtScope = ['5101/510104/'];
    const kinds: Record<string, () => Promise<number>> = {
      'name prefix (district)': async () => {
        const s = SURNAME_LIST[Math.floor(rng() * 20)]!;
        const name = rng() < 0.5 ? s : s + '伟芳娜秀英敏静丽强磊'[Math.floor(rng() * 10)];
        return (await searcher.search({ scope: districtScope, name, limit: 20 })).items.length;
      },
      'phone exact (district)': async () => (await searcher.search({ scope: districtScope, phone: phones[Math.floor(rng() * phones.length)]!, limit: 20 })).items.length,
      'tag in a street': async () => {
        const street = d.streets[Math.floor(rng() * d.streets.length)]!;
        const tag = ['独居老人', '残疾人', '低保', '困境儿童', PERSON_TAGS[Math.floor(rng() * PERSON_TAGS.length)]!][Math.floor(rng() * 5)]!;
        return (await searcher.search({ scope: [street.path], tag, limit: 20 })).items.length;
      },
    };
    const results: { kind: string; p50: number; p95: number; max: number; hits: number }[] = [];
    for (const [kind, fn] of Object.entries(kinds)) {
      for (let i = 0; i < 20; i++) await fn();
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < searchesPerKind; i++) {
        const t = performance.now();
        hits += await fn();
        times.push(performance.now() - t);
      }
      results.push({ kind, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), hits: hits / searchesPerKind });
    }
    const searchP95Ms = Math.max(...results.map((r) => r.p95));

    // A campaign's "known households" for the district: what the progress page reads
    // (reg_grid_households, kept by the importer) against grouping the register's rows, which it
    // did before. Both must give the same households per micro-grid.
    const timed = async <T>(fn: () => Promise<T>) => {
      const t = performance.now();
      const value = await fn();
      return { value, ms: performance.now() - t };
    };
    const grouped = () =>
      ds!.query('SELECT grid_path, COUNT(*) AS n FROM reg_household WHERE grid_path LIKE ? GROUP BY grid_path', [districtScope[0]! + '%']).then((rows: { grid_path: string; n: number | string }[]) => new Map(rows.map((r) => [r.grid_path, Number(r.n)])));
    const kept = () => householdsUnder(ds!.manager, districtScope[0]!);
    const knownRuns = { grouped: [] as number[], kept: [] as number[] };
    let knownEqual = true;
    for (let i = 0; i < 5; i++) {
      const a = await timed(grouped);
      const b = await timed(kept);
      knownRuns.grouped.push(a.ms);
      knownRuns.kept.push(b.ms);
      knownEqual &&= a.value.size === b.value.size && [...a.value].every(([k, v]) => b.value.get(k) === v);
    }
    const knownMs = pct(knownRuns.kept, 50);

    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share the ${cpus().length} cores)`);
    console.log(`\nimport: ${fmt(people)} people in ${fmt(households)} households, ${files} files of ≤ ${fmt(communitiesPerFile * PEOPLE_PER_COMMUNITY)} people, ${concurrency} at a time, ${fmt(importMs / 1000)} s → ${fmt(importPerSec)} people/s (files: min ${fmt(Math.min(...perFile))}, max ${fmt(Math.max(...perFile))} /s)`);
    console.log(`this process's CPU during the import: ${fmt((cpu.user + cpu.system) / 1e6)} s = ${fmt((cpu.user + cpu.system) / people)} µs per person (the rest of the wall time is MariaDB's work, or waiting for a core)`);
    const phaseTotal = Object.values(importer.phaseMs).reduce((a, b) => a + b, 0);
    console.log(`where the import time goes: ${Object.entries(importer.phaseMs).map(([k, v]) => `${k} ${((100 * v) / phaseTotal).toFixed(0)} %`).join(', ')}`);
    // Server-wide counters: other databases on a shared server add to them.
    const dIo = Object.fromEntries(Object.entries(innodb1).map(([k, v]) => [k, v - (innodb0[k] ?? 0)]));
    console.log(`InnoDB during the import (whole server): ${fmt(dIo.Innodb_buffer_pool_reads ?? 0)} page reads from disk (${fmt((dIo.Innodb_data_read ?? 0) / 2 ** 20)} MiB), ${fmt(dIo.Innodb_pages_written ?? 0)} pages written, ${fmt((dIo.Innodb_data_written ?? 0) / 2 ** 20)} MiB written`);
    if (xlsx) console.log(`XLSX (the HTTP upload path, parsed separately, not in importPerSec): ${fmt(xlsx.rows)} rows / ${fmt(xlsx.bytes / 2 ** 20)} MiB parsed in ${fmt(xlsx.ms)} ms → ${fmt(xlsx.rows / (xlsx.ms / 1000))} rows/s`);
    console.log(`\n${'search'.padEnd(26)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}${'avg hits'.padStart(10)}`);
    for (const r of results) console.log(`${r.kind.padEnd(26)}${r.p50.toFixed(2).padStart(9)}${r.p95.toFixed(2).padStart(9)}${r.max.toFixed(2).padStart(9)}${r.hits.toFixed(1).padStart(10)}`);
    console.log(`\ncampaign progress, known households in the district (${fmt(households)} households, ${fmt(d.nodes.filter((n) => n.level === 'micro').length)} micro-grids), median of 5: reg_grid_households ${fmt(knownMs)} ms (first ${fmt(knownRuns.kept[0]!)} ms); grouping reg_household ${fmt(pct(knownRuns.grouped, 50))} ms (first ${fmt(knownRuns.grouped[0]!)} ms); equal per micro-grid: ${knownEqual}`);
    console.log(`targets: import ≥ 10,000 people/s ${importPerSec >= 10_000 ? 'MET' : 'MISSED'}; search p95 ≤ 50 ms ${searchP95Ms <= 50 ? 'MET' : 'MISSED'} (${searchesPerKind} searches per kind, worst kind's p95 reported)\n`);
    const out = { people, importPerSec: Math.round(importPerSec), searchP95Ms: Number(searchP95Ms.toFixed(2)), knownHouseholdsMs: Number(knownMs.toFixed(1)), knownEqual };
    mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench-results/register.json'), JSON.stringify(out) + '\n');
    console.log(JSON.stringify(out));
    if (!knownEqual) process.exitCode = 1;
  } finally {
    await ds?.destroy();
    if (process.env.BENCH_KEEP !== '1') await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    else console.error(`kept database ${dbName}`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  if (e && typeof e === 'object' && 'details' in e) console.error(JSON.stringify((e as { details: unknown }).details).slice(0, 2000));
  process.exit(1);
});
