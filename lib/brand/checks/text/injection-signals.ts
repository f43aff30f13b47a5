/**
 * What prompt injection says, in English, French, Spanish, German, Italian, Portuguese,
 * Dutch, Chinese and Japanese. Patterns run on folded text (lower case, accents and
 * invisible characters gone, lookalikes read as Latin, whitespace runs one space), so they are
 * written without accents. Filler words are closed lists with bounded repetition: no pattern
 * can backtrack far. A signal's severity is a decision about what it asks for: overriding the
 * instructions, revealing them and changing the model's role block; weaker signals warn.
 */

export type SignalKind = "override" | "reveal" | "role" | "markers" | "weak";

export interface Signal {
  kind: SignalKind;
  pattern: RegExp;
  message: string;
  verdict: "fail" | "warn";
}

/** "Never reveal…", "do not ignore…": a system prompt's own rules, not an attack. */
const NOT_NEGATED = "(?<!\\b(?:not|never|n't|dont|no|nor|without) )";

const EN_FILLER =
  "(?: (?:all|any|the|your|my|our|these|those|of|previous|previously|prior|above|earlier|preceding|system|original|initial|existing|safety|brand|content|given))";
const EN_TARGET =
  "(?:instructions?|rules|guidelines|directions|prompts?|constraints|guardrails|polic(?:y|ies)|restrictions|checks|filters)";

/** Verb, up to four filler words, target: one alternative per language. */
const OVERRIDE = [
  `${NOT_NEGATED}\\b(?:ignore|disregard|forget|override|bypass|circumvent)${EN_FILLER}{1,4} ${EN_TARGET}\\b`,
  `${NOT_NEGATED}\\b(?:ignore|disregard|forget) (?:everything|anything|all|what|the|all of the|whatever)(?: (?:text|was said|is written|you see))? (?:above|before|previously|prior|earlier|you (?:were|have been) told)\\b`,
  `${NOT_NEGATED}\\b(?:ignore|disregard|forget) (?:the )?(?:above|previous|preceding)\\b`,
  // French
  `\\b(?:ignore[rz]?|oublie[rz]?|neglige[rz]?)(?: (?:toutes|tous|toute|tout|les|tes|vos|ses|la|le|des|ces|ci-dessus|precedentes?|anterieures?|initiales?|du systeme)){0,4} (?:instructions?|consignes?|regles?|directives?|prompts?)\\b`,
  // Spanish
  `\\b(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|olviden|omite|omita)(?: (?:todas?|todos|las|los|tus|sus|la|el|de|mis|previas?|anteriores?|del sistema)){0,4} (?:instrucciones|reglas|indicaciones|directrices|ordenes|prompts?)\\b`,
  // Portuguese
  `\\b(?:ignore|ignora|ignorar|esqueca|esquece|esquecer|desconsidere)(?: (?:todas?|todos|as|os|suas?|seus?|tuas?|a|o|de|do|anteriores?|previas?|do sistema)){0,4} (?:instrucoes|regras|diretrizes|orientacoes|prompts?)\\b`,
  // Italian
  `\\b(?:ignora|ignorate|ignorare|dimentica|dimenticate|dimenticare|trascura)(?: (?:tutte|tutti|le|gli|i|tue|tuoi|sue|la|il|di|precedenti|del sistema)){0,4} (?:istruzioni|regole|direttive|indicazioni|prompts?)\\b`,
  // German
  `\\b(?:ignoriere|ignorier|ignorieren|ignoriert|vergiss|vergesst|vergessen sie|missachte)(?: (?:alle|alles|die|deine|ihre|eure|den|der|vorherigen|vorherige|bisherigen|obigen|fruheren|system)){0,4} (?:anweisungen|anweisung|regeln|instruktionen|vorgaben|richtlinien|befehle|prompts?|systemprompt)\\b`,
  // Dutch
  `\\b(?:negeer|negeren|vergeet|vergeten)(?: (?:alle|al|de|het|je|jouw|uw|vorige|eerdere|bovenstaande|voorgaande|systeem)){0,4} (?:instructies|regels|opdrachten|richtlijnen|aanwijzingen|prompts?|systeemprompt)\\b`,
  // Chinese: verb then target within a clause
  `(?:忽略|无视|忽视|不要理会|忘记|忘掉|跳过)[^。!?\\n]{0,12}(?:指令|指示|提示|规则|设定|限制)`,
  // Japanese: target then verb, or verb then target
  `(?:指示|命令|プロンプト|ルール|指令|設定|制約)[^。!?\\n]{0,12}(?:無視|忘れ)`,
  `(?:無視|忘れ)[^。!?\\n]{0,6}(?:指示|命令|プロンプト|ルール)`,
];

