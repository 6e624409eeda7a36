/** What a directory occupies on disk, as `du` counts it: allocated blocks, not file lengths. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function diskBytes(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.blocks * 512;
  const entries = await readdir(path);
  let total = info.blocks * 512;
  for (const entry of entries) total += await diskBytes(join(path, entry));
  return total;
}

export function toMb(bytes: number): number {
  return Math.round((bytes / 1024 ** 2) * 10) / 10;
}
