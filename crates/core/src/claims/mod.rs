//! Claims: attributed statements grouped by the proposition they make, not
//! by their wording.
//!
//! "China was supplying weapons and gunpowder to Russia", "China was
//! supplying arms to Russia" and "The Chinese side has never provided lethal
//! weapons to any party" are one claim, asserted, asserted and denied. The
//! pipeline, per attribution:
//!
//! 1. The content is cut into propositions at clause boundaries (`;`, dashes,
//!    ", as well as", "and that", sentence ends); a trailing reported aside
//!    (", which Beijing has repeatedly stated is not the case") is cut off,
//!    because it belongs to another speaker.
//! 2. Each proposition becomes a set of *concepts*: lowercased content words,
//!    lightly stemmed, stop words dropped, synonyms and hypernyms folded
//!    ("arms", "gunpowder" → `weapon`; "provide", "send" → `supply`) and
//!    place and state names folded to one entity ("Beijing", "the Chinese
//!    side" → `@china`). This is a [`ClaimKey`].
//! 3. Negation ("never", "not", "denied", "is not the case") marks the
//!    proposition as denied; so does a `Deny` stance of the attribution.
//!    Anaphoric denials ("which Beijing has repeatedly stated is not the
//!    case") borrow the proposition they point back to.
//! 4. Propositions are clustered by [`ClaimKey::similarity`] with average
//!    link above [`IN_DOCUMENT_THRESHOLD`]. One attribution may belong to
//!    several claims when its clauses say several things.
//!
//! [`ClaimKey`] is also the cross-document form: the ledger stores its
//! concepts ([`ClaimKey::to_storage`]), finds candidates by the key's rarest
//! concepts (or, for other stores, by [`ClaimKey::bands`], MinHash LSH) and
//! attaches a new statement to the most similar stored claim above
//! [`CROSS_DOCUMENT_THRESHOLD`].
//!
//! The tables here are deliberately small; a gazetteer may replace the
//! entity table later. Open decision: whether similarity should use corpus
//! IDF weights once the ledger can provide them.

pub mod propositions;

use crate::lexicon::WordClass;
pub use crate::resolve::stance::is_negated;
use crate::resolve::stance::{cut_reported_aside, first_sentence, negates_only_intent};
use crate::text::words::proposition_words;
use crate::{Attribution, Claim, ClaimMember, Entity, Span, Stance};

/// Average-link similarity at or above which two propositions of one
/// document are one claim. Chosen on the seed article's hand annotation.
pub(crate) const IN_DOCUMENT_THRESHOLD: f32 = 0.30;

/// Similarity at or above which a statement joins a stored claim of another
/// document. Higher than [`IN_DOCUMENT_THRESHOLD`]: across documents there
/// is no shared context, so only close wording counts.
pub const CROSS_DOCUMENT_THRESHOLD: f32 = 0.45;

/// Concepts other than entities that a statement must share with a claim
/// of another document to join it. Without it, short keys ("to comment",
/// "the move") gathered unrelated statements from hundreds of articles on
/// the BBC corpus.
pub const MIN_SHARED_CONTENT: usize = 2;

/// The decision that puts statements of two documents in one claim, given
/// their keys' [`ClaimKey::similarity`] and how many content concepts
/// (not entities) they share. The ledger and the Spark job both ask it.
pub fn joins_across_documents(similarity: f32, shared_content: usize) -> bool {
    similarity >= CROSS_DOCUMENT_THRESHOLD && shared_content >= MIN_SHARED_CONTENT
}

/// The normalised content of one proposition: its concept set.
///
/// Invariant: `concepts` is sorted and free of duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimKey {
    concepts: Vec<String>,
}

impl ClaimKey {
    /// The key of a piece of text (one proposition).
    pub fn of_text(text: &str) -> ClaimKey {
        ClaimKey::from_concepts(concepts_of(text))
    }

    /// The key of a set of concepts (as [`ClaimKey::concepts`] returns).
    fn from_concepts(mut concepts: Vec<String>) -> ClaimKey {
        concepts.sort();
        concepts.dedup();
        ClaimKey { concepts }
    }

    /// Reads a key written by [`ClaimKey::to_storage`].
    pub fn from_storage(stored: &str) -> ClaimKey {
        ClaimKey::from_concepts(stored.split(' ').filter(|c| !c.is_empty()).map(str::to_string).collect())
    }

    /// The concepts separated by spaces (concepts contain no spaces).
    pub fn to_storage(&self) -> String {
        self.concepts.join(" ")
    }

    /// The concepts, sorted. Entities start with `@`.
    pub fn concepts(&self) -> &[String] {
        &self.concepts
    }

