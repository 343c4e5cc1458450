"""Text handling shared by every step, written to be ported to Rust line by line.

1. wordpiece(): BERT's uncased tokenizer (the one all-MiniLM-L6-v2 uses), reimplemented:
   - basic split: NFD-normalise, drop combining marks (Mn) and control chars, lowercase; split on
     whitespace; every punctuation char (Unicode P*, plus ASCII symbols $+<=>^`|~) is its own word;
     CJK ideographs are their own words.
   - WordPiece per word: greedy longest match from the left against vocab.txt, continuation pieces
     carry the "##" prefix; a word longer than 100 chars, or one with no match at some point, is [UNK].
2. words(): the lexical view used by the pair features: lowercased alphanumeric runs
   ([a-z0-9]+ after the same accent stripping, apostrophes dropped: "don't" -> "dont"), with
   stem() applied, stop words removed.
"""
import re
import unicodedata

_PUNCT_ASCII = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _is_punct(ch):
    return ch in _PUNCT_ASCII or unicodedata.category(ch).startswith("P")


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def fold(text):
    """NFD, strip combining marks, lowercase (BERT uncased normalisation)."""
    t = unicodedata.normalize("NFD", text)
    return "".join(c for c in t if unicodedata.category(c) != "Mn").lower()


def basic_words(text):
    out, cur = [], []
    for ch in fold(text):
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
            continue
        if ch.isspace():
            if cur:
                out.append("".join(cur)); cur = []
        elif _is_punct(ch) or _is_cjk(cp):
            if cur:
                out.append("".join(cur)); cur = []
            out.append(ch)
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


class WordPiece:
    def __init__(self, vocab_path):
        self.vocab = {}
        for i, line in enumerate(open(vocab_path, encoding="utf-8")):
            self.vocab[line.rstrip("\n")] = i
        self.unk = self.vocab["[UNK]"]
        self.cache = {}

    def word(self, w):
        if w in self.cache:
            return self.cache[w]
        if len(w) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(w):
            end, hit = len(w), None
            while start < end:
                piece = w[start:end] if start == 0 else "##" + w[start:end]
                if piece in self.vocab:
                    hit = self.vocab[piece]
                    break
                end -= 1
            if hit is None:
                ids = [self.unk]
                break
            ids.append(hit)
            start = end
        self.cache[w] = ids
        return ids

    def encode(self, text):
        """Token ids without [CLS]/[SEP] (the static model does not use them)."""
        out = []
        for w in basic_words(text):
            out.extend(self.word(w))
        return out


STOP = set("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
of off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves s t don dont doesnt didnt isnt
wasnt arent werent wont cant couldnt shouldnt wouldnt hasnt havent hadnt mr mrs ms dr said says say saying told
tell tells according just now new one two may might must shall also get gets got like would could via amp
""".split())

NEGATORS = {"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "dont", "doesnt", "didnt", "isnt",
            "wasnt", "arent", "werent", "wont", "cant", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent", "hadnt",
            "cannot", "without", "nt"}

_WORD = re.compile(r"[a-z0-9]+")


def raw_words(text):
    """Lowercased, accent-folded alphanumeric runs, apostrophes removed first ("don't" -> "dont")."""
    return _WORD.findall(fold(text).replace("'", "").replace("\u2019", ""))


def stem(w):
    """A deliberately small suffix stripper (portable, deterministic):
    ies->y, sses->ss, s (not ss/us/is) removed; ing/ed removed when >= 3 letters remain
    (then a doubled final consonant is undoubled); words of <= 3 letters and numbers are kept as they are."""
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suf in ("ing", "ed"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[:-len(suf)]
            if len(w) >= 2 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    return w


def content_words(text):
    return [stem(w) for w in raw_words(text) if w not in STOP and len(w) > 1]
