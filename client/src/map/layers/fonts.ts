/**
 * deck.gl draws text from locally installed fonts into its own atlas (no glyph server), so the
 * list names CJK fonts found on Linux, Windows and macOS control-room machines.
 */
export const CJK_FONT_FAMILY =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** SDF atlas so labels can carry an outline that keeps them readable over any colour. */
export const LABEL_FONT_SETTINGS = { sdf: true, fontSize: 64, buffer: 6, radius: 12 } as const;
