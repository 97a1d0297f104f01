// Generates icon.png (512x512 RGBA) without any image tools: a page with a
// highlighted margin and coded text lines. Run: node resources/icons/generate-icon.mjs
// electron-builder derives the Windows .ico and Linux sizes from this PNG.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZE = 512;
const px = new Uint8Array(SIZE * SIZE * 4); // transparent

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];
const TEAL = hex("#1f5f5b");
const PAGE = hex("#fbfaf6");
const MARGIN = hex("#f2b84b");
const INK = hex("#9aa7a6");
const CODE = hex("#d9534f");

/** Filled rounded rectangle with 4x4 supersampled edges. */
function roundRect(x0, y0, x1, y1, r, [cr, cg, cb]) {
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px_ = x + (sx + 0.5) / 4;
          const py_ = y + (sy + 0.5) / 4;
          const dx = Math.max(x0 + r - px_, 0, px_ - (x1 - r));
          const dy = Math.max(y0 + r - py_, 0, py_ - (y1 - r));
          if (px_ >= x0 && px_ <= x1 && py_ >= y0 && py_ <= y1 && dx * dx + dy * dy <= r * r) hits++;
        }
      }
      if (hits === 0) continue;
      const a = hits / 16;
      const i = (y * SIZE + x) * 4;
      const da = px[i + 3] / 255;
      const oa = a + da * (1 - a);
      px[i] = Math.round((cr * a + px[i] * da * (1 - a)) / oa);
      px[i + 1] = Math.round((cg * a + px[i + 1] * da * (1 - a)) / oa);
      px[i + 2] = Math.round((cb * a + px[i + 2] * da * (1 - a)) / oa);
      px[i + 3] = Math.round(oa * 255);
    }
  }
}

roundRect(16, 16, 496, 496, 96, TEAL); // app tile
roundRect(112, 80, 400, 432, 24, PAGE); // the page
roundRect(136, 104, 176, 408, 12, MARGIN); // the margin
const lines = [150, 194, 238, 282, 326, 370];
lines.forEach((y, n) => roundRect(200, y, n % 3 === 2 ? 320 : 372, y + 16, 8, n === 1 || n === 4 ? CODE : INK));

// PNG encoding: signature, IHDR, IDAT (filter 0 per row), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "icon.png");
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
