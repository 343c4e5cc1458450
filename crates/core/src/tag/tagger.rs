//! The attribution tagger: a linear-chain model over BIO labels for the
//! three roles (source, cue, content), decoded with Viterbi per paragraph
//! and trained as an averaged structured perceptron.
//!
//! Weights live in an open-addressing table keyed by 64-bit feature hashes
//! and are stored quantised to `i16` ([`Tagger::to_bytes`]), so the model
//! built into the binary is a few megabytes and loads in milliseconds.

use std::collections::HashMap;

/// Number of labels.
pub const N_LABELS: usize = 7;

/// BIO labels for the three roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Label {
    /// Outside every role.
    O = 0,
    /// First token of a source.
    BeginSource = 1,
    /// Inside a source.
    InSource = 2,
    /// First token of a cue.
    BeginCue = 3,
    /// Inside a cue.
    InCue = 4,
    /// First token of a content piece.
    BeginContent = 5,
    /// Inside a content piece.
    InContent = 6,
}

impl Label {
    /// All labels by index.
    pub const ALL: [Label; N_LABELS] = [
        Label::O,
        Label::BeginSource,
        Label::InSource,
        Label::BeginCue,
        Label::InCue,
        Label::BeginContent,
        Label::InContent,
    ];

    /// The label with this index.
    pub fn from_index(idx: usize) -> Label {
        Label::ALL[idx.min(N_LABELS - 1)]
    }

    /// May `self` follow `prev`? An inside label continues its own role only.
    fn may_follow(self, prev: Option<Label>) -> bool {
        match self {
            Label::InSource => matches!(prev, Some(Label::BeginSource | Label::InSource)),
            Label::InCue => matches!(prev, Some(Label::BeginCue | Label::InCue)),
            Label::InContent => matches!(prev, Some(Label::BeginContent | Label::InContent)),
            _ => true,
        }
    }
}

/// Learned weights: per feature a weight for each label, plus label
/// transition weights.
///
/// Weights are held quantised to `i16` with one scale and keyed by a 32-bit
/// fold of the feature hash. Two features folding to one key share weights;
/// among a few hundred thousand features that happens a handful of times.
/// Lookups go to a [`Table`] of weights relative to label O.
#[derive(Clone)]
pub struct Tagger {
    // Invariant: sorted by key, keys unique and non-zero; the weights as
    // saved ([`Tagger::to_bytes`]).
    entries: Vec<(u32, [i16; N_LABELS])>,
    scale: f32,
    // Invariant: built from `entries` and `scale` when first needed (a
    // two-pass model mostly reads its [`FusedPasses`] instead).
    table: std::sync::OnceLock<Table<1>>,
    // transitions[prev][next]; row N_LABELS is the sequence start.
    transitions: [[f32; N_LABELS]; N_LABELS + 1],
}

/// Weights per label but O.
const RELATIVE: usize = N_LABELS - 1;

/// The tagger's hot path: an open-addressing table from folded feature keys
/// to the weights of `P` passes. Only differences between labels matter to
/// the decoder (every path takes one label a token), so a slot holds each
/// label's weight minus label O's, and O scores 0: a slot of one pass is 16
/// bytes, four to a cache line, and of two passes 32 bytes, so that the
/// second pass's base emissions come with the first's lookups
/// ([`FusedPasses`]).
#[derive(Clone)]
struct Table<const P: usize> {
    // Invariant: the length is a power of two, at most two thirds full;
    // key 0 marks an empty slot (`fold` never returns 0).
    slots: Vec<Slot<P>>,
    scales: [f32; P],
}

#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Slot<const P: usize> {
    key: u32,
    weights: [[i16; RELATIVE]; P],
}

/// One pass's saved weights: its entries (sorted, unique keys) and scale.
type PassWeights<'a> = (&'a [(u32, [i16; N_LABELS])], f32);

