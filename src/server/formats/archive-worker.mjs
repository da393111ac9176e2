// The part of reading an untrusted archive that inflates it, in a worker thread with a memory limit
// (formats/archive-inflate.ts starts it): a bomb that slips past the central-directory caps
// exhausts this worker, never the server. Plain JavaScript, so that it runs as it is under tsx,
// vitest and a built install alike. One job per worker:
//   measure: inflate each entry, counting bytes and never writing past its declared size; return
//            the real sizes, the first bytes (to find archives and executables hidden inside) and
//            the text of the small XML parts asked for.
//   sheet:   stream the first worksheet row by row (sheet 1 only), keep the first columns of at most
//            rowCap rows, then stream the shared strings and keep only those the rows refer to.
//   rows:    for files of any length (imports): stream the shared strings first, then sheet 1 row by
//            row, posting the rows to the parent a batch at a time, so that the worker holds one
//            batch and the strings, whatever the number of rows.
import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';

const fail = (zh) => { const e = new Error(zh); e.zh = zh; return e; };

/** Inflates `data` (method 0 or 8), calling onChunk(buffer) for each piece; stops when onChunk returns false. */
function inflate(entry, onChunk) {
  return new Promise((resolve, reject) => {
    let total = 0;
    let crc = 0;
    let stopped = false;
    const take = (chunk) => {
      total += chunk.length;
      if (total > entry.declared) { stopped = true; reject(fail(`“${entry.name}”解压后超过其声明的大小（疑似压缩炸弹）`)); return false; }
      crc = zlib.crc32(chunk, crc);
      let more;
      try { more = onChunk(chunk); } catch (e) { stopped = true; reject(e); return false; }
      if (more === false) { stopped = true; resolve({ total, complete: false }); return false; }
      return true;
    };
    const done = () => {
      if (stopped) return;
      if (total !== entry.declared) reject(fail(`“${entry.name}”解压后的大小与声明不符`));
      else if ((crc >>> 0) !== (entry.crc32 >>> 0)) reject(fail(`“${entry.name}”校验值不符`));
      else resolve({ total, complete: true });
    };
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    if (entry.method === 0) {
      for (let at = 0; at < data.length && !stopped; at += 65_536) if (!take(data.subarray(at, at + 65_536))) return;
      done();
      return;
    }
    const z = zlib.createInflateRaw({ chunkSize: 65_536 });
    z.on('data', (chunk) => { if (!stopped && !take(chunk)) z.destroy(); });
    z.on('error', () => { if (!stopped) { stopped = true; reject(fail(`“${entry.name}”的压缩数据已损坏`)); } });
    z.on('end', done);
    z.end(data);
  });
}

async function measure(job) {
  const out = [];
  for (const entry of job.entries) {
    const head = [];
    let headLen = 0;
    const text = [];
    let textLen = 0;
    const r = await inflate(entry, (chunk) => {
      if (headLen < 16) { head.push(chunk.subarray(0, 16 - headLen)); headLen += Math.min(chunk.length, 16 - headLen); }
      if (entry.keepText) {
        textLen += chunk.length;
        if (textLen > job.maxTextBytes) throw fail(`“${entry.name}”过大`);
        text.push(chunk);
      }
      return true;
    });
    out.push({ name: entry.name, size: r.total, head: Buffer.concat(head), text: entry.keepText ? Buffer.concat(text).toString('utf8') : null });
  }
  return out;
}