    /// True when the text had no content word at all.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// How similar two keys are and whether their statements make one claim
    /// across documents ([`joins_across_documents`]).
    pub fn joins(&self, other: &ClaimKey) -> (f32, bool) {
        let similarity = self.similarity(other);
        let shared_content = self
            .concepts
            .iter()
            .filter(|c| concept_weight(c) >= 1.0 && other.concepts.binary_search(c).is_ok())
            .count();
        (similarity, joins_across_documents(similarity, shared_content))
    }

    /// Weighted cosine similarity of the two concept sets, 0 to 1. Entities
    /// weigh half: most statements in a story name the same countries.
    pub fn similarity(&self, other: &ClaimKey) -> f32 {
        similarity_of(&self.concepts, &other.concepts)
    }
}

/// Groups the attributions of one document into claims.
///
/// `text` is the document the attributions' spans point into; `speakers` is
/// the analysis' entity list that [`Attribution::speaker`] indexes. Claims
/// come in the text order of their first member; every attribution with at
/// least one content word is a member of at least one claim.
pub fn group_claims(text: &str, attributions: &[Attribution], speakers: &[Entity]) -> Vec<Claim> {
    let propositions = propositions_of(text, attributions, speakers);
    // Clustering holds a matrix of every pair: a statement of thousands of
    // clauses (one quote chained over thousands of paragraphs) is clustered
    // in consecutive runs of propositions, so that memory stays bounded.
    let mut clusters = Vec::new();
    for (k, run) in propositions.chunks(MOST_CLUSTERED).enumerate() {
        clusters.extend(
            cluster(run, IN_DOCUMENT_THRESHOLD)
                .into_iter()
                .map(|c| c.into_iter().map(|i| i + k * MOST_CLUSTERED).collect::<Vec<usize>>()),
        );
    }
    claims_of(text, &propositions, clusters)
}

/// Claim grouping compares statements pairwise; a document with thousands
/// of statements (a transcript, a 50 MB line) is grouped in windows of
/// [`CLAIM_WINDOW`] consecutive statements so that time stays linear.
const CLAIM_WINDOW: usize = 150;

pub(crate) fn group_in_windows(text: &str, attributions: &[Attribution], entities: &[Entity]) -> Vec<Claim> {
    if attributions.len() <= CLAIM_WINDOW {
        return group_claims(text, attributions, entities);
    }
    let mut claims = Vec::new();
    for (k, window) in attributions.chunks(CLAIM_WINDOW).enumerate() {
        for mut claim in group_claims(text, window, entities) {
            for member in claim.members.iter_mut() {
                member.attribution += k * CLAIM_WINDOW;
            }
            claims.push(claim);
        }
    }
    claims
}

/// A negated statement in a claim that another speaker's statement
/// asserts is a rebuttal, and its speaker denies ("The Chinese side has
/// never provided lethal weapons" against "China was supplying weapons"):
/// its stance becomes [`Stance::Deny`]. A negated statement that rebuts
/// nobody stays an assertion of a negative fact.
pub(crate) fn mark_rebuttals(text: &str, attributions: &mut [Attribution], claims: &[Claim]) {
    let mut rebuttals = Vec::new();
    for claim in claims {
        for member in claim.members.iter().filter(|m| m.stance == Stance::Deny) {
            let Some(rebutting) = attributions.get(member.attribution) else { continue };
            // "will not resign": a negated intention or promise rebuts nothing.
            let content = rebutting.content.text(text);
            let intent = || negates_only_intent(&content);
            // A rebuttal says no first ("The Chinese side has never
            // provided ..."); a quote that opens with its own point and
            // negates something later on ("This is a disgusting day. ... He
            // had no proof of it") rebuts no one.
            let opens_negated = || is_negated(first_sentence(&content));
            if rebutting.stance != Stance::Assert || rebutting.speaker.is_none() || intent() || !opens_negated() {
                continue;
            }
            // What is rebutted was said before the rebuttal: a story gives
            // the claim, then the answer. A negative remark followed by
            // another speaker's account of the same event answers nothing.
            let rebuts = claim.members.iter().any(|other| {
                let asserted = &attributions[other.attribution];
                other.attribution < member.attribution
                    && other.stance == Stance::Assert
                    && asserted.stance == Stance::Assert
                    && asserted.speaker.is_some()
                    && asserted.speaker != rebutting.speaker
            });
            if rebuts {
                rebuttals.push(member.attribution);
            }
        }
    }
    for idx in rebuttals {
        attributions[idx].stance = Stance::Deny;
    }
}

/// The most propositions clustered together (a 1 MB matrix of pairs).
const MOST_CLUSTERED: usize = 512;

