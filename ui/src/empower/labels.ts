// Plain-words labels for the library's categories and body regions.

import type { Category, Region } from '../api';

export const CATEGORY_LABELS: Record<Category, string> = {
  stretch: 'Stretch',
  mobility: 'Mobility',
  strengthening: 'Strengthening',
  breathing_relaxation: 'Breathing and relaxation',
  sleep: 'Sleep',
  heat_cold: 'Heat and cold',
  posture_desk: 'Posture and desk set-up',
  self_massage: 'Self-massage',
  activity_pacing: 'Activity pacing',
  after_treatment: 'After treatment',
};

export const REGION_LABELS: Record<Region, string> = {
  neck: 'Neck',
  shoulders: 'Shoulders',
  upper_back: 'Upper back',
  low_back: 'Lower back',
  hips: 'Hips',
  legs: 'Legs',
  jaw: 'Jaw',
  hands_wrists: 'Hands and wrists',
  chest: 'Chest',
  arms: 'Arms',
  feet: 'Feet',
  whole_body: 'Whole body',
};

/** An SVG drawing as an image URL: shown with <img>, so it can never run script. */
export function svgImage(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** A SHA-256 shortened for reading aloud at the desk ("3f9a 12c0"). */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 4)} ${sha256.slice(4, 8)}`;
}

/** Where a handout comes from: `library` (shipped with Palma) or `clinic` (the clinic's own). */
export function sourceLabel(source: string): string {
  return source === 'clinic' ? 'Our own' : 'Palma library';
}

/** PNG bytes (the letterhead logo on a sheet) as an image URL. */
export function pngImage(bytes: readonly number[]): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/png;base64,${btoa(binary)}`;
}