const ENTITY = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** XML text with its five entities and character references resolved; nothing else is expanded. */
function unescapeXml(s) {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (m, e) => {
    if (e[0] !== '#') return ENTITY[e];
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
  });
}
const textOf = (xml) => {
  let s = '';
  // Phonetic runs (<rPh>) are readings shown above the text, not part of it.
  const plain = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  for (const m of plain.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += m[1];
  return unescapeXml(s);
};
const columnIndex = (ref) => {
  const m = /^([A-Z]{1,3})/.exec(ref ?? '');
  if (!m) return -1;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

/** Streams a part as text, handing each complete element named `tag` to onElement; returns false from it to stop. */
async function elements(entry, tag, maxElementBytes, onElement) {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b`, 'g');
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  let stop = false;
  const scan = () => {
    for (;;) {
      open.lastIndex = 0;
      const start = open.exec(buf);
      if (!start) { if (buf.length > maxElementBytes) buf = buf.slice(-64); return true; }
      const gt = buf.indexOf('>', start.index);
      if (gt < 0) break;
      let end;
      if (buf[gt - 1] === '/') end = gt + 1;
      else {
        const close = new RegExp(`</(?:\\w+:)?${tag}>`, 'g');
        close.lastIndex = gt;
        const m = close.exec(buf);
        if (!m) break;
        end = m.index + m[0].length;
      }
      if (onElement(buf.slice(start.index, end)) === false) { stop = true; return false; }
      buf = buf.slice(end);
    }
    if (buf.length > maxElementBytes) throw fail(`“${entry.name}”中有过长的元素`);
    return true;
  };
  await inflate(entry, (chunk) => {
    buf += decoder.decode(chunk, { stream: true });
    return scan();
  });
  if (!stop) { buf += decoder.decode(); scan(); }
}

/** The first `columns` cells of a <row> element, each { text } or { shared: index } or null; and its row number. */
function rowCells(xml, columns, previous) {
  const r = /^<(?:\w+:)?row\b[^>]*?\sr="(\d+)"/.exec(xml);
  const rowNo = r ? Number(r[1]) : previous + 1;
  const cells = new Array(columns).fill(null);
  let position = -1;
  for (const m of xml.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
    position++;
    const attrs = m[1];
    const ref = /\sr="([A-Z]{1,3}\d+)"/.exec(attrs)?.[1];
    const col = ref ? columnIndex(ref) : position;
    if (col < 0 || col >= columns) continue;
    const type = /\st="(\w+)"/.exec(attrs)?.[1] ?? 'n';
    const body = m[2] ?? '';
    if (type === 'inlineStr') cells[col] = { text: textOf(body) };
    else {
      const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      if (v === undefined) continue;
      cells[col] = type === 's' ? { shared: Number(v) } : { text: unescapeXml(v) };
    }
  }
  return { rowNo, cells };
}

async function sheet(job) {
  const rows = [];
  let tooManyRows = false;
  let rowNo = 0;
  await elements(job.sheet, 'row', job.maxRowBytes, (xml) => {
    const parsed = rowCells(xml, job.columns, rowNo);
    rowNo = parsed.rowNo;
    const cells = parsed.cells;
    // Rows with nothing in the columns read (formatting only) are neither kept nor counted.
    if (cells.every((c) => c === null)) return true;
    if (rows.length >= job.rowCap + 1) { tooManyRows = true; return false; } // the header and rowCap rows
    rows.push({ row: rowNo, cells });
    return true;
  });
  const wanted = new Set(rows.flatMap((r) => r.cells.filter((c) => c && c.shared !== undefined).map((c) => c.shared)));
  const strings = new Map();
  if (wanted.size > 0) {
    if (!job.sharedStrings) throw fail('工作表引用了共享字符串，但文件中没有共享字符串表');
    let index = -1;
    let last = -1;
    for (const w of wanted) if (w > last) last = w;
    await elements(job.sharedStrings, 'si', job.maxRowBytes, (xml) => {
      index++;
      if (wanted.has(index)) strings.set(index, textOf(xml));
      return index < last;
    });
  }
  return {
    tooManyRows,
    rows: rows.map((r) => ({ row: r.row, cells: r.cells.map((c) => (c === null ? '' : c.shared !== undefined ? strings.get(c.shared) ?? '' : c.text)) })),
  };
}

async function streamRows(job) {
  const strings = [];
  if (job.sharedStrings) await elements(job.sharedStrings, 'si', job.maxRowBytes, (xml) => { strings.push(textOf(xml)); return true; });
  let batch = [];
  let count = 0;
  let tooManyRows = false;
  let rowNo = 0;
  await elements(job.sheet, 'row', job.maxRowBytes, (xml) => {
    const parsed = rowCells(xml, job.columns, rowNo);
    rowNo = parsed.rowNo;
    if (parsed.cells.every((c) => c === null)) return true;
    if (count >= job.rowCap + 1) { tooManyRows = true; return false; }
    count++;
    batch.push({ row: rowNo, cells: parsed.cells.map((c) => {
      if (c === null) return '';
      if (c.shared === undefined) return c.text;
      if (!(c.shared >= 0 && c.shared < strings.length)) throw fail('工作表引用了不存在的共享字符串');
      return strings[c.shared];
    }) });
    if (batch.length >= job.batchRows) { parentPort.postMessage({ batch }); batch = []; }
    return true;
  });
  if (batch.length) parentPort.postMessage({ batch });
  return { tooManyRows, rows: count };
}

const job = workerData;
(job.kind === 'measure' ? measure(job) : job.kind === 'rows' ? streamRows(job) : sheet(job)).then(
  (result) => parentPort.postMessage({ ok: true, result }),
  (err) => parentPort.postMessage({ ok: false, zh: err && err.zh ? err.zh : '文件内容无法读取' }),
);