/// The stance of a statement towards the positive form of its proposition:
/// a negated proposition or a denying speaker denies it.
pub(crate) fn member_stance(attribution_stance: Stance, negated: bool) -> Stance {
    if negated {
        return Stance::Deny;
    }
    attribution_stance
}

// One proposition of one attribution.
struct Proposition {
    attribution: usize,
    span: Span,
    concepts: Vec<String>,
    stance: Stance,
}

fn propositions_of(text: &str, attributions: &[Attribution], speakers: &[Entity]) -> Vec<Proposition> {
    let mut propositions: Vec<Proposition> = Vec::new();
    // Anaphoric ones are resolved after the others exist.
    let mut anaphoric: Vec<(usize, Span, bool)> = Vec::new();
    for (attribution_idx, attribution) in attributions.iter().enumerate() {
        let mut clauses: Vec<Span> = Vec::new();
        for &piece in attribution.content.spans() {
            clauses.extend(clauses_of(text, piece));
        }
        let speaker_concept = attribution
            .speaker
            .and_then(|id| speakers.get(id.0))
            .and_then(|entity| entity_concept_of_name(&entity.name));
        let mut found = false;
        for clause in clauses {
            let clause_text = clause.slice(text);
            let negated = is_negated(clause_text) || attribution.stance == Stance::Deny;
            let mut concepts = concepts_of(clause_text);
            let n_content = concepts.iter().filter(|c| !c.starts_with('@')).count();
            if n_content <= 1 && negated {
                anaphoric.push((attribution_idx, clause, negated));
                continue;
            }
            if n_content == 0 {
                continue;
            }
            // "China denied providing weapons": what a speaker denies is
            // mostly about itself, so the speaker joins the proposition.
            if attribution.stance == Stance::Deny {
                if let Some(concept) = &speaker_concept {
                    concepts.push(concept.clone());
                }
            }
            concepts.sort();
            concepts.dedup();
            let stance = member_stance(attribution.stance, negated);
            propositions.push(Proposition { attribution: attribution_idx, span: clause, concepts, stance });
            found = true;
        }
        if !found && !anaphoric.iter().any(|&(i, _, _)| i == attribution_idx) {
            // Too short to split usefully: keep the whole content as one.
            let extent = attribution.content.extent();
            let concepts = concepts_of(extent.slice(text));
            if !concepts.is_empty() {
                let negated = is_negated(extent.slice(text)) || attribution.stance == Stance::Deny;
                let stance = member_stance(attribution.stance, negated);
                propositions.push(Proposition { attribution: attribution_idx, span: extent, concepts, stance });
            }
        }
    }
    for (attribution_idx, clause, negated) in anaphoric {
        let attribution = &attributions[attribution_idx];
        let stance = member_stance(attribution.stance, negated);
        match antecedent_of(text, attribution, &propositions) {
            Some((span, concepts)) => {
                propositions.push(Proposition { attribution: attribution_idx, span, concepts, stance });
            }
            None => {
                let concepts = concepts_of(clause.slice(text));
                propositions.push(Proposition { attribution: attribution_idx, span: clause, concepts, stance });
            }
        }
    }
    propositions.sort_by_key(|p| (p.attribution, p.span));
    propositions
}

// "..., which Beijing has repeatedly stated is not the case": the
// proposition is the clause before ", which". Prefers a proposition of
// another attribution that ends there; else the sentence up to it.
fn antecedent_of(text: &str, attribution: &Attribution, propositions: &[Proposition]) -> Option<(Span, Vec<String>)> {
    let anchor = match &attribution.source {
        Some(source) => source.extent().start(),
        None => attribution.content.extent().start(),
    };
    let before = text.get(..anchor)?;
    let trimmed = before.trim_end();
    let lower_tail: String = trimmed.chars().rev().take(8).collect::<Vec<char>>().into_iter().rev().collect();
    if !lower_tail.to_lowercase().ends_with("which") && !lower_tail.to_lowercase().ends_with("that") {
        return None;
    }
    let clause_end = trimmed.len().saturating_sub(5);
    let clause_end = text.get(..clause_end)?.trim_end_matches([',', ' ']).len();
    let best = propositions
        .iter()
        .filter(|p| p.span.end() <= clause_end && clause_end - p.span.end() <= 3)
        .max_by_key(|p| p.span.len());
    if let Some(p) = best {
        return Some((p.span, p.concepts.clone()));
    }
    let sentence_start = text.get(..clause_end)?.rfind(['.', '\n', '“', '"']).map_or(0, |i| i + 1);
    let span = Span::new(sentence_start, clause_end);
    let concepts = concepts_of(span.slice(text));
    if concepts.is_empty() {
        return None;
    }
    Some((span, concepts))
}