const REVEAL = [
  `${NOT_NEGATED}\\b(?:reveal|show|print|repeat|read|output|display|leak|dump|tell me|give me|what is|what are|what's)(?: (?:me|us|your|the|my|all|of|full|entire|exact|verbatim)){0,4} ?(?:system|hidden|secret|initial|original|developer) (?:prompt|instructions?|message|rules)\\b`,
  `${NOT_NEGATED}\\b(?:repeat|print|output|display|reproduce|recite|quote|copy|echo|show) (?:back )?(?:(?:me|us|the|all|of|everything|every|full|entire|exact|whole) ){0,3}(?:(?:text|words?|lines?|messages?|content|instructions|prompt) )?(?:above|before this|preceding|prior to this)\\b`,
  `\\bwhat (?:exactly )?were (?:your|the) (?:original |initial |exact |system |first )?(?:instructions|rules|guidelines|prompt)\\b`,
  // French
  `\\b(?:revele|revelez|reveler|affiche|affichez|afficher|montre|montrez|donne|donnez|dis|ecris|imprime)(?: (?:moi|nous|ton|ta|tes|votre|vos|le|la|les|complet|complete|entier)){0,3} (?:prompt|message|invite|instructions|consignes) (?:du )?(?:systeme|initial(?:es)?|cache(?:e|es)?|secret(?:es)?)\\b`,
  `\\b(?:repete|repetez|repeter|recopie|recopiez|reecris) (?:tout )?(?:le|la|les|tout) (?:texte |message |contenu |instructions )?(?:ci-dessus|precedent|au-dessus)`,
  // Spanish
  `\\b(?:revela|revelame|muestra|muestrame|mostrar|ensename|dime|imprime|escribe)(?: (?:me|tu|tus|su|sus|el|la|los|las|completo|completa|entero)){0,3} (?:prompt|mensaje|instrucciones|indicaciones) (?:del |de )?(?:sistema|inicial(?:es)?|ocult[oa]s?|secret[oa]s?)\\b`,
  `\\brepite (?:el|todo el) (?:texto|mensaje) (?:anterior|de arriba)\\b`,
  // Portuguese
  `\\b(?:revele|revela|mostre|mostra|mostrar|exiba|imprima|diga)(?: (?:me|o|a|os|as|seu|sua|seus|suas|teu|tua|completo|inteiro)){0,3} (?:prompt|mensagem|instrucoes) (?:do |de )?(?:sistema|iniciais?|ocult[oa]s?|secret[oa]s?)\\b`,
  `\\brepita (?:o|todo o) (?:texto|conteudo) (?:acima|anterior)\\b`,
  // Italian
  `\\b(?:rivela|rivelami|mostra|mostrami|stampa|dimmi|scrivi)(?: (?:mi|il|lo|la|le|tuo|tua|tuoi|completo|intero)){0,3} (?:prompt|messaggio|istruzioni) (?:di |del )?(?:sistema|iniziali?|nascost[oei]|segret[oei])\\b`,
  `\\bripeti (?:il|tutto il) (?:testo|messaggio) (?:sopra|precedente)\\b`,
  // German
  `\\b(?:zeig|zeige|zeigt|gib|gebt|verrate|nenne|drucke|schreib|schreibe)(?: (?:mir|uns|deinen|deine|dein|ihren|den|die|das|vollstandig|komplett|genau|wortlich)){0,3} (?:systemprompt|system-prompt|systemnachricht|systemanweisungen|(?:versteckten|geheimen|ursprunglichen|ersten) (?:anweisungen|prompt))\\b`,
  `\\bwiederhole (?:den|die|das|alles)(?: (?:text|nachricht|worte|anweisungen))? (?:oben|daruber|von oben|vorher)\\b`,
  // Dutch
  `\\b(?:toon|laat|geef|herhaal|print|onthul|zeg)(?: (?:me|mij|je|jouw|uw|de|het|volledige|hele)){0,3} (?:systeemprompt|systeem prompt|systeembericht|verborgen instructies)\\b`,
  `\\bherhaal (?:de|het) (?:tekst|bericht) (?:hierboven|erboven)\\b`,
  // Chinese
  `(?:显示|告诉我|输出|打印|透露|泄露|重复|给我看|展示)[^。!?\\n]{0,8}(?:系统提示|系统指令|系统消息|初始指令|提示词|上面的(?:内容|文字|文本))`,
  // Japanese
  `(?:システムプロンプト|システムメッセージ|初期指示|上記の(?:文章|テキスト|指示))[^。!?\\n]{0,12}(?:表示|教え|出力|見せ|繰り返)`,
];

