/**
 * The last guard on rendered HTML. Escaping already keeps model output from becoming
 * markup; this allow-list also holds the template itself to what email clients and landing
 * pages need, so a template cannot ship a script, a frame, an event handler or a
 * `javascript:` link even if its author (or a compromised account) wrote one.
 */
import sanitizeHtml from "sanitize-html";

const STRUCTURE = ["html", "head", "body", "meta", "title"];
const TEXT = [
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "span",
  "div",
  "strong",
  "b",
  "em",
  "i",
  "u",
];
const MORE_TEXT = ["small", "sup", "sub", "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption"];
const TABLES = ["table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"];
const SECTIONS = ["header", "footer", "main", "section", "article", "nav", "aside"];

/** Presentational CSS only; values may not call `url()` or `expression()`. */
const cssValue = /^(?!.*(?:url|expression|image-set|var)\s*\()[-#(),.%/\w\s'"!]+$/i;
const STYLE_PROPERTIES = [
  "color",
  "background-color",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "line-height",
  "letter-spacing",
  "text-align",
  "text-decoration",
  "text-transform",
  "vertical-align",
  "display",
  "width",
  "max-width",
  "min-width",
  "height",
  "max-height",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "border",
  "border-top",
  "border-bottom",
  "border-collapse",
  "border-radius",
  "box-sizing",
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...STRUCTURE, ...TEXT, ...MORE_TEXT, ...TABLES, ...SECTIONS],
  allowedAttributes: {
    "*": [
      "style",
      "class",
      "id",
      "lang",
      "dir",
      "role",
      "title",
      "align",
      "valign",
      "width",
      "height",
      "aria-*",
    ],
    html: ["lang", "dir"],
    meta: ["charset", "name", "content"],
    a: ["href", "target", "rel"],
    img: ["src", "alt", "width", "height", "border"],
    table: ["cellpadding", "cellspacing", "border", "bgcolor"],
    td: ["colspan", "rowspan", "bgcolor"],
    th: ["colspan", "rowspan", "scope", "bgcolor"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https", "cid"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  allowedStyles: { "*": Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, [cssValue]])) },
  disallowedTagsMode: "discard",
  // A meta tag without charset or name (e.g. an http-equiv refresh stripped of its attribute) says nothing.
  exclusiveFilter: (frame) => frame.tag === "meta" && !frame.attribs.charset && !frame.attribs.name,
  transformTags: {
    a: (tagName, attribs) =>
      attribs.target === "_blank"
        ? { tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }
        : { tagName, attribs },
  },
};

/**
 * sanitize-html (like Prettier's Handlebars formatter) drops the doctype; a whole document
 * gets the standard one back so browsers and email clients render it in standards mode.
 */
export function sanitizeRenderedHtml(html: string): string {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean.startsWith("<html") ? `<!DOCTYPE html>\n${clean}` : clean;
}
