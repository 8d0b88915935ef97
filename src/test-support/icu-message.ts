/**
 * What an ICU message is made of, read from intl-messageformat's own parse: its placeholders (by
 * name, with their kind), the choices of each `select`, and its literal text in every branch.
 */
import { IntlMessageFormat } from 'intl-messageformat';

/** The parser's element types (@formatjs/icu-messageformat-parser TYPE), as numbers in its AST. */
const LITERAL = 0;
const SELECT = 5;
const PLURAL = 6;
const POUND = 7;
const TAG = 8;
const KINDS: Record<number, string> = { 1: 'argument', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' };

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

export interface MessageParts {
  /** Each placeholder's name, with the kinds it is used as (a count may be both `plural` and `argument`). */
  placeholders: Map<string, Set<string>>;
  /** Each `select`'s name, with its choices. */
  selects: Map<string, Set<string>>;
  /** The words a reader reads, from every branch. */
  literals: string[];
}

/** Parses `message` (throws if it is not valid ICU) and lists its parts. */
export function messageParts(message: string, intlTag: string): MessageParts {
  const parts: MessageParts = { placeholders: new Map(), selects: new Map(), literals: [] };
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (element.type === LITERAL) parts.literals.push(element.value ?? '');
      else if (element.type === TAG) walk(element.children ?? []);
      else if (element.type !== POUND) {
        const name = element.value ?? '';
        const kinds = parts.placeholders.get(name) ?? new Set<string>();
        kinds.add(KINDS[element.type] ?? `type ${element.type}`);
        parts.placeholders.set(name, kinds);
        if (element.type === SELECT) parts.selects.set(name, new Set(Object.keys(element.options ?? {})));
        if (element.type === SELECT || element.type === PLURAL)
          for (const option of Object.values(element.options ?? {})) walk(option.value);
      }
    }
  };
  walk(new IntlMessageFormat(message, intlTag).getAst());
  return parts;
}
