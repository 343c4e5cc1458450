//! A port of `score_attributions.py`: exact, overlap and whole-attribution
//! precision, recall and F1 over a PolNeAR split. Works on Unicode scalar
//! offsets, as the script does, so the two agree figure for figure.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Role spans of one attribution, scalar offsets, end exclusive.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// source, cue, content.
    pub roles: [Vec<(usize, usize)>; 3],
}

/// Counts per figure: true positives, predicted, gold.
#[derive(Debug, Default, Clone, Copy)]
pub struct Count {
    /// Matched.
    pub tp: usize,
    /// Predicted.
    pub pred: usize,
    /// Gold.
    pub gold: usize,
}

impl Count {
    fn prf(self) -> (f64, f64, f64) {
        let p = if self.pred > 0 { self.tp as f64 / self.pred as f64 } else { 0.0 };
        let r = if self.gold > 0 { self.tp as f64 / self.gold as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (round1(100.0 * p), round1(100.0 * r), round1(100.0 * f))
    }
}

fn round1(x: f64) -> f64 {
    // Python's round() is round-half-even on the binary value; formatting
    // the same double gives the same digit in all but exact ties.
    (x * 10.0).round() / 10.0
}

const ROLE_NAMES: [&str; 3] = ["source", "cue", "content"];

fn is_trim(c: char) -> bool {
    " \t\r\n\u{a0},.;:!?\"'“”‘’«»()[]—–-…".contains(c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_general_mark(c)
}

fn unicode_general_mark(c: char) -> bool {
    // Combining marks count as word characters in Python's \w.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn trim(chars: &[char], spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut sorted = spans.to_vec();
    sorted.sort();
    let mut out = Vec::new();
    for (s, e) in sorted {
        let (mut s, mut e) = (s.min(chars.len()), e.min(chars.len()));
        while s < e && is_trim(chars[s]) {
            s += 1;
        }
        while e > s && is_trim(chars[e - 1]) {
            e -= 1;
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

fn words(chars: &[char], spans: &[(usize, usize)]) -> HashSet<usize> {
    let mut set = HashSet::new();
    for &(s, e) in spans {
        let (s, e) = (s.min(chars.len()), e.min(chars.len()));
        let mut i = s;
        while i < e {
            if is_word_char(chars[i]) {
                set.insert(i);
                while i < e && is_word_char(chars[i]) {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
    }
    set
}

fn jaccard(a: &HashSet<usize>, b: &HashSet<usize>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

fn pair(cands: &mut [(f64, usize, usize)]) -> Vec<(usize, usize)> {
    cands.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let (mut used_g, mut used_p) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for &(_, i, j) in cands.iter() {
        if !used_g.contains(&i) && !used_p.contains(&j) {
            used_g.insert(i);
            used_p.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

/// One document to score: its text, the gold roles and the predicted ones
/// (`None` when the prediction lacks the document).
pub type ScoredDoc = (String, Vec<Roles>, Option<Vec<Roles>>);

/// Scores predictions against gold, document by document.
pub fn score(docs: &[ScoredDoc]) -> (BTreeMap<String, Count>, usize) {
    let mut c: BTreeMap<String, Count> = BTreeMap::new();
    let mut missing = 0;
    for (text, gold, pred) in docs {
        let chars: Vec<char> = text.chars().collect();
        if pred.is_none() {
            missing += 1;
        }
        let empty = Vec::new();
        let pred = pred.as_ref().unwrap_or(&empty);
        for (r, name) in ROLE_NAMES.iter().enumerate() {
            let g: Vec<Vec<(usize, usize)>> = gold
                .iter()
                .filter(|a| !a.roles[r].is_empty())
                .map(|a| trim(&chars, &a.roles[r]))
                .filter(|x| !x.is_empty())
                .collect();
            let p: Vec<Vec<(usize, usize)>> = pred
                .iter()
                .filter(|a| !a.roles[r].is_empty())
                .map(|a| trim(&chars, &a.roles[r]))
                .filter(|x| !x.is_empty())
                .collect();
            let mut gc: HashMap<&Vec<(usize, usize)>, usize> = HashMap::new();
            for x in &g {
                *gc.entry(x).or_default() += 1;
            }
            let mut pc: HashMap<&Vec<(usize, usize)>, usize> = HashMap::new();
            for x in &p {
                *pc.entry(x).or_default() += 1;
            }
            let tp: usize = gc.iter().map(|(k, &n)| n.min(pc.get(k).copied().unwrap_or(0))).sum();
            let e = c.entry(format!("exact.{name}")).or_default();
            e.tp += tp;
            e.pred += p.len();
            e.gold += g.len();
            let gw: Vec<HashSet<usize>> = g.iter().map(|x| words(&chars, x)).collect();
            let pw: Vec<HashSet<usize>> = p.iter().map(|x| words(&chars, x)).collect();
            let mut cands = Vec::new();
            for (i, a) in gw.iter().enumerate() {
                for (j, b) in pw.iter().enumerate() {
                    let sim = jaccard(a, b);
                    if sim >= 0.5 {
                        cands.push((sim, i, j));
                    }
                }
            }
            let o = c.entry(format!("overlap.{name}")).or_default();
            o.tp += pair(&mut cands).len();
            o.pred += p.len();
            o.gold += g.len();
        }
        let role_words = |a: &Roles| -> [HashSet<usize>; 3] {
            [words(&chars, &a.roles[0]), words(&chars, &a.roles[1]), words(&chars, &a.roles[2])]
        };
        let gw: Vec<[HashSet<usize>; 3]> = gold.iter().map(role_words).collect();
        let pw: Vec<[HashSet<usize>; 3]> = pred.iter().map(role_words).collect();
        let mut cands = Vec::new();
        for (i, g) in gw.iter().enumerate() {
            for (j, p) in pw.iter().enumerate() {
                if g[2].is_empty() || p[2].is_empty() {
                    continue;
                }
                let sim = jaccard(&g[2], &p[2]);
                if sim >= 0.5 {
                    let tie = jaccard(&g[0], &p[0]) + jaccard(&g[1], &p[1]);
                    cands.push((sim + 0.001 * tie, i, j));
                }
            }
        }
        let pairs = pair(&mut cands);
        let ok = pairs
            .iter()
            .filter(|&&(i, j)| {
                let (g, p) = (&gw[i], &pw[j]);
                let src = (g[0].is_empty() && p[0].is_empty()) || !g[0].is_disjoint(&p[0]);
                let cue = (g[1].is_empty() && p[1].is_empty()) || !g[1].is_disjoint(&p[1]);
                src && cue
            })
            .count();
        let ac = c.entry("attrib.content".into()).or_default();
        ac.tp += pairs.len();
        ac.pred += pred.len();
        ac.gold += gold.len();
        let af = c.entry("attrib.full".into()).or_default();
        af.tp += ok;
        af.pred += pred.len();
        af.gold += gold.len();
    }
    (c, missing)
}

/// The script's table, line for line.
pub fn render(counts: &BTreeMap<String, Count>, documents: usize, missing: usize) -> String {
    let mut out = format!("{:<18}{:>7}{:>7}{:>7}{:>8}{:>8}\n", "figure", "P", "R", "F1", "pred", "gold");
    for (k, v) in counts {
        let (p, r, f) = v.prf();
        out += &format!("{k:<18}{p:>7}{r:>7}{f:>7}{:>8}{:>8}\n", v.pred, v.gold);
    }
    out += &format!("documents {documents}, without a prediction {missing}\n");
    let f = |k: &str| counts.get(k).map_or(0.0, |c| c.prf().2);
    out += &format!(
        "exact F1 source {} cue {} content {}; attribution F1 {}\n",
        f("exact.source"),
        f("exact.cue"),
        f("exact.content"),
        f("attrib.full")
    );
    out
}
