//! What a phrase's words say about who it is: whether a source names
//! someone, describes someone by role, or is a role word. `statements`
//! (which nested statements to keep) and `resolve` (speakers) both ask.

use crate::gazetteer::Gazetteer;
use crate::lexicon::WordClass;
use crate::text::words::{is_capitalised, name_words};

/// Is `word` a title, a role or an organisation's head noun ("minister",
/// "spokesman", "ministry")?
pub(crate) fn is_role_word(word: &str) -> bool {
    let word = word.to_lowercase();
    WordClass::ROLE.has(word.as_str()) || WordClass::ORGANISATION_HEAD.has(word.as_str())
}

/// Does this source text name someone ("Yevhen Perebyinis", "Beijing",
/// "Reuters")? Pronouns, descriptions and common nouns ("officials", "it")
/// do not.
pub(crate) fn names(source: &str, gazetteer: &Gazetteer) -> bool {
    let words = name_words(source);
    let Some(&last) = words.last() else { return false };
    let capitalised =
        words.iter().enumerate().filter(|&(i, w)| is_capitalised(w) && !(i == 0 && is_determiner(w))).count();
    capitalised >= 2 || (words.len() == 1 && gazetteer.lookup(last).is_some())
}

/// Does this source text describe someone by role ("the deputy foreign
/// minister", "the ministry")?
pub(crate) fn describes(source: &str) -> bool {
    let words = name_words(source);
    words.len() >= 2 && is_determiner(words[0]) && words.last().is_some_and(|w| is_role_word(w))
}

fn is_determiner(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "the" | "a" | "an" | "this" | "that")
}
