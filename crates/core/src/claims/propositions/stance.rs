//! A statement's stance from its own words (`claims.py`'s `stance_features` and `stance_of`):
//! 13 lexicon features, a 3-class linear model, and the question rule.

use super::model::ClaimModel;
use super::wordpiece::fold;
use crate::lexicon::WordClass;
use crate::Stance;

/// The five lexicon groups, in feature order.
const GROUPS: [WordClass; 5] = [
    WordClass::STANCE_DENY,
    WordClass::STANCE_HEDGE,
    WordClass::STANCE_QUESTION,
    WordClass::STANCE_NEGATION,
    WordClass::STANCE_ASSERT,
];

/// Whether a group hits `words`: a member phrase occurs in them as whole words, a member word
/// equals one of them, or a member prefix (`denial*`) starts one.
fn hits(group: WordClass, words: &[String], joined: &str) -> bool {
    group.words().iter().any(|member| {
        if let Some(prefix) = member.strip_suffix('*') {
            words.iter().any(|w| w.starts_with(prefix))
        } else if member.contains(' ') {
            joined.contains(&format!(" {member} "))
        } else {
            words.iter().any(|w| w == member)
        }
    })
}

/// The 13 features of `text` (cue and content joined by a space), in
/// [`super::model::STANCE_FEATURES`] order.
pub(crate) fn features(text: &str) -> [f64; 13] {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in fold(text).chars() {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c == '?' {
            words.push("?".to_string());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let first = &words[..words.len().min(4)];
    let joined = format!(" {} ", words.join(" "));
    let joined_first = format!(" {} ", first.join(" "));
    let mut out = [0f64; 13];
    for (g, group) in GROUPS.into_iter().enumerate() {
        out[2 * g] = f64::from(u8::from(hits(group, &words, &joined)));
        out[2 * g + 1] = f64::from(u8::from(hits(group, first, &joined_first)));
    }
    let trimmed = text.trim();
    out[10] = f64::from(u8::from(trimmed.ends_with('?')));
    out[11] = f64::from(u8::from(trimmed.contains('!')));
    out[12] = words.len().min(30) as f64 / 30.0;
    out
}

/// Whether a statement's words reject a claim: its cue, or the opening of its content (the first
/// [`REJECTION_OPENING`] words), hits the denial group of the stance lexicon
/// ([`WordClass::STANCE_DENY`]: "denied", "dismissed", "false", "no evidence", "not the case",
/// ...). A negative sentence without such words asserts a negative fact; it does not deny. A
/// denial word deep in a long content ("... were rated mostly false") is about something else.
pub fn rejects_a_claim(cue: Option<&str>, content: &str) -> bool {
    let opening: Vec<&str> = content.split_whitespace().take(REJECTION_OPENING).collect();
    features(cue.unwrap_or(""))[0] > 0.0 || features(&opening.join(" "))[0] > 0.0
}

/// How many words open a content, for [`rejects_a_claim`].
pub const REJECTION_OPENING: usize = 8;

impl ClaimModel {
    /// The stance of a statement from its cue (where known) and content: assert, deny or report
    /// by the linear model; a report whose text ends in "?" is a question.
    pub fn stance(&self, cue: Option<&str>, content: &str) -> Stance {
        let joined = format!("{} {}", cue.unwrap_or(""), content);
        let text = joined.trim();
        let x = features(text);
        let weights = &self.stance;
        let mut best = (0, f64::NEG_INFINITY);
        for (class, (row, bias)) in weights.coef.iter().zip(weights.bias).enumerate() {
            let z = row.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>() + bias;
            if z > best.1 {
                best = (class, z);
            }
        }
        match best.0 {
            0 => Stance::Assert,
            1 => Stance::Deny,
            _ if weights.question && text.ends_with('?') => Stance::Question,
            _ => Stance::Report,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejection_needs_a_denial_word() {
        assert!(rejects_a_claim(Some("denied"), "that he had met the ambassador"));
        assert!(rejects_a_claim(Some("said"), "the report was false"));
        assert!(rejects_a_claim(None, "there is no evidence that the vote was rigged"));
        assert!(!rejects_a_claim(
            Some("said"),
            "of the statements checked, 40% of those by the mayor were rated false"
        ));
        assert!(!rejects_a_claim(Some("said"), "they don't know how to win"));
        assert!(!rejects_a_claim(Some("said"), "You didn't see them"));
    }

    #[test]
    fn stances_and_features_match_the_python() {
        // Expected from scripts/claims/claims.py: stance_of and stance_features.
        let model = ClaimModel::builtin();
        for (text, stance, expected) in [
            (
                "Apple denies reports that the iPhone will be delayed",
                Stance::Deny,
                [1., 1., 1., 1., 0., 0., 0., 0., 1., 0., 0., 0., 0.3],
            ),
            (
                "Is this really a photo of a ghost?",
                Stance::Question,
                [0., 0., 0., 0., 1., 1., 0., 0., 0., 0., 1., 0., 0.3],
            ),
            (
                "Reportedly, ISIS fighter killed by his own rocket",
                Stance::Report,
                [0., 0., 1., 1., 0., 0., 0., 0., 0., 0., 0., 0., 8. / 30.],
            ),
            (
                "Official: NASA confirms water on Mars!",
                Stance::Assert,
                [0., 0., 0., 0., 0., 0., 0., 0., 1., 1., 0., 1., 0.2],
            ),
            (
                "No, the Pope did not endorse Trump",
                Stance::Deny,
                [0., 0., 0., 0., 1., 1., 1., 1., 0., 0., 0., 0., 7. / 30.],
            ),
        ] {
            assert_eq!(model.stance(None, text), stance, "{text}");
            let got = features(text);
            assert!(got.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 1e-12), "{text}: {got:?}");
        }
        // The cue joins the content for the stance.
        assert_eq!(model.stance(Some("denied"), "that the talks had failed"), Stance::Deny);
    }
}