impl<const P: usize> Table<P> {
    /// A table of the weights of `P` passes.
    fn new(passes: [PassWeights<'_>; P]) -> Table<P> {
        let mut scales = [0.0f32; P];
        let mut factors = [1i32; P];
        for (pass, (entries, scale)) in passes.iter().enumerate() {
            // A difference of two i16 weights may not fit an i16: then all
            // differences are divided (and the scale multiplied) by the
            // smallest factor that fits them.
            let largest = entries
                .iter()
                .map(|(_, w)| w[1..].iter().map(|&x| (x as i32 - w[0] as i32).abs()).max().unwrap_or(0))
                .max()
                .unwrap_or(0);
            factors[pass] = ((largest + i16::MAX as i32 - 1) / i16::MAX as i32).max(1);
            scales[pass] = scale * factors[pass] as f32;
        }
        // Division rounding half away from zero, as f64::round would.
        let squeeze = |w: &[i16; N_LABELS], factor: i32| -> [i16; RELATIVE] {
            let mut out = [0i16; RELATIVE];
            for (o, &x) in out.iter_mut().zip(&w[1..]) {
                let d = x as i32 - w[0] as i32;
                *o = if factor == 1 { d as i16 } else { ((d.abs() + factor / 2) / factor * d.signum()) as i16 };
            }
            out
        };
        let n_keys = distinct_keys(&passes.map(|(entries, _)| entries));
        let capacity = (n_keys * 3 / 2).next_power_of_two().max(16);
        let mut slots = vec![Slot { key: 0, weights: [[0; RELATIVE]; P] }; capacity];
        let mask = capacity - 1;
        for (pass, (entries, _)) in passes.iter().enumerate() {
            for (key, w) in entries.iter() {
                let mut idx = home(*key, mask);
                while slots[idx].key != 0 && slots[idx].key != *key {
                    idx = (idx + 1) & mask;
                }
                slots[idx].key = *key;
                slots[idx].weights[pass] = squeeze(w, factors[pass]);
            }
        }
        Table { slots, scales }
    }

    /// Label scores of one token from its features, for each pass.
    fn emissions(&self, features: &[u64]) -> [[f32; N_LABELS]; P] {
        let mut sums = [[0i32; RELATIVE]; P];
        let mask = self.slots.len() - 1;
        for &f in features {
            let key = fold(f);
            let mut idx = home(key, mask);
            loop {
                let slot = &self.slots[idx];
                if slot.key == key {
                    for (sum, weights) in sums.iter_mut().zip(&slot.weights) {
                        for (s, &w) in sum.iter_mut().zip(weights) {
                            *s += w as i32;
                        }
                    }
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                idx = (idx + 1) & mask;
            }
        }
        let mut out = [[0.0f32; N_LABELS]; P];
        for ((o, sum), scale) in out.iter_mut().zip(&sums).zip(&self.scales) {
            for (x, &s) in o[1..].iter_mut().zip(sum) {
                *x = s as f32 * scale;
            }
        }
        out
    }
}

/// How many distinct keys the lists hold together (each sorted by key,
/// its keys unique): a merge that only counts.
fn distinct_keys(lists: &[&[(u32, [i16; N_LABELS])]]) -> usize {
    let mut at = vec![0usize; lists.len()];
    let mut n = 0;
    loop {
        let mut min: Option<u32> = None;
        for (list, &i) in lists.iter().zip(&at) {
            if let Some(&(key, _)) = list.get(i) {
                min = Some(min.map_or(key, |m| m.min(key)));
            }
        }
        let Some(min) = min else { return n };
        n += 1;
        for (list, i) in lists.iter().zip(at.iter_mut()) {
            if list.get(*i).is_some_and(|e| e.0 == min) {
                *i += 1;
            }
        }
    }
}

fn home(key: u32, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B1) as usize) & mask
}

/// Both passes' weights in one table: a base feature is looked up once for
/// the two passes, and the second pass's stacked features are looked up
/// here too (the table holds every key of both).
#[derive(Clone)]
pub struct FusedPasses(Table<2>);

impl FusedPasses {
    /// Joins the weights of `first` and `second`.
    pub fn new(first: &Tagger, second: &Tagger) -> FusedPasses {
        FusedPasses(Table::new([(&first.entries, first.scale), (&second.entries, second.scale)]))
    }