// Splits one content piece into clause spans (trimmed, possibly several).
fn clauses_of(text: &str, piece: Span) -> Vec<Span> {
    let piece_text = piece.slice(text);
    let main = cut_reported_aside(piece_text);
    let mut out = Vec::new();
    let mut start = 0;
    let lower = main.to_lowercase();
    // `lower` may differ in length from `main` for odd characters; only
    // split when the lengths agree so that offsets stay valid.
    let separators: &[&str] = &["; ", " – ", " — ", " - ", ", as well as ", " and that ", ". ", "? ", "! "];
    if lower.len() == main.len() {
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        for sep in separators {
            let mut from = 0;
            while let Some(pos) = lower.get(from..).and_then(|rest| rest.find(sep)) {
                cuts.push((from + pos, from + pos + sep.len()));
                from += pos + sep.len();
            }
        }
        cuts.sort();
        for (cut_start, cut_end) in cuts {
            if cut_start >= start {
                out.push((start, cut_start));
                start = cut_end;
            }
        }
    }
    out.push((start, main.len()));
    out.into_iter()
        .filter_map(|(s, e)| {
            let part = main.get(s..e)?;
            let lead = part.len() - part.trim_start().len();
            let trail = part.len() - part.trim_end().len();
            let span = Span::new(piece.start() + s + lead, piece.start() + e - trail);
            (!span.is_empty()).then_some(span)
        })
        .collect()
}

// Cuts ", which Beijing has repeatedly stated is not the case" off the end:
// it reports someone else's words about the clause before it.

// Average-link agglomerative clustering; returns lists of proposition
// indices. Keeps the sum of similarities between every two clusters and
// merges them in place (Lance-Williams), so the whole is O(n^3) in the
// propositions of one document.
fn cluster(propositions: &[Proposition], threshold: f32) -> Vec<Vec<usize>> {
    let n = propositions.len();
    let mut sum = vec![vec![0.0f32; n]; n];
    for i in 0..n {
        for j in (i + 1)..n {
            let s = if propositions[i].attribution == propositions[j].attribution {
                // Clauses of one statement are separate on purpose.
                0.0
            } else {
                similarity_of(&propositions[i].concepts, &propositions[j].concepts)
            };
            sum[i][j] = s;
            sum[j][i] = s;
        }
    }
    let mut clusters: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for a in 0..n {
            let Some(members_a) = &clusters[a] else { continue };
            for b in (a + 1)..n {
                let Some(members_b) = &clusters[b] else { continue };
                let average = sum[a][b] / (members_a.len() * members_b.len()) as f32;
                if average >= threshold && best.is_none_or(|(_, _, s)| average > s) {
                    best = Some((a, b, average));
                }
            }
        }
        let Some((a, b, _)) = best else { break };
        let merged = clusters[b].take().unwrap_or_default();
        if let Some(members_a) = clusters[a].as_mut() {
            members_a.extend(merged);
        }
        let row_b = sum[b].clone();
        for (k, moved) in row_b.into_iter().enumerate() {
            sum[a][k] += moved;
            sum[k][a] = sum[a][k];
        }
    }
    clusters.into_iter().flatten().collect()
}

fn claims_of(text: &str, propositions: &[Proposition], clusters: Vec<Vec<usize>>) -> Vec<Claim> {
    let mut in_shared: Vec<usize> = Vec::new();
    for cluster in &clusters {
        let mut attributions: Vec<usize> = cluster.iter().map(|&i| propositions[i].attribution).collect();
        attributions.sort();
        attributions.dedup();
        if attributions.len() > 1 {
            in_shared.extend(attributions);
        }
    }
    let mut claims: Vec<(usize, Claim)> = Vec::new();
    let mut seen_single: Vec<usize> = Vec::new();
    for cluster in clusters {
        let mut members: Vec<ClaimMember> = Vec::new();
        for &i in &cluster {
            let p = &propositions[i];
            if !members.iter().any(|m| m.attribution == p.attribution) {
                members.push(ClaimMember { attribution: p.attribution, stance: p.stance });
            }
        }
        members.sort_by_key(|m| m.attribution);
        if members.len() == 1 {
            // A lone clause of a statement that already belongs to a claim
            // adds nothing; a statement's first lone clause stands for it.
            let only = members[0].attribution;
            if in_shared.contains(&only) || seen_single.contains(&only) {
                continue;
            }
            seen_single.push(only);
        }
        let representative = representative_of(propositions, &cluster);
        let first = members[0].attribution;
        claims.push((first, Claim { text: representative.slice(text).to_string(), members }));
    }
    claims.sort_by_key(|(first, _)| *first);
    claims.into_iter().map(|(_, claim)| claim).collect()
}

