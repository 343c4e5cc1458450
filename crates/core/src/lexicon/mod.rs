//! Word lists the tagger's features consult: reporting verbs and nouns,
//! belief and intention verbs, and the words that introduce a source
//! ("according to"). The model learns from the words themselves as well;
//! these lists let it generalise to cue words rare in its training data.

mod classes;

pub use classes::WordClass;

/// What kind of cue a word can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum CueClass {
    /// Not on any list.
    None = 0,
    /// Verbs of saying ("said", "told", "denied", "tweeted").
    Speech = 1,
    /// Verbs of thinking, wanting, showing ("believes", "wants", "shows").
    Belief = 2,
    /// Nouns of saying ("statement", "suggestion", "claim").
    Noun = 3,
    /// "according" (to), "citing", "per".
    Source = 4,
    /// Titles and roles that precede a name ("spokesman", "President").
    Title = 5,
    /// Pronouns that are often sources.
    Pronoun = 6,
}

const SPEECH: &[&str] = &[
    "say",
    "tell",
    "claim",
    "deny",
    "stress",
    "add",
    "warn",
    "insist",
    "suggest",
    "acknowledge",
    "announce",
    "state",
    "report",
    "note",
    "write",
    "ask",
    "call",
    "argue",
    "tweet",
    "explain",
    "declare",
    "describe",
    "accuse",
    "urge",
    "recall",
    "respond",
    "reply",
    "admit",
    "assert",
    "allege",
    "confirm",
    "reveal",
    "predict",
    "promise",
    "pledge",
    "vow",
    "threaten",
    "complain",
    "concede",
    "contend",
    "maintain",
    "emphasize",
    "emphasise",
    "reiterate",
    "remark",
    "comment",
    "observe",
    "point",
    "mention",
    "testify",
    "told",
    "cite",
    "quote",
    "dismiss",
    "reject",
    "criticize",
    "criticise",
    "praise",
    "blame",
    "charge",
    "question",
    "wonder",
    "joke",
    "boast",
    "propose",
    "recommend",
    "advise",
    "demand",
    "order",
    "announce",
    "declare",
    "proclaim",
    "inform",
    "disclose",
    "indicate",
    "signal",
    "hint",
    "conclude",
    "counter",
    "retort",
    "shout",
    "yell",
    "whisper",
    "scream",
    "post",
    "speak",
    "talk",
    "discuss",
    "address",
    "defend",
    "endorse",
    "condemn",
    "denounce",
    "attack",
    "slam",
    "blast",
    "lament",
    "estimate",
    "forecast",
    "calculate",
    "project",
    "characterize",
    "characterise",
    "label",
    "brand",
    "dub",
    "term",
    "refer",
    "continue",
    "repeat",
    "agree",
    "disagree",
    "dispute",
    "contradict",
    "refute",
    "rebut",
    "highlight",
    "underline",
    "underscore",
    "caution",
    "plead",
    "beg",
    "appeal",
    "invite",
    "encourage",
    "challenge",
    "insist",
    "explain",
    "elaborate",
    "summarize",
    "summarise",
    "put",
    "offer",
    "share",
    "stat",
    "acknowledge",
    "conclude",
    "decline",
    "refuse",
];

const BELIEF: &[&str] = &[
    "think",
    "believe",
    "want",
    "hope",
    "fear",
    "feel",
    "know",
    "expect",
    "show",
    "seem",
    "appear",
    "find",
    "see",
    "consider",
    "doubt",
    "suspect",
    "worry",
    "wish",
    "plan",
    "intend",
    "seek",
    "support",
    "oppose",
    "prefer",
    "assume",
    "imagine",
    "suppose",
    "understand",
    "realize",
    "realise",
    "recognize",
    "recognise",
    "agree",
    "learn",
    "discover",
    "determine",
    "decide",
    "reckon",
    "guess",
    "anticipate",
    "view",
    "regard",
    "need",
    "demonstrate",
    "suggest",
    "indicate",
    "prove",
    "reveal",
    "conclude",
    "like",
    "love",
    "hate",
    "try",
    "aim",
    "favor",
    "favour",
    "back",
    "remember",
    "forget",
    "insist",
    "mean",
];

