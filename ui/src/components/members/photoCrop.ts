// The member photo: any image the webview can decode, cropped to 2:3 (the 一寸 box of a member form)
// and stored as a small JPEG data URL (what the record keeps: members.photo, at most 2 MB; ours are
// ~30 KB). The crop is done by the webview's own canvas: a frame of fixed ratio over the picture,
// moved by dragging and sized by a slider, needs no library.

/** The stored photo: 2:3, 300 × 450 px (一寸 at about 300 dpi is 295 × 413; 2:3 is the form's box). */
export const PHOTO_W = 300
export const PHOTO_H = 450
/** Larger files are refused before they are read (a phone photo is 2–6 MB). */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024

/** Why a chosen file cannot be a photo, in Chinese; null when it may be one. */
export function photoFileProblem(file: { name: string; type: string; size: number }): string | null {
  const isImage = file.type ? file.type.startsWith('image/') : /\.(png|jpe?g|bmp|gif|webp)$/i.test(file.name)
  if (!isImage) return `“${file.name}”不是图片，请选择 JPG 或 PNG 格式的照片`
  if (file.size > MAX_PHOTO_BYTES) {
    return `“${file.name}”太大（${(file.size / 1024 / 1024).toFixed(1)} MB），照片请小于 15 MB`
  }
  return null
}

/** Where the picture sits under the frame: its scale and its top-left corner, in frame pixels. */
export interface Placement {
  scale: number
  x: number
  y: number
}

/** The smallest scale at which the picture covers a frame of `fw` × `fh`. */
export function coverScale(iw: number, ih: number, fw: number, fh: number): number {
  return Math.max(fw / iw, fh / ih)
}

/** Keep the frame covered: the picture's edges never inside the frame. */
export function clampPlacement(p: Placement, iw: number, ih: number, fw: number, fh: number): Placement {
  const scale = Math.max(p.scale, coverScale(iw, ih, fw, fh))
  const w = iw * scale
  const h = ih * scale
  return { scale, x: Math.min(0, Math.max(fw - w, p.x)), y: Math.min(0, Math.max(fh - h, p.y)) }
}

/** The first placement: the picture covering the frame, centred across and a little above centre
 * down (a face sits in the upper part of a portrait). */
export function initialPlacement(iw: number, ih: number, fw: number, fh: number): Placement {
  const scale = coverScale(iw, ih, fw, fh)
  const w = iw * scale
  const h = ih * scale
  return clampPlacement({ scale, x: (fw - w) / 2, y: (fh - h) * 0.3 }, iw, ih, fw, fh)
}

/** Zoom about the frame's centre to `factor` × the cover scale. */
export function zoomTo(p: Placement, factor: number, iw: number, ih: number, fw: number, fh: number): Placement {
  const scale = coverScale(iw, ih, fw, fh) * factor
  const cx = (fw / 2 - p.x) / p.scale
  const cy = (fh / 2 - p.y) / p.scale
  return clampPlacement({ scale, x: fw / 2 - cx * scale, y: fh / 2 - cy * scale }, iw, ih, fw, fh)
}

/** The part of the picture (in its own pixels) the frame shows: what is kept. */
export function sourceRect(p: Placement, fw: number, fh: number): { sx: number; sy: number; sw: number; sh: number } {
  return { sx: -p.x / p.scale, sy: -p.y / p.scale, sw: fw / p.scale, sh: fh / p.scale }
}