// The member proposition most like the others, preferring assertions and
// then shorter text, so that the claim reads in its positive form.
fn representative_of(propositions: &[Proposition], cluster: &[usize]) -> Span {
    let mut best: Option<(bool, f32, usize, Span)> = None;
    for &i in cluster {
        let p = &propositions[i];
        let centrality: f32 =
            cluster.iter().filter(|&&j| j != i).map(|&j| similarity_of(&p.concepts, &propositions[j].concepts)).sum();
        let asserted = p.stance != Stance::Deny;
        let candidate = (asserted, centrality, p.span.len(), p.span);
        let better = match &best {
            None => true,
            Some((b_asserted, b_centrality, b_len, _)) => {
                (asserted, centrality) > (*b_asserted, *b_centrality)
                    || (asserted == *b_asserted && centrality == *b_centrality && p.span.len() < *b_len)
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best.map_or(Span::new(0, 0), |(_, _, _, span)| span)
}

fn similarity_of<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> f32 {
    // Both sorted: merge.
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut weight_a, mut weight_b) = (0.0f32, 0.0f32, 0.0f32);
    while i < a.len() || j < b.len() {
        match (a.get(i).map(AsRef::as_ref), b.get(j).map(AsRef::as_ref)) {
            (Some(x), Some(y)) if x == y => {
                let w = concept_weight(x);
                shared += w * w;
                weight_a += w * w;
                weight_b += w * w;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                weight_a += concept_weight(x).powi(2);
                i += 1;
            }
            (Some(x), None) => {
                weight_a += concept_weight(x).powi(2);
                i += 1;
            }
            (_, Some(y)) => {
                weight_b += concept_weight(y).powi(2);
                j += 1;
            }
            (None, None) => break,
        }
    }
    if weight_a == 0.0 || weight_b == 0.0 {
        return 0.0;
    }
    shared / (weight_a * weight_b).sqrt()
}

/// The weight of one concept in [`ClaimKey::similarity`]: entities (`@`)
/// weigh 0.7, other concepts 1. Stores that keep concepts in their own form
/// use it to compute the same similarity.
pub fn concept_weight(concept: &str) -> f32 {
    if concept.starts_with('@') {
        0.7
    } else {
        1.0
    }
}

/// The concepts of a piece of text, in text order, with repeats: content
/// words lowercased, stemmed and folded through the synonym and entity
/// tables; stop words, negations and numbers dropped.
pub(crate) fn concepts_of(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for (_, word) in proposition_words(&lower) {
        if word.len() < 2 || word.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if WordClass::CLAIM_STOP_WORD.has(word) || WordClass::NEGATION.has(word) {
            continue;
        }
        if let Ok(idx) = TABLE.binary_search_by(|(surface, _)| surface.cmp(&word)) {
            let concept = TABLE[idx].1;
            if !concept.is_empty() {
                out.push(concept.to_string());
            }
            continue;
        }
        let stem = stem(word);
        if let Ok(idx) = TABLE.binary_search_by(|(surface, _)| surface.cmp(&stem.as_str())) {
            let concept = TABLE[idx].1;
            if !concept.is_empty() {
                out.push(concept.to_string());
            }
            continue;
        }
        if WordClass::CLAIM_STOP_WORD.has(stem.as_str()) {
            continue;
        }
        out.push(stem);
    }
    out
}

// The entity concept of a speaker's name ("China", "Beijing"), if the
// table knows it.
fn entity_concept_of_name(name: &str) -> Option<String> {
    concepts_of(name).into_iter().find(|c| c.starts_with('@'))
}

// A light suffix stripper: enough to make "supplying", "supplied",
// "supplies" and "supply" meet, not a Porter stemmer.
fn stem(word: &str) -> String {
    let n = word.len();
    if !word.is_ascii() || n <= 3 {
        return word.to_string();
    }
    let strip = |suffix: &str, min_rest: usize| -> Option<&str> {
        word.strip_suffix(suffix).filter(|rest| rest.len() >= min_rest)
    };
    let base: String = if let Some(rest) = strip("ies", 2) {
        format!("{rest}y")
    } else if let Some(rest) = strip("ied", 2) {
        format!("{rest}y")
    } else if let Some(rest) = strip("ing", 3) {
        undouble(rest)
    } else if let Some(rest) = strip("ed", 3) {
        undouble(rest)
    } else if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        word.to_string()
    } else if let Some(rest) =
        strip("es", 3).filter(|r| r.ends_with("ss") || r.ends_with("sh") || r.ends_with("ch") || r.ends_with('x'))
    {
        rest.to_string()
    } else if let Some(rest) = strip("s", 3) {
        rest.to_string()
    } else {
        word.to_string()
    };
    // "produce" and "produc(ing)" meet by dropping a final "e".
    match base.strip_suffix('e') {
        Some(rest) if rest.len() >= 3 => rest.to_string(),
        _ => base,
    }
}

fn undouble(rest: &str) -> String {
    let bytes = rest.as_bytes();
    let n = bytes.len();
    if n >= 2 && bytes[n - 1] == bytes[n - 2] && !matches!(bytes[n - 1], b'l' | b's' | b'z') {
        return rest[..n - 1].to_string();
    }
    rest.to_string()
}

// Sorted (binary searched; a test checks the order). Words that carry no
// proposition of their own: function words, reporting and hedging verbs,
// and the titles and demand verbs ("the deputy minister called on ...")
// that frame an embedded report rather than state it.

// Sorted by surface form (binary searched; a test checks the order).
// Surface form or stem → concept; an empty concept drops the word. Entities
// start with `@`.
const TABLE: &[(&str, &str)] = &[
    ("aggression", "war"),
    ("america", "@usa"),
    ("american", "@usa"),
    ("americans", "@usa"),
    ("ammunition", "weapon"),
    ("armament", "weapon"),
    ("armaments", "weapon"),
    ("arms", "weapon"),
    ("army", "military"),
    ("assist", "support"),
    ("assistance", "support"),
    ("backing", "support"),
    ("battle", "fight"),
    ("beijing", "@china"),
    ("britain", "@uk"),
    ("british", "@uk"),
    ("brussels", "@eu"),
    ("china", "@china"),
    ("chines", "@china"),
    ("chinese", "@china"),
    ("citizen", "people"),
    ("citizens", "people"),
    ("combat", "fight"),
    ("conflict", "war"),
    ("deliver", "supply"),
    ("delivered", "supply"),
    ("deliveries", "supply"),
    ("delivering", "supply"),
    ("delivers", "supply"),
    ("delivery", "supply"),
    ("equipment", "product"),
    ("eu", "@eu"),
    ("europe", "@eu"),
    ("european", "@eu"),
    ("facilities", "factory"),
    ("facility", "factory"),
    ("factories", "factory"),
    ("factory", "factory"),
    ("fight", "fight"),
    ("fighter", "fight"),
    ("fighters", "fight"),
    ("fighting", "fight"),
    ("fights", "fight"),
    ("fought", "fight"),
    ("gave", "supply"),
    ("give", "supply"),
    ("given", "supply"),
    ("gives", "supply"),
    ("giving", "supply"),
    ("gunpowder", "weapon"),
    ("help", "help"),
    ("helping", "help"),
    ("hostilities", "fight"),
    ("hostility", "fight"),
    ("invasion", "war"),
    ("involve", "involve"),
    ("involved", "involve"),
    ("involvement", "involve"),
    ("involving", "involve"),
    ("iran", "@iran"),
    ("iranian", "@iran"),
    ("israel", "@israel"),
    ("israeli", "@israel"),
    ("kiev", "@ukraine"),
    ("kremlin", "@russia"),
    ("kyiv", "@ukraine"),
    ("lethal", ""),
    ("london", "@uk"),
    ("manufacture", "produce"),
    ("manufactured", "produce"),
    ("manufacturing", "produce"),
    ("missile", "weapon"),
    ("missiles", "weapon"),
    ("moscow", "@russia"),
    ("munition", "weapon"),
    ("munitions", "weapon"),
    ("national", "people"),
    ("nationals", "people"),
    ("obtain", "steal"),
    ("obtained", "steal"),
    ("participate", "involve"),
    ("participated", "involve"),
    ("participating", "involve"),
    ("participation", "involve"),
    ("plant", "factory"),
    ("plants", "factory"),
    ("produc", "produce"),
    ("product", "product"),
    ("production", "produce"),
    ("products", "product"),
    ("provid", "supply"),
    ("provide", "supply"),
    ("provided", "supply"),
    ("provides", "supply"),
    ("providing", "supply"),
    ("russia", "@russia"),
    ("russian", "@russia"),
    ("russians", "@russia"),
    ("sell", "supply"),
    ("selling", "supply"),
    ("sells", "supply"),
    ("send", "supply"),
    ("sending", "supply"),
    ("sends", "supply"),
    ("sent", "supply"),
    ("sold", "supply"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("supplied", "supply"),
    ("supplies", "supply"),
    ("supply", "supply"),
    ("supplying", "supply"),
    ("support", "support"),
    ("supported", "support"),
    ("supporting", "support"),
    ("supports", "support"),
    ("technologies", "technology"),
    ("technology", "technology"),
    ("uk", "@uk"),
    ("ukrain", "@ukraine"),
    ("ukraine", "@ukraine"),
    ("ukrainian", "@ukraine"),
    ("ukrainians", "@ukraine"),
    ("usa", "@usa"),
    ("war", "war"),
    ("warfare", "war"),
    ("wars", "war"),
    ("washington", "@usa"),
    ("weapon", "weapon"),
    ("weaponry", "weapon"),
    ("weapons", "weapon"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AttributionKind, EntityIndex, EntityKind, Role};

    fn attribution(text: &str, content: &str, stance: Stance, speaker: Option<usize>) -> Attribution {
        let start = text.find(content).expect("test content is in the text");
        Attribution {
            source: None,
            cue: None,
            content: Role::single(Span::new(start, start + content.len())).expect("non-empty"),
            kind: AttributionKind::Indirect,
            speaker: speaker.map(EntityIndex),
            stance,
            said_on: None,
            relayed_by: Vec::new(),
            addressee: None,
            confidence: 1.0,
        }
    }

    #[test]
    fn a_statement_of_thousands_of_clauses_is_grouped_in_runs() {
        // 1,200 clauses in one statement, then a second statement repeating
        // the claim: clustered in runs of MOST_CLUSTERED propositions, the
        // second still joins the clauses of its run.
        let long: String = (0..1_200).map(|_| "The steel mill closed its gates. ").collect();
        let text = format!("{long}Workers said the steel mill closed its gates.");
        let first = attribution(&text, long.trim_end(), Stance::Assert, None);
        let second = attribution(&text, "the steel mill closed its gates", Stance::Assert, None);
        let claims = group_claims(&text, &[first, second], &[]);
        assert!(claims.iter().all(|c| c.members.iter().all(|m| m.attribution < 2)));
        let shared = claims.iter().find(|c| c.members.len() == 2).expect("a claim of both statements");
        assert_eq!(shared.members.iter().map(|m| m.attribution).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn a_rebuttal_answers_an_earlier_claim_and_says_no_first() {
        let rebut = |text: &str, asserted: &str, negated: &str| {
            let attributions = vec![
                attribution(text, asserted, Stance::Assert, Some(0)),
                attribution(text, negated, Stance::Assert, Some(1)),
            ];
            let mut attributions = if text.find(asserted) < text.find(negated) {
                attributions
            } else {
                attributions.into_iter().rev().collect()
            };
            let claims = group_claims(text, &attributions, &[]);
            mark_rebuttals(text, &mut attributions, &claims);
            attributions.iter().find(|a| a.content.text(text) == negated).map(|a| a.stance)
        };
        // The claim, then the answer: a denial.
        let text =
            "The mayor said the city sold the harbour land. The council said the city never sold the harbour land.";
        assert_eq!(
            rebut(text, "the city sold the harbour land", "the city never sold the harbour land"),
            Some(Stance::Deny)
        );
        // The negative remark first, another account after it: asserted.
        let text =
            "The council said the city never sold the harbour land. The mayor said the city sold the harbour land.";
        assert_eq!(
            rebut(text, "the city sold the harbour land", "the city never sold the harbour land"),
            Some(Stance::Assert)
        );
        // A quote that makes its own point first and negates later: asserted.
        let text = "The mayor said the city sold the harbour land. The council said: This is a sad day. The city never sold the harbour land.";
        assert_eq!(
            rebut(text, "the city sold the harbour land", "This is a sad day. The city never sold the harbour land."),
            Some(Stance::Assert)
        );
    }

    #[test]
    fn tables_are_sorted() {
        assert!(WordClass::CLAIM_STOP_WORD.words().windows(2).all(|w| w[0] < w[1]));
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn synonyms_and_entities_fold() {
        let a = ClaimKey::of_text("China was supplying weapons and gunpowder to Russia");
        let b = ClaimKey::of_text("China was supplying arms to Russia");
        let c = ClaimKey::of_text("The Chinese side has never provided lethal weapons to any party");
        assert_eq!(a.concepts(), ["@china", "@russia", "supply", "weapon"]);
        assert_eq!(b.concepts(), a.concepts());
        assert_eq!(c.concepts(), ["@china", "supply", "weapon"]);
    }

    #[test]
    fn negation_is_found_outside_reported_asides() {
        assert!(is_negated("The Chinese side has never provided lethal weapons"));
        assert!(is_negated("is not the case"));
        assert!(!is_negated("China was supplying arms to Russia"));
        assert!(!is_negated("stop supporting Russia, which Beijing has repeatedly stated is not the case"));
    }

    #[test]
    fn supply_claim_groups_assert_assert_deny() {
        let text = "He said China was supplying weapons and gunpowder to Russia. \
                    Later he said China was supplying arms to Russia. \
                    A spokesman said the Chinese side has never provided lethal weapons to any party. \
                    The weather was fine, the farmer said.";
        let speakers = vec![Entity { name: "China".into(), kind: EntityKind::Country, mentions: vec![] }];
        let attributions = vec![
            attribution(text, "China was supplying weapons and gunpowder to Russia", Stance::Assert, None),
            attribution(text, "China was supplying arms to Russia", Stance::Assert, None),
            attribution(
                text,
                "the Chinese side has never provided lethal weapons to any party",
                Stance::Assert,
                Some(0),
            ),
            attribution(text, "The weather was fine", Stance::Assert, None),
        ];
        let claims = group_claims(text, &attributions, &speakers);
        assert_eq!(claims.len(), 2);
        let stances: Vec<(usize, &str)> =
            claims[0].members.iter().map(|m| (m.attribution, m.stance.as_str())).collect();
        assert_eq!(stances, [(0, "assert"), (1, "assert"), (2, "deny")]);
        assert_eq!(claims[0].text, "China was supplying arms to Russia");
        assert_eq!(claims[1].members.len(), 1);
    }

    #[test]
    fn anaphoric_denial_borrows_its_antecedent() {
        let text = "The minister called on China to stop supporting Russia in its aggression against Ukraine, \
                    which Beijing has repeatedly stated is not the case, the ministry added.";
        let mut called = attribution(
            text,
            "China to stop supporting Russia in its aggression against Ukraine",
            Stance::Assert,
            None,
        );
        called.cue = None;
        let mut denial = attribution(text, "is not the case", Stance::Deny, None);
        let source_start = text.find("Beijing").expect("in text");
        denial.source = Role::single(Span::new(source_start, source_start + "Beijing".len()));
        let claims = group_claims(text, &[called, denial], &[]);
        assert_eq!(claims.len(), 1);
        let stances: Vec<&str> = claims[0].members.iter().map(|m| m.stance.as_str()).collect();
        assert_eq!(stances, ["assert", "deny"]);
    }

    #[test]
    fn keys_store_their_concepts_and_compare() {
        let key = ClaimKey::of_text("China was supplying arms to Russia");
        assert_eq!(key.to_storage(), key.concepts().join(" "));
        let other = ClaimKey::of_text("China supplied weapons to Russia");
        assert!(key.similarity(&other) > 0.99);
        assert!(ClaimKey::of_text("").is_empty());
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("supplying"), stem("supply"));
        assert_eq!(stem("producing"), stem("produce"));
        assert_eq!(stem("drones"), stem("drone"));
        assert_eq!(stem("companies"), stem("company"));
    }

    // Real sentences from PolNeAR dev (read at run time, never copied):
    // statements about different things stay apart; negated ones deny.
    #[test]
    fn polnear_dev_statements_group_by_topic() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/polnear/dev/text/usa-today_2016-09-08_candidates-vie-for-vets-support-.txt"
        );
        let text = std::fs::read_to_string(path).expect("PolNeAR dev in ../shared");
        let contents = [
            ("Trump also initially supported the invasion in 2003", Stance::Assert),
            ("he was \"totally against the war in Iraq\"", Stance::Assert),
            ("she mishandled classified information", Stance::Deny),
            ("praise from Russian President Vladimir Putin would not affect his policy toward Russia", Stance::Assert),
            ("Trump is reduced to \"taunts and insults\" because he cannot defend his own record", Stance::Assert),
            ("it was \"a mistake\" to use private email while at the State Department", Stance::Assert),
        ];
        let attributions: Vec<Attribution> =
            contents.iter().map(|(content, stance)| attribution(&text, content, *stance, None)).collect();
        let claims = group_claims(&text, &attributions, &[]);
        let got: Vec<String> = claims
            .iter()
            .map(|c| {
                let members: Vec<String> =
                    c.members.iter().map(|m| format!("{}:{}", m.attribution, m.stance.as_str())).collect();
                members.join(" ")
            })
            .collect();
        // FIXME(lexical grouping): "supported the invasion" and "totally
        // against the war in Iraq" are one proposition, asserted and denied,
        // but share only `war`; they stay apart until stance-aware matching.
        // FIXME(negation scope): 4 asserts its main clause; the "cannot" of
        // its "because" clause makes it deny.
        assert_eq!(got, ["0:assert", "1:assert", "2:deny", "3:deny", "4:deny", "5:assert"]);
    }
}
