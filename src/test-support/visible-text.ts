/**
 * What a person reads on a page, from its HTML: the text between tags (the <title> included), and
 * the attributes a browser shows or a screen reader speaks (aria-label, title, alt, placeholder).
 * Scripts, styles and comments are left out, and so are the values of inputs: what the reader
 * typed (or a hidden token) is not the page's wording.
 */
const SPOKEN_ATTRIBUTES = /\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function visibleText(html: string): string {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ');
  const spoken = [...withoutHidden.matchAll(SPOKEN_ATTRIBUTES)].map((m) => m[1]);
  const text = withoutHidden.replace(/<[^>]*>/g, ' ');
  return decodeEntities([text, ...spoken].join(' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The language the page declares: <html lang="…">. */
export function htmlLang(html: string): string | undefined {
  return /<html\b[^>]*\slang="([^"]*)"/i.exec(html)?.[1];
}