    /// Label scores of one token from its base features, for each pass:
    /// what [`Tagger::emission`] gives for each.
    pub fn emissions(&self, features: &[u64]) -> [[f32; N_LABELS]; 2] {
        self.0.emissions(features)
    }
}

/// Why model bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFormatError(pub &'static str);

impl std::fmt::Display for ModelFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad tagger model: {}", self.0)
    }
}

impl std::error::Error for ModelFormatError {}

const MAGIC: &[u8; 8] = b"HSAYTAG2";

/// Features whose largest weight is under this many quantisation steps
/// (1/32767 of the largest weight) are dropped when a model is saved (the
/// in-memory models of training keep them all): on
/// PolNeAR dev this keeps F1 within 0.3 and halves the table, which is what
/// the tagger's speed depends on.
const PRUNE_BELOW: u16 = 400;

fn fold(key: u64) -> u32 {
    ((key ^ (key >> 32)) as u32).max(1)
}

impl Tagger {
    /// A tagger with no weights: tags everything outside.
    pub fn empty() -> Tagger {
        Tagger::from_map(&HashMap::new(), [[0.0; N_LABELS]; N_LABELS + 1])
    }

    fn from_map(map: &HashMap<u64, [f32; N_LABELS]>, transitions: [[f32; N_LABELS]; N_LABELS + 1]) -> Tagger {
        let max = map.values().flatten().fold(0.0f32, |m, &w| m.max(w.abs())).max(1e-9);
        let scale = max / 32767.0;
        let mut entries: Vec<(u32, [i16; N_LABELS])> = map
            .iter()
            .map(|(&k, w)| {
                let mut q = [0i16; N_LABELS];
                for (x, &v) in q.iter_mut().zip(w) {
                    *x = (v / scale).round() as i16;
                }
                (fold(k), q)
            })
            .filter(|(_, q)| q.iter().any(|&v| v != 0))
            .collect();
        // Sorted so that the table does not depend on HashMap order.
        entries.sort_unstable();
        Tagger::from_entries(&entries, scale, transitions)
    }

    fn from_entries(
        entries: &[(u32, [i16; N_LABELS])],
        scale: f32,
        transitions: [[f32; N_LABELS]; N_LABELS + 1],
    ) -> Tagger {
        // One entry per key: features folding to one key share summed
        // weights. (Saved models are sorted already: the sort costs little.)
        let mut merged: Vec<(u32, [i16; N_LABELS])> = Vec::with_capacity(entries.len());
        let mut sorted = entries.to_vec();
        if !sorted.windows(2).all(|w| w[0].0 < w[1].0) {
            sorted.sort_by_key(|&(key, _)| key);
        }
        for (key, w) in sorted {
            match merged.last_mut() {
                Some((last, weights)) if *last == key => {
                    for (x, y) in weights.iter_mut().zip(w) {
                        *x = x.saturating_add(y);
                    }
                }
                _ => merged.push((key, w)),
            }
        }
        Tagger { entries: merged, scale, table: std::sync::OnceLock::new(), transitions }
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.entries.len()
    }

    /// Label scores of one token from its features (label O's is 0: only
    /// differences between labels are kept).
    pub fn emission(&self, features: &[u64]) -> [f32; N_LABELS] {
        let [e] = self.table.get_or_init(|| Table::new([(&self.entries, self.scale)])).emissions(features);
        e
    }

    /// Best label sequence for the given emissions (Viterbi).
    pub fn decode(&self, emissions: &[[f32; N_LABELS]]) -> Vec<Label> {
        viterbi(emissions, &self.transitions)
    }

