//! Word classes: each class is a flag on the lexicon's entries, with its
//! members listed once, here. The stages ask the [`Lexicon`](super::Lexicon)
//! (or a token's facts in the [`Doc`](crate::text::Doc)) whether a word is
//! of a class instead of keeping lists of their own.
//!
//! Several classes overlap ("said" is a reporting verb to more than one
//! rule). Their memberships were each rule's own list and still are: making
//! them agree changes output, so it is a measured change of its own.

/// A set of word classes (a bit per class).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClass(u64);

impl WordClass {
    /// No class.
    pub const fn empty() -> WordClass {
        WordClass(0)
    }

    /// Every class of `self` and of `other`.
    pub const fn union(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }

    /// Whether `self` holds every class of `other` (and `other` is one).
    pub const fn contains(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// The members of a single class, as listed (case kept: a few classes
    /// are of capitalised forms, "He", "The").
    fn members(self) -> &'static Members {
        debug_assert!(self.0.count_ones() == 1, "a single class");
        &MEMBERS[self.0.trailing_zeros() as usize]
    }

    /// Whether `word`, exactly as written, is a member of this single class:
    /// the question a rule asks of a phrase's words when it has no token
    /// facts at hand. Callers lowercase first where the class is lowercase.
    pub fn has(self, word: &str) -> bool {
        let members = self.members();
        if members.sorted {
            members.words.binary_search(&word).is_ok()
        } else {
            members.words.contains(&word)
        }
    }

    /// The members of this single class, in their listed order.
    pub fn words(self) -> &'static [&'static str] {
        self.members().words
    }

    /// Whether `word` is a member of this single class, ignoring ASCII case.
    pub fn has_ignoring_ascii_case(self, word: &str) -> bool {
        self.members().words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// One class's members.
pub(super) struct Members {
    pub class: WordClass,
    pub words: &'static [&'static str],
    // Invariant: when true, `words` is sorted (a test checks), so that
    // membership is a binary search.
    pub sorted: bool,
}

