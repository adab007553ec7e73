/**
 * The categories' `icon` names (server/src/catalog/default-categories.ts) as glyphs: a picture a
 * resident finds faster than a word, drawn by the phone's own emoji font (no image to download).
 */
const ICONS: Record<string, string> = {
  trash: '🗑️',
  road: '🚧',
  bulb: '💡',
  tree: '🌳',
  car: '🚗',
  sound: '🔊',
  fire: '🧯',
  bolt: '⚡',
  drop: '💧',
  people: '🤝',
  home: '🏠',
  more: '📝'
}

export function categoryIcon(icon: string | undefined): string {
  return (icon && ICONS[icon]) || '📝'
}
