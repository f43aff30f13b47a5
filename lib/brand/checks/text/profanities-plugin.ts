/**
 * retext-profanities (English, v8), with its phrase list indexed once instead of per text.
 *
 * Why: retext-profanities hands nlcst-search its whole list (about 3,500 words with plurals)
 * on every run, and nlcst-search builds a first-word index of it each time: about 1 ms of CPU
 * per text, most of a governed chat call's checks (bench/README.md). Here the index is built
 * when this module loads, and each run passes nlcst-search only the phrases whose first word
 * occurs in the text, in their original order. nlcst-search still does all the matching
 * (normalising, literals, multi-word phrases), so the findings are the same: the colocated
 * test compares them with retext-profanities' over every word it knows.
 */
import type { Root, Sentence, SentenceContent } from "nlcst";
import { cuss } from "cuss";
import { normalize } from "nlcst-normalize";
import { search } from "nlcst-search";
import { toString } from "nlcst-to-string";
import pluralize from "pluralize";
import { pointEnd, pointStart } from "unist-util-position";
import type { VFile } from "vfile";

/** As retext-profanities/lib/en.js configures its plugin. */
const IGNORE_PLURALIZE = new Set(["children", "dy", "pro", "remain", "so", "dice", "fus"]);
const REGULAR = ["hell", "whore"];
const SOURCE = "retext-profanities";

function unpack(): Map<string, number> {
  const words = new Map<string, number>();
  const add = (key: string, value: number) => {
    if (!IGNORE_PLURALIZE.has(key)) words.set(key, value);
  };
  for (const [key, value] of Object.entries(cuss)) {
    add(key, value);
    add(pluralize.singular(key), value);
    add(pluralize.plural(key), value);
  }
  return words;
}

const WORDS = unpack();
const phrases = [...WORDS.keys()];

interface Indexed {
  options: { allowApostrophes: boolean } | undefined;
  /** Phrases by their normalised first word, each with its position in the full list. */
  byFirstWord: Map<string, { phrase: string; at: number }[]>;
}

function index(list: string[], options: Indexed["options"]): Indexed {
  const byFirstWord = new Map<string, { phrase: string; at: number }[]>();
  list.forEach((phrase, at) => {
    const first = normalize(phrase.split(" ", 1)[0]!, options);
    const bucket = byFirstWord.get(first);
    if (bucket) bucket.push({ phrase, at });
    else byFirstWord.set(first, [{ phrase, at }]);
  });
  return { options, byFirstWord };
}

const NORMALS = index(
  phrases.filter((p) => !REGULAR.includes(p)),
  undefined,
);
const LITERALS = index(
  REGULAR.filter((p) => phrases.includes(p)),
  { allowApostrophes: true },
);

function wordsOf(node: { type: string; children?: unknown[] }, out: (typeof node)[] = []) {
  if (node.type === "WordNode") out.push(node);
  else for (const child of node.children ?? []) wordsOf(child as typeof node, out);
  return out;
}

/** The phrases of `list` that could match in `tree`, in the list's order. */
function candidates(list: Indexed, words: { type: string }[]): string[] {
  // nlcst-search tries `*`-led phrases at every word.
  const found = [...(list.byFirstWord.get("*") ?? [])];
  const seen = new Set<string>(["*"]);
  for (const word of words) {
    const key = normalize(word as Parameters<typeof normalize>[0], list.options);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(...(list.byFirstWord.get(key) ?? []));
  }
  return found.sort((a, b) => a.at - b.at).map((c) => c.phrase);
}

export default function retextProfanities() {
  return (tree: Root, file: VFile) => {
    const words = wordsOf(tree);
    const handle = (
      match: SentenceContent[],
      _position: number,
      _parent: Sentence | Root,
      phrase: string,
    ) => {
      const profanitySeverity = WORDS.get(phrase)!;
      const actual = toString(match);
      const start = pointStart(match[0]);
      const end = pointEnd(match[match.length - 1]);
      const verb =
        profanitySeverity === 0
          ? "Be careful with"
          : profanitySeverity === 1
            ? "Reconsider using"
            : "Don’t use";
      const why =
        profanitySeverity === 0
          ? "it’s profane in some cases"
          : profanitySeverity === 1
            ? "it may be profane"
            : "it’s profane";
      const message = file.message(`${verb} \`${actual}\`, ${why}`, {
        place: start && end ? { start, end } : undefined,
        ruleId: phrase.replace(/\W+/g, "-"),
        source: SOURCE,
      });
      Object.assign(message, {
        actual,
        expected: [],
        profanitySeverity,
        url: "https://github.com/retextjs/retext-profanities#readme",
      });
    };
    const normals = candidates(NORMALS, words);
    if (normals.length > 0) search(tree, normals, handle);
    const literals = candidates(LITERALS, words);
    if (literals.length > 0) search(tree, literals, handle, { allowApostrophes: true });
  };
}
