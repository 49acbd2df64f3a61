// One font, shipped as an npm package, for layout and rasterizing alike: a CI machine may have no
// system fonts at all, and a PNG must look the same on every machine.
import { createRequire } from 'node:module';

export const FONT_FAMILY = 'DejaVu Sans';

const require = createRequire(import.meta.url);

/** Regular for labels; Bold too, so that bold titles are drawn bold rather than in Regular. */
export const FONT_FILES: readonly string[] = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];