    /// Serialises the weights: scale, transitions, then each non-empty
    /// slot as key, a bit mask of non-zero labels and those weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.transitions {
            for &w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut entries = self.entries.clone();
        entries.retain(|(_, w)| w.iter().map(|v| v.unsigned_abs()).max().unwrap_or(0) >= PRUNE_BELOW);
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (key, w) in entries {
            let mut mask = 0u8;
            for (l, &v) in w.iter().enumerate() {
                if v != 0 {
                    mask |= 1 << l;
                }
            }
            out.extend_from_slice(&key.to_le_bytes());
            out.push(mask);
            for &v in w.iter().filter(|&&v| v != 0) {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads weights written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelFormatError> {
        let mut reader = Reader { bytes, pos: 0 };
        if reader.take(8)? != MAGIC {
            return Err(ModelFormatError("wrong magic"));
        }
        let scale = f32::from_le_bytes(reader.array()?);
        let mut transitions = [[0.0f32; N_LABELS]; N_LABELS + 1];
        for row in transitions.iter_mut() {
            for w in row.iter_mut() {
                *w = f32::from_le_bytes(reader.array()?);
            }
        }
        let n = u32::from_le_bytes(reader.array()?) as usize;
        let mut entries = Vec::with_capacity(n.min(1 << 24));
        while reader.pos < bytes.len() {
            let key = u32::from_le_bytes(reader.array()?);
            let mask = reader.take(1)?[0];
            let mut w = [0i16; N_LABELS];
            for (l, x) in w.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    *x = i16::from_le_bytes(reader.array()?);
                }
            }
            if key == 0 {
                return Err(ModelFormatError("zero key"));
            }
            entries.push((key, w));
        }
        Ok(Tagger::from_entries(&entries, scale, transitions))
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelFormatError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(ModelFormatError("truncated"))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelFormatError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
}

fn viterbi(emissions: &[[f32; N_LABELS]], transitions: &[[f32; N_LABELS]; N_LABELS + 1]) -> Vec<Label> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    // Only the previous row of scores is needed; back pointers for all.
    let mut back = vec![[0u8; N_LABELS]; n];
    let mut prev = [f32::NEG_INFINITY; N_LABELS];
    for (y, label) in Label::ALL.iter().enumerate() {
        if label.may_follow(None) {
            prev[y] = emissions[0][y] + transitions[N_LABELS][y];
        }
    }
    for (emission, back) in emissions[1..].iter().zip(&mut back[1..]) {
        let mut score = [f32::NEG_INFINITY; N_LABELS];
        // The best previous label for `y` among `from` (in label order:
        // ties go to the first, as `>` keeps it).
        let best_from = |y: usize, from: std::ops::Range<usize>| {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in from {
                let s = prev[p] + transitions[p][y];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            (best, arg)
        };
        for y in 0..N_LABELS {
            // Inside labels (2, 4, 6) follow their own begin or inside
            // label only ([`Label::may_follow`]); the others follow any.
            let (best, arg) = if y % 2 == 0 && y > 0 { best_from(y, y - 1..y + 1) } else { best_from(y, 0..N_LABELS) };
            score[y] = best + emission[y];
            back[y] = arg;
        }
        prev = score;
    }
    // Ties go to the lower label, so that an all-zero model tags outside.
    let mut y = 0;
    for candidate in 1..N_LABELS {
        if prev[candidate] > prev[y] {
            y = candidate;
        }
    }
    let mut labels = vec![Label::O; n];
    for i in (0..n).rev() {
        labels[i] = Label::from_index(y);
        y = back[i][y] as usize;
    }
    labels
}

/// One training sequence: features and gold labels per token.
pub struct TrainingSequence {
    /// Features of each token.
    pub features: Vec<Vec<u64>>,
    /// Gold label of each token.
    pub labels: Vec<Label>,
}

/// Settings of [`train`].
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Seed of the shuffling, so that training is reproducible.
    pub seed: u64,
}

