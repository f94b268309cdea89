// Seeded generator of a synthetic project list in the user-file CSV schema (see
// src/core/import/long_format.rs), for the 100k-row benchmark. Same seed, same file.
// Usage: node scripts/gen-synthetic.mjs [count] [out.csv]
import { writeFileSync } from 'node:fs';

const count = Number(process.argv[2] ?? 100000);
const out = process.argv[3] ?? 'target/synthetic-100k.csv';
let seed = 20221129;
const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const COLUMNS = ['project_id', 'kind', 'name_zh', 'name_en', 'district_id', 'district_zh', 'district_en', 'sector_code',
  'themes', 'stage', 'company_zh', 'company_en', 'summary_zh', 'summary_en', 'project_line', 'metric', 'part', 'item_zh',
  'item_en', 'period', 'value', 'unit', 'printed', 'qualifier', 'line'];
const DISTRICTS = Array.from({ length: 12 }, (_, i) => [`d${String(i + 1).padStart(2, '0')}`, `合成区${i + 1}`, `District ${i + 1}`]);
const SECTORS = ['A', 'B', 'C', 'C', 'C', 'D', 'D', 'E', 'F', 'I', 'N', 'P', 'Q'];
const THEMES = ['new-energy', 'wind', 'aluminium', 'biopharma', 'battery', 'dairy', 'public-service', 'ecology'];
const STAGES = ['planned', 'under-construction', 'in-production', ''];

const lines = ['# release: synthetic-1', '# region_zh: 合成地区', '# region_en: Synthetic region', COLUMNS.join(',')];
for (let i = 1; i <= count; i += 1) {
  const [did, dzh, den] = pick(DISTRICTS);
  // Investment in whole 百万元 (CNY m): printed as 亿元 with up to two decimals, exact in yuan.
  const millions = 1 + Math.floor(rand() * 50000);
  const printed = `${(millions / 100).toString()}亿元`;
  const themes = rand() < 0.7 ? [pick(THEMES)] : [];
  lines.push([
    `p${i}`, rand() < 0.1 ? 'highlight' : 'mentioned', `合成项目${i}`, `Synthetic project ${i}`, did, dzh, den,
    pick(SECTORS), themes.join(';'), pick(STAGES), '', '', '合成数据', 'synthetic row', '1',
    'investment', '', '', '', 'once', String(millions * 1000000), 'yuan', printed, '', '1',
  ].join(','));
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${count} projects to ${out}`);
