/**
 * The dashboard's initial JavaScript, gzipped: the Vite manifest's entry chunk plus
 * every chunk it imports statically, transitively — what the browser must fetch before the app
 * runs. Dynamic imports load later and are not counted. zlib's default level, as Vite reports it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

export type WebBundleSize = { kb: number; files: string[] } | { skipped: string };

export function measureWebInitialJs(webDist: string): WebBundleSize {
  const manifestPath = join(webDist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) {
    return { skipped: `no ${manifestPath} (build the web app with \`pnpm build\` to measure it)` };
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry === true);
  if (entries.length === 0) return { skipped: `${manifestPath} has no entry chunk` };

  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  entries.forEach(visit);

  const files = [...seen]
    .map((key) => manifest[key]?.file)
    .filter((file) => file?.endsWith('.js') === true) as string[];
  const bytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(webDist, file))).length,
    0,
  );
  return { kb: Math.round((bytes / 1024) * 10) / 10, files };
}
