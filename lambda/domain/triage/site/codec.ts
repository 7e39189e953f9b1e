/**
 * The site model as bytes for one DynamoDB item: a JSON header (counts, biases,
 * evidence) and the two heads' weights and step sizes, 16 bits each on a log
 * scale (quantise.ts), deflated: 256 KB raw at SITE_BITS 15 (4 bytes per slot
 * per head), which deflating cannot grow past the 300 KB kept free of
 * DynamoDB's 400 KB item; only numbers and source names, never text.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Head, HEADS, SITE_BITS, SITE_FORMAT, type SiteHead, type SiteModel } from './model';
import { widenTable } from './evidence';
import { packSquare, packWeight, unpackSquare, unpackWeight } from './quantise';

const MAGIC = 0x54534d31; // "TSM1"
/** Format 1 kept weights as float32 at 12 bits; its sites still decode, widened (see widen). */
const FLOAT_WEIGHTS_FORMAT = 1;
const bytesPerSlot = (format: number) => (format === FLOAT_WEIGHTS_FORMAT ? 6 : 4);

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
  const raw = Buffer.alloc(8 + json.length + HEADS.length * size * bytesPerSlot(SITE_FORMAT));
  raw.writeUInt32LE(MAGIC, 0);
  raw.writeUInt32LE(json.length, 4);
  json.copy(raw, 8);
  let at = 8 + json.length;
  for (const head of HEADS) {
    for (const w of site[head].weights) at = raw.writeUInt16LE(packWeight(w), at);
    for (const g of site[head].squares) at = raw.writeUInt16LE(packSquare(g), at);
  }
  return new Uint8Array(deflateRawSync(raw, { level: 6 }));
}

/**
 * A head stored in fewer bits, spread over the full space: slot i takes slot
 * (i mod the old size), which is what the smaller head read for every feature
 * folded there, so the site scores exactly as before and gains room to learn.
 */
function widen(head: SiteHead): SiteHead {
  const size = 2 ** SITE_BITS;
  if (head.weights.length >= size) return head;
  const mask = head.weights.length - 1;
  const weights = new Float32Array(size);
  const squares = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    weights[i] = head.weights[i & mask]!;
    squares[i] = head.squares[i & mask]!;
  }
  return { ...head, weights, squares };
}

export function decodeSiteModel(bytes: Uint8Array): SiteModel {
  const raw = inflateRawSync(bytes);
  if (raw.length < 8 || raw.readUInt32LE(0) !== MAGIC) throw new Error('not a site model');
  const length = raw.readUInt32LE(4);
  const header = JSON.parse(raw.subarray(8, 8 + length).toString('utf8')) as Header;
  if (header.format !== SITE_FORMAT && header.format !== FLOAT_WEIGHTS_FORMAT) {
    throw new Error(`site model format ${header.format} is not ${SITE_FORMAT}`);
  }
  const size = 2 ** header.bits;
  if (raw.length !== 8 + length + HEADS.length * size * bytesPerSlot(header.format)) throw new Error('site model bytes are truncated');
  let at = 8 + length;
  const heads = {} as Record<Head, SiteHead>;
  for (const head of HEADS) {
    // Copies into aligned buffers; Lambda's x86 and Arm are both little-endian, as the writer.
    const weights =
      header.format === FLOAT_WEIGHTS_FORMAT
        ? new Float32Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + size * 4))
        : Float32Array.from(new Uint16Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + size * 2)), unpackWeight);
    at += size * (header.format === FLOAT_WEIGHTS_FORMAT ? 4 : 2);
    const packed = new Uint16Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + size * 2));
    at += size * 2;
    const squares = Float32Array.from(packed, unpackSquare);
    heads[head] = widen({ weights, squares, bias: header.bias[head], biasSquares: header.biasSquares[head] });
  }
  return {
    format: SITE_FORMAT,
    bits: Math.max(header.bits, SITE_BITS),
    remove: heads.remove,
    spam: heads.spam,
    evidence: Object.fromEntries(Object.entries(header.evidence).map(([k, counts]) => [k, widenTable(counts)])),
    examples: header.examples,
    byOrigin: header.byOrigin,
    updates: header.updates,
  };
}
