/** The scaling chart: comments in the table (log scale) against the read units of one page, as an SVG. */
import type { ScalingResult } from './scaling';

interface Series {
  name: string;
  color: string;
  points: { x: number; y: number }[];
}

const W = 720;
const H = 380;
const M = { left: 64, right: 24, top: 48, bottom: 56 };

export function scalingChart(scaling: ScalingResult): string {
  const last = scaling.rows[scaling.rows.length - 1]!;
  const series: Series[] = [
    {
      name: `Queue page of ${scaling.pageSize}: one Query (${last.queuePage.scannedCount} scanned) + BatchGetItem of the emails`,
      color: '#c2410c',
      points: scaling.rows.map((r) => ({ x: r.comments, y: r.queuePage.readUnits })),
    },
    {
      name: `Article page of ${scaling.pageSize}: one Query (${last.articlePage.scannedCount} scanned)`,
      color: '#1d4ed8',
      points: scaling.rows.map((r) => ({ x: r.comments, y: r.articlePage.readUnits })),
    },
  ];
  const xs = scaling.rows.map((r) => r.comments);
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const maxY = niceCeiling(Math.max(...series.flatMap((s) => s.points.map((p) => p.y))) * 1.15);
  const px = (x: number) =>
    M.left + ((Math.log10(x) - Math.log10(minX)) / Math.max(1e-9, Math.log10(maxX) - Math.log10(minX))) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (y / maxY) * (H - M.top - M.bottom);

  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">Read units per page as the table grows</text>`,
  );
  for (let i = 0; i <= 4; i++) {
    const y = (maxY / 4) * i;
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${M.left - 8}" y="${py(y) + 4}" text-anchor="end" font-size="12">${fmt(y)}</text>`);
  }
  for (const x of xs) {
    parts.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}" stroke="#6b7280"/>`);
    parts.push(`<text x="${px(x)}" y="${H - M.bottom + 20}" text-anchor="middle" font-size="12">${x >= 1000 ? `${x / 1000}k` : x}</text>`);
  }
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#6b7280"/>`);
  parts.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#6b7280"/>`);
  parts.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle" font-size="13">comments in the table (log scale)</text>`,
  );
  parts.push(
    `<text x="18" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${(M.top + H - M.bottom) / 2})">read units (RRU) per page</text>`,
  );
  series.forEach((s, i) => {
    const path = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    for (const p of s.points)
      parts.push(
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="${s.color}"><title>${p.x} comments: ${p.y} RRU</title></circle>`,
      );
    const end = s.points[s.points.length - 1]!;
    parts.push(
      `<text x="${px(end.x) - 6}" y="${py(end.y) - 10}" text-anchor="end" font-size="12" fill="${s.color}">${fmt(end.y)} RRU</text>`,
    );
    const ly = M.top + 4 + i * 18;
    parts.push(`<rect x="${M.left + 12}" y="${ly}" width="14" height="4" fill="${s.color}"/>`);
    parts.push(`<text x="${M.left + 32}" y="${ly + 6}" font-size="12">${escapeXml(s.name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif">\n${parts.join('\n')}\n</svg>\n`;
}

function niceCeiling(value: number): number {
  const step = 10 ** Math.floor(Math.log10(Math.max(value, 1e-9)));
  return Math.ceil(value / step) * step;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
