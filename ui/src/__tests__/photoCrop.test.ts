// The member photo's crop: the frame always covered, zoom about the centre, the kept rectangle 2:3,
// and the Chinese reasons a file is refused.
import { describe, expect, it } from 'vitest'
import {
  clampPlacement,
  coverScale,
  initialPlacement,
  photoFileProblem,
  PHOTO_H,
  PHOTO_W,
  sourceRect,
  zoomTo,
} from '../components/members/photoCrop'

const FW = 200
const FH = 300

describe('photo crop', () => {
  it('stores 2:3', () => {
    expect(PHOTO_W / PHOTO_H).toBeCloseTo(2 / 3)
  })

  it('covers the frame with a landscape phone picture, centred across, keeping a 2:3 part', () => {
    const p = initialPlacement(4000, 3000, FW, FH)
    expect(p.scale).toBeCloseTo(coverScale(4000, 3000, FW, FH))
    expect(p.scale).toBeCloseTo(0.1) // the height fills the frame
    const r = sourceRect(p, FW, FH)
    expect(r.sh).toBeCloseTo(3000)
    expect(r.sw / r.sh).toBeCloseTo(2 / 3)
    expect(r.sx).toBeCloseTo((4000 - 2000) / 2)
    expect(r.sy).toBeCloseTo(0)
  })

  it('puts a tall picture a little above centre (faces sit high)', () => {
    const p = initialPlacement(1000, 3000, FW, FH)
    const r = sourceRect(p, FW, FH)
    expect(r.sw).toBeCloseTo(1000)
    expect(r.sy).toBeGreaterThan(0)
    expect(r.sy).toBeLessThan((3000 - 1500) / 2)
  })

  it('never lets the picture leave the frame, whatever the drag or zoom', () => {
    const p = clampPlacement({ scale: 0.01, x: 500, y: -9999 }, 800, 1200, FW, FH)
    expect(p.scale).toBeCloseTo(coverScale(800, 1200, FW, FH))
    expect(p.x).toBe(0)
    expect(p.y).toBeCloseTo(FH - 1200 * p.scale)
    const r = sourceRect(p, FW, FH)
    expect(r.sx).toBeGreaterThanOrEqual(0)
    expect(r.sy + r.sh).toBeLessThanOrEqual(1200 + 1e-6)
  })

  it('zooms about the frame centre', () => {
    const p = initialPlacement(1200, 1800, FW, FH)
    const before = sourceRect(p, FW, FH)
    const z = zoomTo(p, 2, 1200, 1800, FW, FH)
    const after = sourceRect(z, FW, FH)
    expect(after.sw).toBeCloseTo(before.sw / 2)
    expect(after.sx + after.sw / 2).toBeCloseTo(before.sx + before.sw / 2)
    expect(after.sy + after.sh / 2).toBeCloseTo(before.sy + before.sh / 2)
  })

  it('refuses what is not a picture, or too large, in Chinese', () => {
    expect(photoFileProblem({ name: '简历.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 1000 })).toBe(
      '“简历.docx”不是图片，请选择 JPG 或 PNG 格式的照片',
    )
    expect(photoFileProblem({ name: '大图.jpg', type: 'image/jpeg', size: 20 * 1024 * 1024 })).toBe('“大图.jpg”太大（20.0 MB），照片请小于 15 MB')
    expect(photoFileProblem({ name: '证件照.jpg', type: 'image/jpeg', size: 3 * 1024 * 1024 })).toBeNull()
    expect(photoFileProblem({ name: '证件照.PNG', type: '', size: 1000 })).toBeNull()
  })
})
