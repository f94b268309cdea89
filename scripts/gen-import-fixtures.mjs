// Writes the import fixtures (tests/fixtures/import/) from one table, so no binary in the
// repository is made by hand: a city list as offices publish it, as xlsx (exceljs: merged
// title, two-row header with a merged group cell, numbers stored as text, a formula with
// its cached value, full-width digits), as xls and ods (SheetJS), as a GBK CSV (iconv-lite),
// plus a corrupt workbook and binary junk. Synthetic data, titled as such.
// Usage: node scripts/gen-import-fixtures.mjs [out-dir] [n: a big list of n projects instead | examples]
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

const out = process.argv[2] ?? 'tests/fixtures/import';
mkdirSync(out, { recursive: true });

export const TITLE = '示例市2023年重点项目计划表（合成数据）';
// Sections with their projects: [name, place, nature, content, years, total (万元), plan 2023, owner].
const SECTIONS = [
  ['一、能源项目（3个）', [
    ['示例旗200万千瓦风电项目', '示例旗', '新建', '风机及升压站', '2023-2025', 120000, 40000, '甲能源公司'],
    ['光伏治沙项目', '东区、西区', '续建', '光伏组件', '2022.3-2024.12', 85000.5, 30000, '乙新能源公司'],
    ['储能电站项目', '东区', '新建', '储能系统', '2023—2024年', 30000, 10000, '丙储能公司'],
  ]],
  ['二、工业项目（2个）', [
    ['玉米深加工项目', '西区', '续建', '年加工玉米', '2022-2023', 45000, 15000, '丁食品公司'],
    ['新材料产业园项目', '示例旗', '前期', '厂房及设备', '2024-2026', 60000, '—', '戊材料公司'],
  ]],
  ['三、社会事业项目（2个）', [
    ['第一中学扩建项目', '东区', '新建', '教学楼', '2023', 8000, 8000, '示例市教育局'],
    ['人民医院门诊楼项目', '西区', '续建', '门诊楼', '2022-2024', 15000, 6000, '示例市卫健委'],
  ]],
];
// The second section's subtotal is printed wrong: 100,000 for 105,000.
const WRONG_SUBTOTAL = { section: 1, total: 100000 };
const HEAD_TOP = ['序号', '项目名称', '建设地点', '建设性质', '建设规模及主要内容', '建设起止年限', '投资（万元）', '投资（万元）', '项目单位', '所属领域', '备注'];
const HEAD_SUB = ['序号', '项目名称', '建设地点', '建设性质', '建设规模及主要内容', '建设起止年限', '总投资', '2023年计划投资', '项目单位', '所属领域', '备注'];
// Each section's category, as the 所属领域 column prints it.
const CATEGORIES = ['能源', '工业', '社会事业'];

const sum = (rows, i) => rows.reduce((s, r) => s + (typeof r[i] === 'number' ? r[i] : 0), 0);

/** The list as rows of cells (arrays of values), as a CSV would hold it. */
export function table() {
  const rows = [[TITLE], ['', '', '', '', '', '', '', '', '单位：万元'], HEAD_SUB];
  const all = SECTIONS.flatMap(([, ps]) => ps);
  rows.push(['', '合计', '', '', '', '', sum(all, 5), sum(all, 6), '', '', '']);
  let n = 0;
  SECTIONS.forEach(([name, ps], s) => {
    rows.push([name]);
    for (const p of ps) rows.push([++n, ...p.slice(0, 7), p[7], CATEGORIES[s], '']);
    const total = s === WRONG_SUBTOTAL.section ? WRONG_SUBTOTAL.total : sum(ps, 5);
    rows.push(['', '小计', '', '', '', '', total, sum(ps, 6), '', '', '']);
  });
  rows.push(['注：本表为测试用合成数据，不是任何地区的真实项目。']);
  return rows;
}