const NOUNS: &[&str] = &[
    "statement",
    "statements",
    "suggestion",
    "claim",
    "claims",
    "comment",
    "comments",
    "remarks",
    "remark",
    "interview",
    "speech",
    "report",
    "reports",
    "announcement",
    "assertion",
    "allegation",
    "allegations",
    "denial",
    "testimony",
    "tweet",
    "tweets",
    "post",
    "letter",
    "memo",
    "release",
    "press",
    "conference",
    "briefing",
    "view",
    "views",
    "belief",
    "argument",
    "warning",
    "promise",
    "pledge",
    "accusation",
    "accusations",
    "charge",
    "charges",
    "poll",
    "polls",
    "survey",
    "study",
    "analysis",
    "data",
    "opinion",
    "message",
    "email",
    "emails",
    "words",
    "question",
    "questions",
    "answer",
    "response",
    "told",
];

const SOURCE_WORDS: &[&str] = &["according", "citing", "per", "cited", "via", "quoting", "reportedly", "allegedly"];

const TITLES: &[&str] = &[
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "official",
    "officials",
    "ambassador",
    "leader",
    "candidate",
    "nominee",
    "adviser",
    "advisor",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "professor",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "general",
    "gen.",
    "commissioner",
    "judge",
    "attorney",
    "lawyer",
    "ceo",
    "executive",
    "manager",
    "head",
    "deputy",
    "vice",
    "prime",
    "foreign",
    "source",
    "sources",
    "campaign",
    "prosecutor",
    "police",
    "coach",
    "economist",
    "researcher",
    "strategist",
    "pollster",
    "founder",
    "owner",
    "member",
    "members",
    "speaker",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which", "his", "her", "their"];

fn base_forms(lemma: &str) -> Vec<String> {
    let irregular: &[(&str, &[&str])] = &[
        ("say", &["say", "says", "said", "saying"]),
        ("tell", &["tell", "tells", "told", "telling"]),
        ("write", &["write", "writes", "wrote", "written", "writing"]),
        ("think", &["think", "thinks", "thought", "thinking"]),
        ("know", &["know", "knows", "knew", "known", "knowing"]),
        ("find", &["find", "finds", "found", "finding"]),
        ("see", &["see", "sees", "saw", "seen", "seeing"]),
        ("feel", &["feel", "feels", "felt", "feeling"]),
        ("seek", &["seek", "seeks", "sought", "seeking"]),
        ("speak", &["speak", "speaks", "spoke", "spoken", "speaking"]),
        ("understand", &["understand", "understands", "understood", "understanding"]),
        ("forget", &["forget", "forgets", "forgot", "forgotten", "forgetting"]),
        ("put", &["put", "puts", "putting"]),
        ("mean", &["mean", "means", "meant", "meaning"]),
        ("learn", &["learn", "learns", "learned", "learnt", "learning"]),
        ("show", &["show", "shows", "showed", "shown", "showing"]),
        ("blast", &["blast", "blasts", "blasted", "blasting"]),
    ];
    if let Some((_, forms)) = irregular.iter().find(|(l, _)| *l == lemma) {
        return forms.iter().map(|s| s.to_string()).collect();
    }
    let mut out = vec![lemma.to_string()];
    let (third, past, ing) = if let Some(stem) = lemma.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        (format!("{stem}ies"), format!("{stem}ied"), format!("{lemma}ing"))
    } else if let Some(stem) = lemma.strip_suffix('e') {
        (format!("{lemma}s"), format!("{lemma}d"), format!("{stem}ing"))
    } else if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("sh") || lemma.ends_with("ch") {
        (format!("{lemma}es"), format!("{lemma}ed"), format!("{lemma}ing"))
    } else if is_cvc(lemma) {
        let last = lemma.chars().last().unwrap_or('x');
        (format!("{lemma}s"), format!("{lemma}{last}ed"), format!("{lemma}{last}ing"))
    } else {
        (format!("{lemma}s"), format!("{lemma}ed"), format!("{lemma}ing"))
    };
    out.extend([third, past, ing]);
    out
}

