// A minimal WebAssembly binary reader: section sizes, function body sizes and, when a "name"
// section is present, the largest functions by name. Enough to say where a .wasm's bytes go.

const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];

function reader(buf) {
  let pos = 0;
  const u32 = () => {
    let result = 0, shift = 0, b;
    do {
      b = buf[pos++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return result;
  };
  const str = () => {
    const n = u32();
    const s = new TextDecoder().decode(buf.subarray(pos, pos + n));
    pos += n;
    return s;
  };
  return { u32, str, get pos() { return pos; }, set pos(p) { pos = p; } };
}

/** { sections: [{ name, bytes }], functions: [{ index, bytes, name? }], importedFunctions } */
export function analyzeWasm(buf) {
  const r = reader(buf);
  r.pos = 8;
  const sections = [];
  const exportsByIndex = new Map();
  let codeStart = -1, codeEnd = -1, nameStart = -1, nameEnd = -1, importedFunctions = 0;
  while (r.pos < buf.length) {
    const id = buf[r.pos];
    r.pos += 1;
    const size = r.u32();
    const start = r.pos;
    let name = SECTION[id] ?? `id${id}`;
    if (id === 0) {
      const custom = r.str();
      name = `custom "${custom}"`;
      if (custom === "name") {
        nameStart = r.pos;
        nameEnd = start + size;
      }
    } else if (id === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        r.str();
        r.str();
        const kind = buf[r.pos++];
        if (kind === 0) {
          r.u32();
          importedFunctions++;
        } else if (kind === 1) {
          r.pos += 1;
          const flags = r.u32();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 2) {
          const flags = r.u32();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 3) {
          r.pos += 2;
        } else if (kind === 4) {
          r.pos += 1;
          r.u32();
        }
      }
    } else if (id === 7) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const name = r.str();
        const kind = buf[r.pos++];
        const idx = r.u32();
        if (kind === 0) exportsByIndex.set(idx, name);
      }
    } else if (id === 10) {
      codeStart = start;
      codeEnd = start + size;
    }
    sections.push({ name, bytes: size });
    r.pos = start + size;
  }
  const functions = [];
  if (codeStart >= 0) {
    r.pos = codeStart;
    const n = r.u32();
    for (let i = 0; i < n; i++) {
      const size = r.u32();
      functions.push({ index: importedFunctions + i, bytes: size, export: exportsByIndex.get(importedFunctions + i) });
      r.pos += size;
    }
  }
  if (nameStart >= 0) {
    r.pos = nameStart;
    const byIndex = new Map();
    while (r.pos < nameEnd) {
      const sub = buf[r.pos];
      r.pos += 1;
      const size = r.u32();
      const end = r.pos + size;
      if (sub === 1) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const idx = r.u32();
          byIndex.set(idx, r.str());
        }
      }
      r.pos = end;
    }
    for (const f of functions) f.name = byIndex.get(f.index);
  }
  return { sections, functions, importedFunctions, codeBytes: codeEnd - codeStart };
}