const ROLE = [
  `\\byou are now\\b|\\byou are no longer\\b|\\bfrom now on,? you\\b|\\bpretend (?:to be|you are|you're|that you are)\\b|\\broleplay as\\b|\\bdeveloper mode\\b|\\bdo anything now\\b|\\bdan mode\\b`,
  `\\b(?:you are|you're|as|act as|answer as|be|stay) dan\\b`,
  `\\b(?:act|acting|behave|respond) as (?:an? |the |if you were (?:an? |the )?)?(?:admin|administrator|root|superuser|sysadmin|developer|system|unrestricted|unfiltered|jailbroken)\\b`,
  // French
  `\\b(?:a partir de maintenant|desormais|dorenavant),? (?:tu es|tu seras|vous etes|tu agis)\\b|\\bfai(?:s|tes) semblant d'etre\\b|\\bjoue le role d|\\bagis(?:sez)? comme (?:un |l')?(?:admin|administrateur)`,
  // Spanish
  `\\b(?:a partir de ahora|desde ahora|de ahora en adelante),? (?:eres|seras|actua)\\b|\\bfinge (?:que eres|ser)\\b|\\bhaz como si fueras\\b|\\bactua como (?:un |el )?(?:admin|administrador)`,
  // Portuguese
  `\\b(?:a partir de agora|de agora em diante),? (?:voce e|es|tu es)\\b|\\bfinja (?:que (?:voce )?e|ser)\\b|\\bfinge que es\\b|\\baja como (?:um |o )?(?:admin|administrador)`,
  // Italian
  `\\b(?:d['’]ora in poi|da ora in poi|da adesso),? (?:sei|tu sei)\\b|\\b(?:fingi|fai finta) di essere\\b|\\bagisci come (?:un |l['’])?(?:admin|amministratore)`,
  // German
  `\\b(?:ab jetzt|ab sofort|von nun an),? (?:bist du|du bist)\\b|\\btu so,? als (?:ob du|warst du)\\b|\\bgib dich als\\b|\\bspiele? die rolle\\b|\\bhandle als (?:admin|administrator)`,
  // Dutch
  `\\bvanaf nu,? (?:ben je|ben jij|jij bent|je bent)\\b|\\bdoe alsof je\\b|\\bgedraag je als (?:een )?(?:admin|beheerder)`,
  // Chinese
  `(?:从现在开始|从现在起|现在起)[,]?你(?:是|将是|就是|扮演)|假装你是|你现在是`,
  // Japanese
  `(?:今から|これから|今後)[、,]?あなたは|あなたは今から|のふりをして|になりきって|として振る舞`,
];

const MARKERS = [
  `<\\|?(?:im_start|im_end|system|endoftext)\\|?>|\\[\\/?inst\\]|<<\\/?sys>>|<\\/?system>|###? ?(?:instruction|system|new instructions?)\\b`,
  // A chat message written out as JSON: {"role": "system", "content": …}
  `"role" ?: ?"(?:system|developer|assistant|tool)"`,
];

const WEAK = [
  `\\bjailbreak(?:ing|s)?\\b|\\buncensored\\b|\\bwithout (?:any )?(?:restrictions|filters|guardrails)\\b|\\bno (?:restrictions|guardrails)\\b`,
];

const compile = (sources: string[]) => new RegExp(sources.join("|"), "gu");

export const SIGNALS: readonly Signal[] = [
  { kind: "override", pattern: compile(OVERRIDE), message: "Asks the model to ignore its instructions.", verdict: "fail" },
  { kind: "reveal", pattern: compile(REVEAL), message: "Asks the model to reveal its instructions.", verdict: "fail" },
  { kind: "role", pattern: compile(ROLE), message: "Tries to give the model a new role.", verdict: "fail" },
  { kind: "markers", pattern: compile(MARKERS), message: "Contains chat-template or role markers.", verdict: "fail" },
  { kind: "weak", pattern: compile(WEAK), message: "Mentions lifting the model's limits.", verdict: "warn" },
]; // prettier-ignore

/**
 * The same signals for letters run together (spaced or hyphenated letters, "i g n o r e",
 * "R-E-V-E-A-L"): spaces and word boundaries taken out of each pattern.
 */
export const JOINED_SIGNALS: readonly Signal[] = SIGNALS.filter((s) => s.kind !== "markers").map((s) => ({
  ...s,
  pattern: new RegExp(
    s.pattern.source.replaceAll(NOT_NEGATED, "").replaceAll("\\b", "").replaceAll(" ", ""),
    "gu",
  ),
}));