fn is_cvc(word: &str) -> bool {
    // Short verbs doubling their last consonant: "admit" -> "admitted".
    const DOUBLING: &[&str] =
        &["admit", "plan", "commit", "stop", "regret", "rebut", "prefer", "beg", "dub", "blog", "chat"];
    DOUBLING.contains(&word)
}

/// Maps lowercase words to their cue class and part of speech.
pub struct Lexicon {
    // One entry per word of either list, so that a token costs one lookup,
    // keyed by the FNV hash of the lowercase word ([`key`]): no string is
    // compared (two words of the lists colliding in 64 bits is not a
    // concern at this size). The first class listed for a word wins.
    words: std::collections::HashMap<u64, Word, std::hash::BuildHasherDefault<Prehashed>>,
    // Per ambiguity class id (`Word::pos.1`): whether its list of tags holds
    // a verb tag (VB*).
    verbal_classes: Vec<bool>,
}

/// How the tag lexicon reads a word as a verb ([`Lexicon::verb_reading`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbReading {
    /// Its most frequent tag is a verb (VB*) or a modal (MD).
    Usually,
    /// It has a verb tag, but not first.
    Possibly,
    /// No verb tag, or not in the tag lexicon.
    Never,
}

/// What the lexicon knows of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Its cue class ([`CueClass::None`] for most words).
    pub class: CueClass,
    /// Its most frequent part of speech and its ambiguity class (an id of
    /// its list of possible tags), from the tag lexicon `data/pos.tsv`;
    /// `None` where that lexicon lacks the word.
    pub pos: Option<(u8, u16)>,
    /// The word classes it belongs to ([`WordClass`]).
    pub flags: WordClass,
}

/// Penn Treebank tags, by index; the tagger's features use the index.
pub const PENN_TAGS: &[&str] = &[
    "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB", "RBR", "RBS", "IN",
    "DT", "PRP", "PRP$", "MD", "CC", "CD", "TO", "WDT", "WP", "WP$", "WRB", "EX", "FW", "UH", "POS", "LS", "PDT", "RP",
    "SYM",
];

/// The index of a Penn Treebank tag in [`PENN_TAGS`] (one past the end for
/// a tag not listed). A `const fn`, so that the features' tags are
/// constants, not a search per token.
pub const fn penn_index(tag: &str) -> u8 {
    let mut i = 0;
    while i < PENN_TAGS.len() {
        if same_bytes(PENN_TAGS[i].as_bytes(), tag.as_bytes()) {
            return i as u8;
        }
        i += 1;
    }
    PENN_TAGS.len() as u8
}

const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The lexicon's key for a lowercase word: FNV-1a over its bytes.
fn key(lower: &str) -> u64 {
    crate::hash::fnv1a(lower.as_bytes())
}

/// A hasher for keys that are already hashes ([`key`]): it only spreads
/// their bits.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; this serves any other caller correctly.
        let mut h = crate::hash::Fnv1a::from_state(self.0);
        h.write(bytes);
        self.0 = h.finish();
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (x ^ (x >> 29)).wrapping_mul(crate::hash::GOLDEN_GAMMA);
    }
}

