// The .arg language for CodeMirror: a small stream tokenizer (keywords, ids, strings, comments),
// `#` as the line comment for toggling, and the colours of each kind of token.
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

const STATEMENT = /^(claim|premise|rebuttal)(?![A-Za-z0-9_-])/;
const RELATION = /^(supports|attacks|undercuts|contradicts)(?![A-Za-z0-9_-])/;
const KEYWORD = /^(title|source|person|include|quote|by|tags|note|implicit|outweighed|step|outlet|date|url|file|author|role)(?![A-Za-z0-9_-])/;
const ID = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** The rest of a string (to its closing quote, or the line's end: strings may span lines). */
function restOfString(stream, state) {
  while (!stream.eol()) {
    const ch = stream.next();
    if (ch === "\\") stream.next();
    else if (ch === '"') {
      state.inString = false;
      break;
    }
  }
  return "string";
}

const argmapStream = {
  name: "argmap",
  startState: () => ({ inString: false }),
  token(stream, state) {
    if (state.inString) return restOfString(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.peek() === "#") {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.peek() === '"') {
      stream.next();
      state.inString = true;
      return restOfString(stream, state);
    }
    if (stream.match(STATEMENT)) return "keyword";
    if (stream.match(RELATION)) return "operatorKeyword";
    if (stream.match(KEYWORD)) return "propertyName";
    if (stream.match(ID)) return stream.peek() === ":" ? "labelName" : "variableName";
    if (stream.match(/^[+:,]/)) return "punctuation";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "#" } },
};

export const argmapLanguage = StreamLanguage.define(argmapStream);

export const argmapHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.keyword, color: "#7a2e9c", fontWeight: "bold" },
    { tag: tags.operatorKeyword, color: "#0b6e4f", fontWeight: "bold" },
    { tag: tags.propertyName, color: "#1a55a8" },
    { tag: tags.string, color: "#8a3d00" },
    { tag: tags.comment, color: "#6b6b6b", fontStyle: "italic" },
    { tag: tags.labelName, color: "#0b6e4f" },
    { tag: tags.variableName, color: "#222" },
  ]),
);
