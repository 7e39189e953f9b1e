/**
 * The site model as bytes for one DynamoDB item: a JSON header (counts, biases,
 * evidence) and the two heads' weights (float32) and step sizes (uint16 on a
 * log scale), deflated: 48 KB raw at SITE_BITS 12 (6 bytes per slot per head), less deflated; only
 * numbers and source names, never text.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Head, HEADS, SITE_FORMAT, type SiteHead, type SiteModel } from './model';

const MAGIC = 0x54534d31; // "TSM1"
const LOG_SCALE = 2048;
const ZERO_OFFSET = 32768;

/** sqrt of a squares sum to 16 bits: 0 is zero; otherwise log2 steps of 1/2048 (0.03 % apart). */
function packSquare(g: number): number {
  if (!(g > 0)) return 0;
  const q = Math.round(Math.log2(Math.sqrt(g)) * LOG_SCALE) + ZERO_OFFSET;
  return Math.min(Math.max(q, 1), 65535);
}

function unpackSquare(q: number): number {
  if (q === 0) return 0;
  const root = 2 ** ((q - ZERO_OFFSET) / LOG_SCALE);
  return root * root;
}

interface Header {
  format: number;
  bits: number;
  bias: Record<Head, number>;
  biasSquares: Record<Head, number>;
  examples: SiteModel['examples'];
  byOrigin: SiteModel['byOrigin'];
  updates: number;
  evidence: Record<string, number[]>;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function encodeSiteModel(site: SiteModel): Uint8Array {
  const header: Header = {
    format: site.format,
    bits: site.bits,
    bias: { remove: site.remove.bias, spam: site.spam.bias },
    biasSquares: { remove: site.remove.biasSquares, spam: site.spam.biasSquares },
    examples: site.examples,
    byOrigin: site.byOrigin,
    updates: site.updates,
    evidence: Object.fromEntries(Object.entries(site.evidence).map(([k, t]) => [k, t.counts.map(round6)])),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const size = 2 ** site.bits;
  const raw = Buffer.alloc(8 + json.length + HEADS.length * size * 6);
  raw.writeUInt32LE(MAGIC, 0);
  raw.writeUInt32LE(json.length, 4);
  json.copy(raw, 8);
  let at = 8 + json.length;
  for (const head of HEADS) {
    for (const w of site[head].weights) at = raw.writeFloatLE(w, at);
    for (const g of site[head].squares) at = raw.writeUInt16LE(packSquare(g), at);
  }
  return new Uint8Array(deflateRawSync(raw, { level: 6 }));
}

export function decodeSiteModel(bytes: Uint8Array): SiteModel {
  const raw = inflateRawSync(bytes);
  if (raw.length < 8 || raw.readUInt32LE(0) !== MAGIC) throw new Error('not a site model');
  const length = raw.readUInt32LE(4);
  const header = JSON.parse(raw.subarray(8, 8 + length).toString('utf8')) as Header;
  if (header.format !== SITE_FORMAT) throw new Error(`site model format ${header.format} is not ${SITE_FORMAT}`);
  const size = 2 ** header.bits;
  if (raw.length !== 8 + length + HEADS.length * size * 6) throw new Error('site model bytes are truncated');
  let at = 8 + length;
  const heads = {} as Record<Head, SiteHead>;
  for (const head of HEADS) {
    // Copies into aligned buffers; Lambda's x86 and Arm are both little-endian, as the writer.
    const weights = new Float32Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + size * 4));
    at += size * 4;
    const packed = new Uint16Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + size * 2));
    at += size * 2;
    const squares = Float32Array.from(packed, unpackSquare);
    heads[head] = { weights, squares, bias: header.bias[head], biasSquares: header.biasSquares[head] };
  }
  return {
    format: header.format,
    bits: header.bits,
    remove: heads.remove,
    spam: heads.spam,
    evidence: Object.fromEntries(Object.entries(header.evidence).map(([k, counts]) => [k, { counts }])),
    examples: header.examples,
    byOrigin: header.byOrigin,
    updates: header.updates,
  };
}