/// Trains an averaged structured perceptron.
pub fn train(sequences: &[&TrainingSequence], config: TrainConfig, mut progress: impl FnMut(usize, usize)) -> Tagger {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for seq in sequences {
        for fs in &seq.features {
            for &f in fs {
                *counts.entry(f).or_insert(0) += 1;
            }
        }
    }
    let kept: HashMap<u64, usize> = {
        let mut keys: Vec<u64> =
            counts.iter().filter(|&(&k, &c)| c >= config.min_count && k != 0).map(|(&k, _)| k).collect();
        keys.sort_unstable();
        keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect()
    };
    let n = kept.len();
    let mut w = vec![[0.0f32; N_LABELS]; n];
    let mut total = vec![[0.0f64; N_LABELS]; n];
    let mut stamp = vec![[0u64; N_LABELS]; n];
    let mut trans = [[0.0f32; N_LABELS]; N_LABELS + 1];
    let mut trans_total = [[0.0f64; N_LABELS]; N_LABELS + 1];
    let mut trans_stamp = [[0u64; N_LABELS]; N_LABELS + 1];
    let indexed: Vec<Vec<Vec<usize>>> = sequences
        .iter()
        .map(|s| s.features.iter().map(|fs| fs.iter().filter_map(|f| kept.get(f).copied()).collect()).collect())
        .collect();
    let mut order: Vec<usize> = (0..sequences.len()).collect();
    let mut rng = config.seed | 1;
    let mut time: u64 = 1;
    for epoch in 0..config.epochs {
        // Fisher-Yates with xorshift: the same seed gives the same model.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &s in &order {
            let seq = &sequences[s];
            let feats = &indexed[s];
            let emissions: Vec<[f32; N_LABELS]> = feats
                .iter()
                .map(|fs| {
                    let mut e = [0.0f32; N_LABELS];
                    for &f in fs {
                        for (x, y) in e.iter_mut().zip(&w[f]) {
                            *x += y;
                        }
                    }
                    e
                })
                .collect();
            let predicted = viterbi(&emissions, &trans);
            if predicted == seq.labels {
                time += 1;
                continue;
            }
            errors += 1;
            let mut update = |f: usize, y: usize, delta: f32, w: &mut Vec<[f32; N_LABELS]>| {
                total[f][y] += (time - stamp[f][y]) as f64 * w[f][y] as f64;
                stamp[f][y] = time;
                w[f][y] += delta;
            };
            for (i, fs) in feats.iter().enumerate() {
                let gold = seq.labels[i] as usize;
                let pred = predicted[i] as usize;
                if gold != pred {
                    for &f in fs {
                        update(f, gold, 1.0, &mut w);
                        update(f, pred, -1.0, &mut w);
                    }
                }
                let gold_prev = if i == 0 { N_LABELS } else { seq.labels[i - 1] as usize };
                let pred_prev = if i == 0 { N_LABELS } else { predicted[i - 1] as usize };
                if gold_prev != pred_prev || gold != pred {
                    for (p, y, d) in [(gold_prev, gold, 1.0f32), (pred_prev, pred, -1.0)] {
                        trans_total[p][y] += (time - trans_stamp[p][y]) as f64 * trans[p][y] as f64;
                        trans_stamp[p][y] = time;
                        trans[p][y] += d;
                    }
                }
            }
            time += 1;
        }
        progress(epoch + 1, errors);
    }
    // Average: each weight's sum over all steps divided by the steps.
    let mut map: HashMap<u64, [f32; N_LABELS]> = HashMap::with_capacity(n);
    for (&key, &f) in &kept {
        let mut avg = [0.0f32; N_LABELS];
        let mut any = false;
        for y in 0..N_LABELS {
            let sum = total[f][y] + (time - stamp[f][y]) as f64 * w[f][y] as f64;
            avg[y] = (sum / time as f64) as f32;
            any |= avg[y].abs() > 1e-3;
        }
        if any {
            map.insert(key, avg);
        }
    }
    let mut avg_trans = [[0.0f32; N_LABELS]; N_LABELS + 1];
    for p in 0..=N_LABELS {
        for y in 0..N_LABELS {
            let sum = trans_total[p][y] + (time - trans_stamp[p][y]) as f64 * trans[p][y] as f64;
            avg_trans[p][y] = (sum / time as f64) as f32;
        }
    }
    Tagger::from_map(&map, avg_trans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_never_starts_inside_a_role() {
        let mut map = HashMap::new();
        map.insert(7u64, [0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 0.0]);
        let tagger = Tagger::from_map(&map, [[0.0; N_LABELS]; N_LABELS + 1]);
        let e = tagger.emission(&[7]);
        assert_eq!(tagger.decode(&[e]), [Label::O]);
    }

    #[test]
    fn inside_labels_follow_only_their_begin_or_inside_label() {
        // What the Viterbi loop assumes of `may_follow`.
        for (y, label) in Label::ALL.iter().enumerate() {
            for (p, prev) in Label::ALL.iter().enumerate() {
                let inside = y % 2 == 0 && y > 0;
                assert_eq!(label.may_follow(Some(*prev)), !inside || p + 1 == y || p == y, "{label:?} after {prev:?}");
            }
        }
    }

    #[test]
    fn decode_keeps_roles_well_formed_and_follows_the_scores() {
        // Emissions that favour an inside cue straight after a source: the
        // decoder must open the cue instead.
        let tagger = Tagger::empty();
        let mut emissions = vec![[0.0f32; N_LABELS]; 4];
        emissions[0][Label::BeginSource as usize] = 2.0;
        emissions[1][Label::InSource as usize] = 1.0;
        emissions[2][Label::InCue as usize] = 3.0;
        emissions[2][Label::BeginCue as usize] = 2.5;
        emissions[3][Label::InCue as usize] = 1.0;
        assert_eq!(tagger.decode(&emissions), [Label::BeginSource, Label::InSource, Label::BeginCue, Label::InCue]);
        assert!(tagger.decode(&[]).is_empty());
    }

    #[test]
    fn bytes_round_trip() {
        let mut map = HashMap::new();
        map.insert(42u64, [0.5, -1.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let tagger = Tagger::from_map(&map, [[0.25; N_LABELS]; N_LABELS + 1]);
        let back = Tagger::from_bytes(&tagger.to_bytes()).expect("round trip");
        // Scores are kept relative to label O's (0.5 here).
        let e = back.emission(&[42]);
        assert!(e[0] == 0.0 && (e[4] - 1.5).abs() < 1e-3 && (e[1] + 1.5).abs() < 1e-3, "{e:?}");
        assert_eq!(back.to_bytes(), tagger.to_bytes());
        assert!(Tagger::from_bytes(&tagger.to_bytes()[..20]).is_err());
    }

    #[test]
    fn relative_scores_keep_every_difference_between_labels() {
        // Weights spanning the whole i16 range: their differences do not fit
        // an i16, so the table scales them down.
        let mut map = HashMap::new();
        map.insert(1u64, [-4.0, 4.0, 0.0, 1.0, -2.0, 3.0, 0.5]);
        map.insert(2u64, [3.0, -3.9, 0.25, 0.0, 2.0, -1.0, 1.5]);
        let tagger = Tagger::from_map(&map, [[0.0; N_LABELS]; N_LABELS + 1]);
        for features in [vec![1u64], vec![2], vec![1, 2], vec![1, 2, 3]] {
            let e = tagger.emission(&features);
            let want: Vec<f32> =
                (0..N_LABELS).map(|l| features.iter().filter_map(|f| map.get(f)).map(|w| w[l] - w[0]).sum()).collect();
            for (got, want) in e.iter().zip(&want) {
                assert!((got - want).abs() < 1e-3, "{features:?}: {e:?} against {want:?}");
            }
        }
    }

    #[test]
    fn fused_passes_score_as_each_pass_alone() {
        let mut one = HashMap::new();
        let mut two = HashMap::new();
        for k in 1..2_000u64 {
            let w = |m: u64| std::array::from_fn(|l| ((k * m + l as u64 * 7) % 23) as f32 - 11.0);
            if k % 3 != 0 {
                one.insert(k, w(5));
            }
            if k % 5 != 0 {
                two.insert(k, w(3));
            }
        }
        let first = Tagger::from_map(&one, [[0.0; N_LABELS]; N_LABELS + 1]);
        let second = Tagger::from_map(&two, [[0.0; N_LABELS]; N_LABELS + 1]);
        let fused = FusedPasses::new(&first, &second);
        for features in [vec![], vec![1, 2, 3], (0..3_000).step_by(7).collect::<Vec<u64>>()] {
            assert_eq!(fused.emissions(&features), [first.emission(&features), second.emission(&features)]);
        }
    }
}