function csvCell(v) {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function xlsx() {
  const wb = new ExcelJS.Workbook();
  // A notes sheet first: the importer must pick the first sheet with a header.
  const notes = wb.addWorksheet('说明');
  notes.addRow(['本工作簿为测试用合成数据。']);
  const ws = wb.addWorksheet('2023年计划');
  const width = HEAD_TOP.length;
  ws.addRow([TITLE]);
  ws.mergeCells(1, 1, 1, width);
  ws.addRow(['', '', '', '', '', '', '', '', '单位：万元']);
  ws.addRow(HEAD_TOP);
  ws.addRow(HEAD_SUB);
  // Two-row header: the group cell merged across, the others merged down.
  ws.mergeCells(3, 7, 3, 8);
  for (const c of [1, 2, 3, 4, 5, 6, 9, 10, 11]) ws.mergeCells(3, c, 4, c);
  const all = SECTIONS.flatMap(([, ps]) => ps);
  ws.addRow(['', '合计', '', '', '', '', sum(all, 5), sum(all, 6)]);
  let n = 0;
  SECTIONS.forEach(([name, ps], s) => {
    const r = ws.addRow([name]);
    ws.mergeCells(r.number, 1, r.number, width);
    const first = ws.rowCount + 1;
    ps.forEach((p, k) => {
      const cells = [++n, ...p.slice(0, 7), p[7], CATEGORIES[s], ''];
      // Numbers stored as text, and full-width digits, as lists typed by hand have them.
      if (s === 0 && k === 0) cells[6] = '120,000';
      if (s === 2 && k === 0) cells[6] = '８０００';
      ws.addRow(cells);
    });
    const last = ws.rowCount;
    const total = s === WRONG_SUBTOTAL.section ? WRONG_SUBTOTAL.total : sum(ps, 5);
    // A formula with its cached value, as Excel saves it.
    ws.addRow(['', '小计', '', '', '', '', s === WRONG_SUBTOTAL.section ? total : { formula: `SUM(G${first}:G${last})`, result: total }, sum(ps, 6)]);
  });
  ws.addRow(['注：本表为测试用合成数据，不是任何地区的真实项目。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** SheetJS pretty-prints content.xml with whitespace between table cells, which calamine
 * 0.38 rejects (LibreOffice writes none): drop it, keeping `mimetype` first and stored. */
async function compactOds(bytes) {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  out.file('mimetype', await zip.file('mimetype').async('string'), { compression: 'STORE' });
  for (const name of Object.keys(zip.files)) {
    if (name === 'mimetype' || zip.files[name].dir) continue;
    let text = await zip.file(name).async('string');
    if (name.endsWith('.xml')) text = text.replace(/>\s+</g, '><');
    out.file(name, text);
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A synthetic list of `n` projects in 10 sections (for the benchmark): rows of cells. */
export function bigTable(n) {
  const rows = [[`合成市${n}个项目计划表（合成数据）`], ['', '', '', '', '', '', '', '', '单位：万元'], HEAD_SUB];
  const places = ['东区', '西区', '南区', '北区', '示例旗', '示例县'];
  const natures = ['新建', '续建', '前期'];
  for (let s = 0; s < 10; s += 1) {
    rows.push([`${'一二三四五六七八九十'[s]}、第${s + 1}类项目`]);
    for (let k = 0; k < n / 10; k += 1) {
      const i = s * (n / 10) + k;
      rows.push([i + 1, `合成项目${i + 1}号`, places[i % 6], natures[i % 3], '建设内容', `${2022 + (i % 3)}-${2025 + (i % 2)}`, 1000 + (i * 37) % 90000, 100 + (i * 13) % 9000, `合成公司${i % 97}`, CATEGORIES[s % 3], '']);
    }
  }
  return rows;
}

export async function writeBig(n, dir) {
  const rows = bigTable(n);
  const csv = rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  writeFileSync(join(dir, `big-${n}-gbk.csv`), iconv.encode(csv, 'gbk'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('计划');
  for (const r of rows) ws.addRow(r);
  writeFileSync(join(dir, `big-${n}.xlsx`), Buffer.from(await wb.xlsx.writeBuffer()));
}

/** The example published lists: a synthetic city's 2023 list of 2,000 projects, and its
 * 2024 list, in which every 20th project is gone, 100 are new and every 7th amount moved,
 * so the changes view has all three kinds. Titled as synthetic, so nobody takes it for real. */
export function exampleTable(year) {
  const rows = [[`合成市${year}年重点项目计划表（合成数据，非真实项目）`], ['', '', '', '', '', '', '', '', '单位：万元'],
    HEAD_SUB.map((h) => h.replace('2023', String(year)))];
  const places = ['东区', '西区', '南区', '北区', '示例旗', '示例县'];
  const natures = ['新建', '续建', '前期'];
  const later = year > 2023;
  for (let s = 0; s < 10; s += 1) {
    rows.push([`${'一二三四五六七八九十'[s]}、第${s + 1}类项目`]);
    const ids = [];
    for (let k = 0; k < 200; k += 1) ids.push(s * 200 + k);
    if (later) for (let k = 0; k < 10; k += 1) ids.push(2000 + s * 10 + k);
    let no = 0;
    for (const i of ids) {
      if (later && i < 2000 && i % 20 === 0) continue;
      const base = 1000 + (i * 37) % 90000;
      const total = later && i % 7 === 0 ? Math.round(base * 1.1) : base;
      no += 1;
      rows.push([no, `合成项目${i + 1}号`, places[i % 6], natures[i % 3], '建设内容', `${2022 + (i % 3)}-${2025 + (i % 2)}`, total, 100 + (i * 13) % 9000, `合成公司${i % 97}`, CATEGORIES[s % 3], '']);
    }
  }
  return rows;
}

export async function writeExamples(dir) {
  mkdirSync(dir, { recursive: true });
  for (const year of [2023, 2024]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(`${year}年计划`);
    for (const r of exampleTable(year)) ws.addRow(r);
    writeFileSync(join(dir, `synthetic-city-${year}.xlsx`), Buffer.from(await wb.xlsx.writeBuffer()));
  }
}

export async function write() {
  const rows = table();
  const csv = rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  writeFileSync(join(out, 'city-2023-gbk.csv'), iconv.encode(csv, 'gbk'));
  const book = await xlsx();
  writeFileSync(join(out, 'city-2023.xlsx'), book);
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 10 } }];
  for (const [type, ext] of [['biff8', 'xls'], ['ods', 'ods']]) {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, '2023年计划');
    let bytes = XLSX.write(wb, { type: 'buffer', bookType: type });
    if (ext === 'ods') bytes = await compactOds(bytes);
    writeFileSync(join(out, `city-2023.${ext}`), bytes);
  }
  // A workbook cut in half, and bytes that are no text, each renamed as a list would be.
  writeFileSync(join(out, 'corrupt.xlsx'), book.subarray(0, Math.floor(book.length / 2)));
  let x = 12345;
  const junk = Buffer.alloc(4096, 0).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24));
  writeFileSync(join(out, 'junk.csv'), junk);
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[3] === 'examples') {
  await writeExamples(out);
  console.log(`example lists written to ${out}`);
} else if (import.meta.url === `file://${process.argv[1]}` && process.argv[3]) {
  await writeBig(Number(process.argv[3]), out);
  console.log(`big list of ${process.argv[3]} written to ${out}`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  await write();
  console.log(`import fixtures written to ${out}`);
}