macro_rules! word_classes {
    ($($(#[$doc:meta])* $name:ident = $bit:expr $(, $sorted:ident)? => [$($word:expr),* $(,)?];)*) => {
        impl WordClass {
            $($(#[$doc])* pub const $name: WordClass = WordClass(1 << $bit);)*
        }
        /// Every class with its members, in bit order.
        pub(super) const MEMBERS: &[Members] = &[$(Members {
            class: WordClass::$name,
            words: &[$($word),*],
            sorted: word_classes!(@sorted $($sorted)?),
        }),*];
    };
    (@sorted sorted) => { true };
    (@sorted) => { false };
}

word_classes! {
    /// Words that make a capitalised run an organisation.
    /// (Asked in `text/phrases.rs`.)
    ORGANISATION_HEAD = 0 => ["ministry", "department", "service", "agency", "council", "committee", "party", "commission", "office", "court", "police", "bank", "company", "government", "administration", "university", "campaign", "inc", "corp", "group", "association", "institute", "foundation", "union", "house", "senate", "congress", "parliament", "army", "forces", "navy", "board", "authority", "network", "center", "centre", "fund", "organization", "organisation", "coalition", "federation", "bureau", "cabinet", "kremlin", "pentagon", "chamber", "republic", "school", "college", "hospital"];
    /// Title and role words stripped from the front of a person's name.
    /// (Asked in `text/phrases.rs`.)
    ROLE = 1 => ["president", "minister", "prime", "deputy", "foreign", "spokesman", "spokeswoman", "spokesperson", "secretary", "senator", "sen", "sen.", "rep", "rep.", "representative", "governor", "gov", "gov.", "mayor", "chairman", "chairwoman", "director", "chief", "ambassador", "leader", "candidate", "nominee", "adviser", "advisor", "general", "gen", "gen.", "judge", "attorney", "lawyer", "ceo", "executive", "manager", "head", "vice", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "professor", "doctor", "actor", "actress", "singer", "rapper", "comedian", "king", "queen", "prince", "chancellor", "speaker", "commissioner", "officer", "official", "defence", "defense", "interior", "finance", "state", "former", "acting", "first", "lady", "coach", "manager", "captain", "sir", "lord", "dame", "republican", "democratic", "democrat", "presidential", "economist", "analyst", "pope", "archbishop", "justice"];
    /// Abbreviations whose dot does not end a sentence ("Mr.", "Jan.").
    /// (Asked in `text/token.rs`.)
    ABBREVIATION = 2 => ["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "lt", "col", "sgt", "capt", "cmdr", "prof", "rev", "hon", "pres", "vs", "v", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig", "approx", "dept", "univ", "ave", "blvd", "etc", "al", "adm", "maj", "supt", "det", "insp"];
    /// Words around an outlet's name that do not change who it is.
    /// (Asked in `resolve/speakers.rs`.)
    OUTLET_WORD = 3 => ["news", "agency", "site", "website", "newspaper", "paper", "channel", "broadcaster", "daily", "outlet", "wire", "service", "network", "the", "of", "reported", "tv", "radio", "magazine", "portal"];
    /// Heads of descriptions that stand for any organisation ("the group").
    /// ("the company", "the firm" are left out: companies are named without an
    /// organisation word and are not told apart from people here.)
    /// (Asked in `resolve/speakers.rs`.)
    GENERIC_ORGANISATION = 4 => ["organisation", "organization", "body", "watchdog", "regulator"];
    /// Heads of descriptions that stand for any leader.
    /// (Asked in `resolve/speakers.rs`.)
    LEADER = 5 => ["leader", "president", "premier", "chancellor", "head"];
    /// Pronouns that stand for a person.
    /// (Asked in `resolve/speakers.rs`.)
    PERSON_PRONOUN = 6 => ["he", "she", "him", "her", "his", "i", "me"];
    /// Pronouns that stand for a group, an organisation or a country.
    /// (Asked in `resolve/speakers.rs`.)
    GROUP_PRONOUN = 7 => ["they", "it", "we", "them", "its", "their", "us"];
    /// Cue words that make a statement a denial.
    /// (Asked in `resolve/stance.rs`.)
    DENIAL_CUE = 8 => ["deny", "denied", "denies", "denying", "refuted", "rebuffed", "disputed"];
    /// Cue words that make a statement a question.
    /// (Asked in `resolve/stance.rs`.)
    QUESTION_CUE = 9 => ["asked", "asks", "ask", "wondered", "questioned", "questions"];
    /// Cue words that make a statement a report.
    /// (Asked in `resolve/stance.rs`.)
    REPORT_CUE = 10 => ["reportedly", "allegedly", "purportedly"];
    /// Words that negate a proposition (with "n't").
    /// (Asked in `resolve/stance.rs`.)
    NEGATION = 11 => ["not", "never", "no", "nor", "neither", "cannot", "deny", "denied", "denies", "denying", "untrue", "false", "baseless", "groundless", "rejected", "rejects", "dismissed"];
    /// Reporting verbs that make a ", which ..." aside a reported one.
    /// (Asked in `resolve/stance.rs`.)
    ASIDE_REPORTING_VERB = 12 => ["stated", "said", "says", "denied", "denies", "claimed", "claims", "insisted", "insists", "maintained", "maintains", "argued", "argues", "repeatedly"];
    /// Words that report without endorsing ("reportedly", "claims", "rumour").
    /// (Asked in `headline_stance/features.rs`.)
    HEADLINE_HEDGE = 13 => ["alleged", "allegedly", "apparently", "appear", "appears", "appeared", "claim", "claims", "claimed", "could", "evidently", "likely", "may", "maybe", "might", "perhaps", "possibly", "possible", "presumably", "probably", "purported", "purportedly", "reported", "reportedly", "report", "reports", "rumor", "rumors", "rumour", "rumours", "rumored", "rumoured", "says", "say", "said", "seem", "seems", "supposedly", "unconfirmed", "suspected", "suggests", "suggest", "according", "source", "sources", "believed", "speculation", "speculate", "expected", "plans", "planning", "considering", "reckons", "predicts", "predicted", "tipped", "insider", "insiders", "leak", "leaked", "whether", "if", "would", "analyst", "analysts"];
    /// Words that deny or debunk ("hoax", "denies", "fake").
    /// (Asked in `headline_stance/features.rs`.)
    HEADLINE_REFUTATION = 14 => ["fake", "fakes", "faked", "fraud", "hoax", "hoaxes", "hoaxer", "false", "falsely", "deny", "denies", "denied", "denying", "refute", "refutes", "refuted", "debunk", "debunks", "debunked", "bogus", "prank", "pranks", "retract", "retracts", "retracted", "myth", "untrue", "satire", "satirical", "phony", "lie", "lies", "lied", "dismiss", "dismisses", "dismissed", "reject", "rejects", "rejected", "nope", "doubt", "doubts", "despite", "actually", "really", "truth", "alive", "nonsense", "scam", "photoshopped", "misleading", "wrong"];
    /// Words that negate what follows.
    /// (Asked in `headline_stance/features.rs`.)
    HEADLINE_NEGATION = 15 => ["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't", "hadn't", "won't", "wouldn't", "can't", "cannot", "couldn't", "shouldn't", "ain't"];
    /// Function words left out of overlap.
    /// (Asked in `headline_stance/features.rs`.)
    HEADLINE_STOP_WORD = 16 => ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "is", "are", "was", "were", "be", "been", "being", "by", "with", "from", "as", "that", "this", "it", "its", "his", "her", "their", "he", "she", "they", "has", "have", "had", "will", "into", "than", "then", "about", "after", "over", "up", "out", "who", "which", "what", "s"];
    /// Verbs of attribution that, at the end of a headline, make it a report
    /// ("..., report says", "..., PM says").
    /// (Asked in `headline_stance/features.rs`.)
    HEADLINE_SAYING = 17 => ["says", "say", "said", "claims", "claim", "reports", "report", "reported", "suggests"];
    /// Words that carry no proposition of their own.
    /// (Asked in `claims/mod.rs`.)
    CLAIM_STOP_WORD = 18, sorted => ["a", "about", "above", "according", "across", "action", "actually", "added", "after", "again", "against", "ago", "all", "almost", "already", "also", "although", "always", "am", "among", "an", "and", "another", "any", "anyone", "anything", "are", "around", "as", "ask", "asked", "at", "be", "became", "because", "become", "been", "before", "being", "believe", "believed", "believes", "between", "both", "broad", "broader", "but", "by", "call", "called", "calls", "came", "can", "case", "certain", "chief", "claim", "claimed", "claims", "come", "comes", "could", "deputy", "did", "do", "does", "doing", "done", "during", "each", "either", "else", "enough", "even", "ever", "every", "fact", "facts", "few", "for", "from", "further", "get", "gets", "getting", "go", "goes", "going", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "including", "indeed", "information", "into", "is", "it", "its", "itself", "just", "know", "known", "last", "least", "less", "let", "like", "likely", "made", "make", "makes", "making", "many", "may", "maybe", "me", "measure", "measures", "might", "minister", "ministers", "ministry", "more", "most", "much", "must", "my", "nature", "near", "nearly", "new", "next", "now", "of", "off", "official", "officials", "often", "on", "once", "one", "only", "or", "other", "others", "our", "ours", "out", "over", "own", "part", "particular", "party", "per", "perhaps", "possible", "president", "prime", "probably", "put", "quite", "rather", "really", "recent", "recently", "regarding", "relevant", "repeatedly", "s", "said", "same", "say", "saying", "says", "secretary", "see", "seem", "seems", "set", "shall", "she", "should", "side", "since", "so", "some", "something", "soon", "spokesman", "spokesperson", "spokeswoman", "state", "stated", "statement", "states", "still", "strictly", "strongly", "such", "suggest", "suggested", "suggests", "sure", "t", "take", "taken", "takes", "taking", "tell", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "thing", "things", "think", "this", "those", "though", "through", "thus", "time", "to", "today", "told", "too", "toward", "towards", "two", "under", "until", "up", "upon", "urge", "urged", "urges", "us", "very", "via", "want", "wanted", "wants", "was", "way", "we", "week", "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "year", "years", "yesterday", "yet", "you", "your"];
    /// Words that may stand between a date and a following cue ("last week
    /// staunchly denied", "previously had said").
    /// (Asked in `dates/governs.rs`.)
    BEFORE_CUE = 19 => ["has", "have", "had", "also", "again", "then", "still", "already", "once", "first", "not", "never", "did", "was", "were", "is", "are", "finally", "later", "publicly", "both"];
    /// Words that open a phrase between a cue and its date ("said in a
    /// statement on Tuesday", "said at a news conference in Kyiv on Friday").
    /// (Asked in `dates/governs.rs`.)
    DATE_PREPOSITION = 20 => ["in", "at", "to", "during", "from", "with", "via", "on", "through", "over", "for", "after", "before", "while", "late", "early", "earlier", "later"];
    /// Words that start or mark a new clause: a date beyond them belongs to it.
    /// (Asked in `dates/governs.rs`.)
    CLAUSE_WORD = 21 => ["that", "which", "who", "whom", "whose", "whether", "if", "because", "when", "while", "as", "is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "could", "can", "did", "does", "do", "may", "might", "should", "must", "and", "but", "not"];
    /// Events a statement is made at, which a later sentence refers back to
    /// with "the" ("at a news conference in Kyiv on Tuesday" ... "told the
    /// news conference").
    /// (Asked in `dates/governs.rs`.)
    EVENT = 22 => ["news conference", "press conference", "press briefing", "briefing", "interview", "speech", "summit", "rally", "hearing", "debate", "meeting", "address"];
    /// Pronouns that can open a sentence as its subject.
    /// (Asked in `statements/subject.rs`.)
    SUBJECT_PRONOUN = 23 => ["he", "she", "they", "we", "i", "it"];
    /// Capitalised function words that open a sentence without being its subject.
    /// (Asked in `statements/subject.rs`.)
    CAPITALISED_OPENER = 24 => ["The", "A", "An", "In", "On", "At", "But", "And", "If", "When", "As", "For", "After", "While", "This", "That", "It", "There", "So", "Yet", "Still", "Now", "Then", "Since", "Although", "Though", "With", "By", "To", "Of", "From"];
    /// Words that may stand between a subject and its verb (and weekdays,
    /// [`crate::dates::is_weekday`]).
    /// (Asked in `statements/subject.rs`.)
    BETWEEN_SUBJECT_AND_VERB = 25 => ["last", "week", "month", "year", "yesterday", "today", "on", "also", "has", "have", "had", "again", "earlier", "later", "then", "now", "once", "twice", "this", "previously", "repeatedly"];
    /// Words that open a label which is not a speaker ("UPDATE:", "Photo:",
    /// "Key points:"); so do weekday and month names ("Monday:").
    /// (Asked in `statements/layout.rs`.)
    NOT_A_SPEAKER_LABEL = 26 => ["update", "updated", "updates", "watch", "read", "related", "note", "editor", "editors", "photo", "photos", "video", "videos", "source", "sources", "correction", "advertisement", "warning", "breaking", "exclusive", "live", "more", "also", "see", "listen", "follow", "subscribe", "credit", "credits", "caption", "image", "images", "disclosure", "clarification", "background", "analysis", "opinion", "question", "questions", "answer", "answers", "here", "this", "that", "the", "and", "but", "so", "what", "why", "how", "when", "where", "who", "it", "key", "bottom", "full", "text", "transcript", "summary", "today", "yesterday", "tomorrow", "first", "second", "third", "step", "part", "chapter", "section", "title", "subject", "location", "date", "time", "cost", "price", "tickets", "tip", "tips", "fact", "facts", "result", "results", "score", "scores", "total", "final", "verdict", "rating", "ratings", "pros", "cons", "warning", "attention", "notice", "contact", "email", "phone", "web", "website", "twitter", "facebook", "instagram", "tags", "topics", "filed", "posted", "published", "by", "via", "from", "to", "cc", "re", "fwd", "subject", "ps", "p.s", "n.b", "nb", "subs", "substitutes", "replacements", "referee", "attendance", "scorers", "scorer", "booked", "team", "teams", "squad", "venue", "kick-off", "goals", "tries", "cast", "starring", "director", "producer", "genre", "rated"];
    /// Words that open sentences capitalised but name nobody: a verb of saying
    /// after one of them ("He said", "The report said") is not a named
    /// speaker's, so it does not send a content to be analysed again. On BBC
    /// this saves about a tenth of the analysis time and loses 5 of 17,012
    /// statements: 4 whose speaker is "I" or "us" inside the quote that holds
    /// them, and one right one ("Scott Johnson Said"). Nor is it a name word
    /// of a speaker's side ("The university" and "The network" are two sides).
    /// (Asked in `statements/nested.rs`, `claims/propositions/rejection.rs`.)
    CAPITALISED_FUNCTION_WORD = 27 => ["A", "After", "All", "An", "And", "As", "At", "Both", "But", "Each", "Either", "Even", "Every", "For", "He", "Her", "His", "I", "If", "In", "It", "Its", "Many", "Most", "My", "Neither", "Not", "Now", "Of", "On", "Only", "Our", "She", "So", "Some", "That", "The", "Their", "There", "These", "They", "This", "Those", "To", "We", "What", "When", "Which", "While", "Who", "You"];
    /// Plain verbs of saying that a described speaker of a nested statement needs.
    /// (Asked in `statements/nested.rs`.)
    FINITE_SAYING = 28 => ["said", "says", "told", "tells", "claimed", "claims", "denied", "stressed", "added", "warned", "insisted", "called", "announced", "stated", "confirmed", "admitted", "promised", "argued", "say", "argue", "argues", "concluded", "concludes", "pointed", "insists", "warns", "adds", "stresses", "announces", "confirms", "denies"];
    /// Reporting verbs whose cue is the verb alone.
    /// (Asked in `statements/repairs.rs`.)
    VERB_ALONE_CUE = 29 => ["said", "says", "say", "told", "added", "noted", "wrote", "argued", "explained", "stated", "insisted", "warned", "claimed", "declared", "announced", "tweeted", "saying", "telling"];
    /// Words after a reporting verb that begin an adjunct of the verb, not the
    /// content: prepositions and time words (and weekdays, [`crate::dates::is_weekday`]).
    /// (Asked in `statements/repairs.rs`.)
    VERB_ADJUNCT = 30 => ["in", "on", "of", "to", "at", "about", "during", "before", "after", "as", "earlier", "later", "this", "last", "yesterday", "today", "tonight", "recently", "late", "early", "when", "while", "with", "from", "via", "through", "outside", "inside"];
    /// Words that open a temporal or causal adjunct, both before a reporting
    /// clause ("after he said") and in a coordinated one ("and following").
    /// (Asked in `statements/repairs.rs`.)
    ADJUNCT_OPENER = 31 => ["after", "before", "since", "until", "following", "amid", "despite", "during", "when", "while", "because"];
    /// Verbs of saying that, coordinated after a statement's content ("...
    /// that A and encouraged B"), begin a statement of their own.
    /// (Asked in `statements/link.rs`.)
    COORDINATED_CUE = 32 => ["said", "says", "told", "added", "noted", "wrote", "argued", "explained", "stated", "insisted", "warned", "claimed", "declared", "announced", "tweeted", "encouraged", "urged", "called", "accused", "asked", "promised", "pledged", "vowed", "predicted", "suggested", "criticized", "praised", "denied", "acknowledged", "admitted", "conceded", "complained", "blamed", "described", "questioned", "expressed", "defended", "rejected", "dismissed", "threatened", "demanded", "proposed", "recommended", "condemned", "slammed", "attacked", "mocked", "touted", "boasted", "challenged", "charged", "warns", "adds", "notes", "argues", "claims", "insists", "urges", "calls", "accuses", "asks", "promises", "pledges", "vows", "predicts", "suggests", "criticizes", "praises", "denies", "acknowledges", "admits", "concedes", "complains", "blames", "describes"];
    /// Forms of "be".
    /// (Asked in `statements/link.rs`.)
    BE_FORM = 33 => ["is", "are", "was", "were", "be", "been", "being", "am"];
    /// Participles of saying that open a second statement after a comma ("..., adding that").
    /// (Asked in `statements/link.rs`.)
    SAYING_PARTICIPLE = 34 => ["adding", "saying", "noting", "arguing", "warning", "insisting", "claiming"];
    /// Participles that make a cue passive after a form of "be".
    /// (Asked in `statements/link.rs`.)
    PASSIVE_PARTICIPLE = 35 => ["thought", "said", "told", "known", "seen", "held", "taken", "given", "shown", "written", "heard", "found", "brought", "made", "understood", "felt"];
    /// Words that call a claim false: a content holding one denies
    /// something said ("the reports are untrue", "a hoax").
    /// (Asked in `resolve/stance.rs`.)
    REJECTION = 36 => ["untrue", "false", "falsely", "baseless", "groundless", "hoax", "nonsense", "bogus", "fabricated", "fabrication", "unfounded", "myth", "smear", "debunked"];
    /// Beginnings of words that call a claim wrong ("exaggerating",
    /// "misinterpreted", "mischaracterized", "distorted").
    /// (Asked in `resolve/stance.rs`.)
    REJECTION_STEM = 37 => ["exaggerat", "misinterpret", "mischaracteri", "misrepresent", "distort", "overstat", "inaccura"];
    /// Words that, after "no", reject a claim ("no truth", "no evidence").
    /// (Asked in `resolve/stance.rs`.)
    REJECTED_AFTER_NO = 38 => ["truth", "basis", "merit", "foundation"];
    /// Cue verbs that deny only when what they reject is a claim ("rejected
    /// that argument", "dismissed the reports"; not "rejected a request").
    /// (Asked in `resolve/stance.rs`.)
    CLAIM_REJECTING_CUE = 39 => ["reject", "rejected", "rejects", "rejecting", "dismiss", "dismissed", "dismisses", "dismissing"];
    /// Nouns that name something said, which a denial can reject ("the
    /// reports", "that argument", "the allegations").
    /// (Asked in `resolve/stance.rs`, `claims/propositions/rejection.rs`.)
    CLAIM_NOUN = 40 => ["claim", "claims", "report", "reports", "allegation", "allegations", "accusation", "accusations", "charge", "charges", "argument", "arguments", "suggestion", "suggestions", "assertion", "assertions", "notion", "idea", "story", "stories", "rumor", "rumors", "rumour", "rumours", "speculation", "statement", "statements", "theory", "theories", "criticism", "characterization", "characterisation"];
    /// Verbs of telling, after which comes whom the words were said to.
    /// (Asked in `resolve/relays.rs`.)
    TELLING = 41 => ["told", "tells", "tell", "telling", "assured", "briefed", "informed"];
    /// Words that end the phrase naming an addressee ("told reporters on
    /// Friday", "told him that").
    /// (Asked in `resolve/relays.rs`.)
    AFTER_ADDRESSEE = 42 => ["that", "on", "in", "at", "about", "during", "after", "before", "last", "this", "yesterday", "today", "tonight", "when", "while", "as", "it", "he", "she", "they", "we", "i", "his", "her", "their", "its", "the", "a", "an", "to", "for", "and", "but", "or", "if", "whether", "how", "why", "what", "there", "earlier", "later", "recently", "then", "now", "again", "of", "by", "with", "so", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    /// Last words of an outlet's name ("The Washington Post", "Sky News").
    /// (Asked in `resolve/relays.rs`.)
    OUTLET_NAME_HEAD = 43 => ["post", "times", "news", "journal", "herald", "tribune", "magazine", "telegraph", "guardian", "gazette", "radio", "tv", "television", "network", "press", "wire", "daily", "chronicle", "globe", "register", "observer", "examiner", "inquirer", "review", "reporter", "independent", "mail", "express", "mirror", "sun", "standard", "star", "bulletin", "dispatch", "courier", "insider"];
    /// Phrases after which a sentence names the program it was broadcast
    /// on ("broadcast of “Fox News Sunday”").
    /// (Asked in `resolve/relays.rs`.)
    BROADCAST_FRAME = 44 => ["broadcast of ", "appearance on ", "edition of ", "episode of ", "interview on "];
    /// Relative pronouns: a source that is one stands for the name before it.
    /// (Asked in `resolve/speakers.rs`.)
    RELATIVE_PRONOUN = 45 => ["who", "which", "that", "whom"];
    /// Pronouns that name no entity of their own ("you", "I" inside someone's
    /// words): a source that is one resolves to no speaker.
    /// (Asked in `resolve/speakers.rs`.)
    NON_NAMING_PRONOUN = 46 => ["you", "i", "me", "one", "someone", "somebody", "anyone", "everyone", "nobody"];
    /// Phrases that call a claim false ("that is not the case", "I never
    /// said that"), matched word by word.
    /// (Asked in `resolve/stance.rs`.)
    REJECTING_PHRASE = 47 => ["not true", "never said", "not so", "not the case"];
    /// Words left out of a statement's content words when claims are grouped
    /// across articles: function words, contracted negations (apostrophes
    /// dropped), titles and speech verbs. `scripts/claims/text.py`'s `STOP`,
    /// verbatim: the idf table and the pair model were built with it.
    /// (Asked in `claims/propositions/words.rs`.)
    PROPOSITION_STOP_WORD = 48, sorted => ["a", "about", "above", "according", "after", "again", "against", "all", "also", "am", "amp", "an", "and", "any", "are", "arent", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "doing", "don", "dont", "down", "dr", "during", "each", "few", "for", "from", "further", "get", "gets", "got", "had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "isnt", "it", "its", "itself", "just", "like", "may", "me", "might", "more", "most", "mr", "mrs", "ms", "must", "my", "myself", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "s", "said", "same", "say", "saying", "says", "shall", "she", "should", "shouldnt", "so", "some", "such", "t", "tell", "tells", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "told", "too", "two", "under", "until", "up", "very", "via", "was", "wasnt", "we", "were", "werent", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "wont", "would", "wouldnt", "you", "your", "yours", "yourself", "yourselves"];
    /// Negators, apostrophes dropped ("dont"): after one, a word that can be
    /// a verb is read as one (`text.py`'s `NEGATORS`).
    /// (Asked in `claims/propositions/statement.rs`.)
    PROPOSITION_NEGATOR = 49, sorted => ["arent", "cannot", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt", "neither", "never", "no", "nobody", "none", "nor", "not", "nothing", "nt", "shouldnt", "wasnt", "werent", "without", "wont", "wouldnt"];
    /// Auxiliaries, modals and light verbs: never a statement's main verb, and
    /// a word that can be a verb after one is read as one (`claims.py`'s `AUX`).
    /// (Asked in `claims/propositions/statement.rs`.)
    AUXILIARY = 50, sorted => ["am", "are", "be", "been", "being", "can", "could", "did", "do", "does", "get", "got", "had", "has", "have", "is", "let", "make", "may", "might", "must", "shall", "should", "was", "were", "will", "would"];
    /// Besides auxiliaries and negators, the words after which a word that can
    /// be a verb is read as one: "to" and the personal pronouns ("to release",
    /// "they support"; `claims.py`'s `VERB_CONTEXT`).
    /// (Asked in `claims/propositions/statement.rs`.)
    BEFORE_VERB = 51, sorted => ["he", "i", "it", "she", "that", "they", "to", "we", "who", "will", "wont", "you"];
    /// Stance lexicon of claim grouping, denials: a member ending in `*` is a
    /// prefix, one with a space a phrase, the others whole words (matched on
    /// folded words, apostrophes dropped; `claims.py`'s `STANCE_GROUPS`).
    /// (Asked in `claims/propositions/stance.rs`.)
    STANCE_DENY = 52 => ["hoax*", "fake*", "false*", "debunk*", "deny", "denies", "denied", "denial*", "untrue", "myth*", "bogus", "fabricat*", "refut*", "rebut*", "dismiss*", "reject*", "nope", "satire", "satiric*", "scam*", "misleading", "doctored", "photoshop*", "busted", "exposed", "not true", "isnt true", "wasnt true", "no evidence", "never happened", "made up", "not real", "no truth", "no plans", "rules out", "ruled out", "record straight", "not the case", "no such", "probably not", "not actually", "turns out"];
    /// Stance lexicon of claim grouping, hedges (a report), as [`Self::STANCE_DENY`].
    /// (Asked in `claims/propositions/stance.rs`.)
    STANCE_HEDGE = 53 => ["reportedly", "report", "reports", "reported", "according", "claim", "claims", "claimed", "allegedly", "alleged", "rumor*", "rumour*", "sources", "source", "may", "might", "could", "possibly", "apparently", "purportedly", "supposedly", "tipped", "speculat*", "suggest*", "appears", "seems", "said to", "believed to", "set to", "could be", "may be", "says", "say", "said", "tells", "told", "insists", "maintains", "according to"];
    /// Stance lexicon of claim grouping, questions, as [`Self::STANCE_DENY`].
    /// (Asked in `claims/propositions/stance.rs`.)
    STANCE_QUESTION = 54 => ["?", "is this", "is it", "did", "does", "could this", "what", "why", "how", "really"];
    /// Stance lexicon of claim grouping, negators, as [`Self::STANCE_DENY`].
    /// (Asked in `claims/propositions/stance.rs`.)
    STANCE_NEGATION = 55 => ["not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "cant", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent", "hadnt", "cannot", "without"];
    /// Stance lexicon of claim grouping, assertions, as [`Self::STANCE_DENY`].
    /// (Asked in `claims/propositions/stance.rs`.)
    STANCE_ASSERT = 56 => ["confirm*", "confirms", "official*", "officially", "announce*", "reveal*", "proves", "proof", "it is true", "is real", "has been", "will be", "caught on", "video shows", "photo shows"];
    /// Prepositions that open an adjunct of the verb dating the act
    /// ("offered advice on Friday", "rejected it in a ruling released
    /// Thursday"), unlike "to", "from" or "for", which more often belong to
    /// the noun before ("returns from 1995").
    /// (Asked in `statements/repairs.rs`.)
    DATED_ADJUNCT_PREPOSITION = 57 => ["on", "in", "at", "during"];
    /// Titles of the bench: a description by one ("the judge") finds a
    /// person titled by another ("Supreme Court Justice Ann Marsh"), as
    /// [`WordClass::LEADER`] does for leaders.
    /// (Asked in `resolve/speakers.rs`.)
    BENCH_TITLE = 58 => ["judge", "justice", "magistrate"];
    /// Cue words that only report speech or thought: left out of a cue when
    /// the rest of it carries the predicate of a news statement ("refused to
    /// pledge", "openly admires"; `scripts/claims/claims.py`'s `SPEECH`).
    /// (Asked in `claims/propositions/news.rs`.)
    SPEECH_ONLY_CUE = 59, sorted => ["according", "acknowledge", "acknowledged", "add", "added", "adds", "announce", "announced", "answer", "answered", "argue", "argued", "argues", "ask", "asked", "asks", "believe", "believed", "believes", "claim", "claimed", "claims", "comment", "commented", "declare", "declared", "explain", "explained", "explains", "feel", "feels", "felt", "insist", "insisted", "insists", "knew", "know", "knows", "note", "noted", "notes", "recall", "recalled", "remark", "remarked", "replied", "replies", "reply", "report", "reported", "reports", "respond", "responded", "responds", "said", "say", "saying", "says", "state", "stated", "states", "suggest", "suggested", "suggests", "tell", "telling", "tells", "think", "thinks", "thought", "told", "write", "writes", "written", "wrote"];
    /// Sources that name no one by themselves: pronouns, relative pronouns,
    /// possessives (`scripts/claims/stage2.py`'s `PRON`); the subject is then
    /// the last name before the content in its context.
    /// (Asked in `claims/propositions/news.rs`.)
    STAND_IN_SOURCE = 60, sorted => ["he", "her", "hers", "him", "his", "i", "it", "me", "my", "our", "she", "that", "their", "them", "they", "us", "we", "which", "who"];
    /// Words that open a clause adjunct of the reporting clause after a
    /// noun phrase object ("described him as a hawk when he ran",
    /// "offering new efforts amid growing concerns"), unlike "during",
    /// "before" or "after", which more often belong to what is reported.
    /// (Asked in `statements/repairs.rs`.)
    CLAUSE_ADJUNCT_OPENER = 61 => ["when", "while", "because", "amid"];
    /// Headline verbs of criticism, which prose rarely uses for speech
    /// ("Black Lawmakers Rip Trump", "Senator slams plan").
    /// (Asked in `statements/headline.rs`.)
    HEADLINE_CUE = 62 => ["rip", "rips", "slam", "slams", "blast", "blasts"];
    /// What a person writes or gives, which speaks for its author after a
    /// possessive ("according to her account", "his memoir says").
    /// (Asked in `resolve/speakers.rs`.)
    AUTHORED_NOUN = 63 => ["account", "memoir", "book", "letter", "statement", "testimony", "brief", "filing", "submission", "diary", "notes"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_in_bit_order_and_sorted_where_said() {
        for (bit, members) in MEMBERS.iter().enumerate() {
            assert_eq!(members.class, WordClass(1 << bit));
            if members.sorted {
                assert!(members.words.windows(2).all(|w| w[0] < w[1]), "{bit}");
            }
        }
        assert!(MEMBERS.len() <= 64);
    }

    #[test]
    fn membership_is_exact_unless_asked_otherwise() {
        assert!(WordClass::CAPITALISED_FUNCTION_WORD.has("He"));
        assert!(!WordClass::CAPITALISED_FUNCTION_WORD.has("HE"));
        assert!(WordClass::ABBREVIATION.has_ignoring_ascii_case("MR"));
        assert!(WordClass::CLAIM_STOP_WORD.has("said"));
        assert!(!WordClass::CLAIM_STOP_WORD.has("weapons"));
        assert!(WordClass::ROLE.union(WordClass::LEADER).contains(WordClass::LEADER));
    }
}
