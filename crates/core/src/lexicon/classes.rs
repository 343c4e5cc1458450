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

    /// Whether every class of `other` is one of `self`'s.
    pub const fn contains(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
}

macro_rules! word_classes {
    ($($(#[$doc:meta])* $name:ident = $bit:expr => [$($word:expr),* $(,)?];)*) => {
        impl WordClass {
            $($(#[$doc])* pub const $name: WordClass = WordClass(1 << $bit);)*
        }
        /// Every class with its members (lowercase).
        pub(super) const MEMBERS: &[(WordClass, &[&str])] = &[$((WordClass::$name, &[$($word),*])),*];
    };
}

word_classes! {
    /// Placeholder until the lists move in.
    PLACEHOLDER = 0 => [];
}