impl Lexicon {
    /// The built-in lists.
    pub fn new() -> Lexicon {
        let mut words: Vec<(String, CueClass)> = Vec::new();
        for lemma in SPEECH {
            words.extend(base_forms(lemma).into_iter().map(|w| (w, CueClass::Speech)));
        }
        for lemma in BELIEF {
            words.extend(base_forms(lemma).into_iter().map(|w| (w, CueClass::Belief)));
        }
        words.extend(SOURCE_WORDS.iter().map(|w| (w.to_string(), CueClass::Source)));
        words.extend(NOUNS.iter().map(|w| (w.to_string(), CueClass::Noun)));
        words.extend(TITLES.iter().map(|w| (w.to_string(), CueClass::Title)));
        words.extend(PRONOUNS.iter().map(|w| (w.to_string(), CueClass::Pronoun)));
        let mut map: std::collections::HashMap<u64, Word, _> =
            std::collections::HashMap::with_capacity_and_hasher(words.len() + 14_000, Default::default());
        for (word, class) in words {
            map.entry(key(&word)).or_insert(Word { class, pos: None, flags: WordClass::empty() });
        }
        // The tag lexicon: a word, a tab, its possible tags, most frequent first.
        let mut classes: std::collections::HashMap<&str, u16> = std::collections::HashMap::new();
        for line in include_str!("../../data/pos.tsv").lines() {
            let Some((word, list)) = line.split_once('\t') else { continue };
            let next = classes.len() as u16 + 1;
            let amb = *classes.entry(list).or_insert(next);
            let first = penn_index(list.split(' ').next().unwrap_or(""));
            let entry = map.entry(key(&word.to_lowercase())).or_insert(Word {
                class: CueClass::None,
                pos: None,
                flags: WordClass::empty(),
            });
            entry.pos.get_or_insert((first, amb));
        }
        for members in classes::MEMBERS {
            for word in members.words {
                let entry = map.entry(key(&word.to_lowercase())).or_insert(Word {
                    class: CueClass::None,
                    pos: None,
                    flags: WordClass::empty(),
                });
                entry.flags = entry.flags.union(members.class);
            }
        }
        let mut verbal_classes = vec![false; classes.len() + 1];
        for (list, id) in &classes {
            verbal_classes[*id as usize] = list.split(' ').any(|tag| tag.starts_with("VB"));
        }
        Lexicon { words: map, verbal_classes }
    }

    /// How the tag lexicon `data/pos.tsv` reads a lowercase word as a verb.
    pub fn verb_reading(&self, lower: &str) -> VerbReading {
        let Some((first, amb)) = self.word(lower).and_then(|w| w.pos) else { return VerbReading::Never };
        if (penn_index("VB")..=penn_index("VBZ")).contains(&first) || first == penn_index("MD") {
            VerbReading::Usually
        } else if self.verbal_classes.get(amb as usize).copied().unwrap_or(false) {
            VerbReading::Possibly
        } else {
            VerbReading::Never
        }
    }

    /// What the lexicon knows of a lowercase word.
    pub fn word(&self, lower: &str) -> Option<Word> {
        self.words.get(&key(lower)).copied()
    }

    /// The class of a lowercase word.
    pub fn class(&self, lower: &str) -> CueClass {
        self.word(lower).map_or(CueClass::None, |w| w.class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_listed() {
        let lexicon = Lexicon::new();
        for (word, class) in [
            ("said", CueClass::Speech),
            ("denied", CueClass::Speech),
            ("admitted", CueClass::Speech),
            ("believes", CueClass::Belief),
            ("according", CueClass::Source),
            ("statement", CueClass::Noun),
            ("spokesman", CueClass::Title),
            ("table", CueClass::None),
        ] {
            assert_eq!(lexicon.class(word), class, "{word}");
        }
    }

    #[test]
    fn words_carry_their_most_frequent_part_of_speech() {
        let lexicon = Lexicon::new();
        let tag = |w: &str| lexicon.word(w).and_then(|w| w.pos).map(|(p, _)| PENN_TAGS[p as usize]);
        for (word, want) in
            [("the", "DT"), ("said", "VBD"), ("that", "IN"), ("president", "NN"), ("would", "MD"), ("quickly", "RB")]
        {
            assert_eq!(tag(word), Some(want), "{word}");
        }
        // A cue word keeps its class and gains a part of speech.
        assert_eq!(lexicon.word("said").map(|w| w.class), Some(CueClass::Speech));
        // Words of one ambiguity class share its id; others differ.
        let amb = |w: &str| lexicon.word(w).and_then(|w| w.pos).map(|(_, a)| a);
        assert_ne!(amb("the"), amb("said"));
        assert_eq!(tag("zelenskyy"), None);
    }
}
