"""Generated sequence tasks whose correct alignment is known.

* ``dates``: written dates in several formats ("23 November 2026", "Nov 23, 2026",
  "23/11/2026" ...) normalised to ISO "2026-11-23", character by character.
* ``reverse``: a string of letters written backwards.
* ``pattern``: a classification task for an encoder-only Transformer: does the
  sequence contain the letters "abc" next to each other?

Every pair comes with an alignment matrix (output step × input step) that marks the
input characters each output character is copied or translated from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

PAD, BOS, EOS = "<pad>", "<bos>", "<eos>"
SPECIALS: tuple[str, ...] = (PAD, BOS, EOS)
PAD_ID, BOS_ID, EOS_ID = 0, 1, 2

SEQ2SEQ_TASKS: tuple[str, ...] = ("dates", "reverse")
CLASSIFY_TASKS: tuple[str, ...] = ("sentiment", "pattern")

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE_FORMATS: tuple[str, ...] = (
    "D Month YYYY",
    "Mon D, YYYY",
    "Month D, YYYY",
    "DD/MM/YYYY",
    "D Mon YYYY",
)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
REVERSE_LETTERS = "abcdefghijkl"
PATTERN_LETTERS = "abcdef"
PATTERN = "abc"


class Vocab:
    """Characters to ids and back; ids 0, 1, 2 are pad, begin and end."""

    def __init__(self, symbols: str | list[str]):
        self.itos: list[str] = list(SPECIALS) + sorted(set(symbols))
        self.stoi: dict[str, int] = {s: i for i, s in enumerate(self.itos)}

    def __len__(self) -> int:
        return len(self.itos)

    def encode(self, text: str) -> list[int]:
        return [self.stoi[c] for c in text]

    def decode(self, ids, strip: bool = True) -> str:
        """Ids to text; stops at the end token and skips specials when ``strip``."""
        out = []
        for i in ids:
            i = int(i)
            if strip and i == EOS_ID:
                break
            if strip and i in (PAD_ID, BOS_ID):
                continue
            out.append(self.itos[i])
        return "".join(out)

    def tokens(self, ids) -> list[str]:
        """Ids to one string per token (specials shown by name)."""
        return [self.itos[int(i)] for i in ids]


def _format_date(day: int, month: int, year: int, fmt: str) -> tuple[str, list[str]]:
    """The written date and, per character, which field it belongs to."""
    name = MONTHS[month - 1]
    d, dd, yyyy = str(day), f"{day:02d}", str(year)
    pieces: list[tuple[str, str]]
    if fmt == "D Month YYYY":
        pieces = [(d, "d"), (" ", ""), (name, "m"), (" ", ""), (yyyy, "y")]
    elif fmt == "Mon D, YYYY":
        pieces = [(name[:3], "m"), (" ", ""), (d, "d"), (", ", ""), (yyyy, "y")]
    elif fmt == "Month D, YYYY":
        pieces = [(name, "m"), (" ", ""), (d, "d"), (", ", ""), (yyyy, "y")]
    elif fmt == "DD/MM/YYYY":
        pieces = [(dd, "d"), ("/", ""), (f"{month:02d}", "m"), ("/", ""), (yyyy, "y")]
    elif fmt == "D Mon YYYY":
        pieces = [(d, "d"), (" ", ""), (name[:3], "m"), (" ", ""), (yyyy, "y")]
    else:
        raise ValueError(f"unknown date format {fmt!r}")
    text = "".join(p for p, _ in pieces)
    fields = [f for p, f in pieces for _ in p]
    return text, fields


def date_alignment(source: str, fields: list[str], target: str) -> np.ndarray:
    """Alignment (len(target) × len(source)) of an ISO date with its written form.

    Year digits align one to one; the month and day digits align to the whole month
    or day field of the source (a month name decides both month digits).
    """
    align = np.zeros((len(target), len(source)), dtype=bool)
    year_pos = [i for i, f in enumerate(fields) if f == "y"]
    for i in range(4):
        align[i, year_pos[i]] = True
    month = [i for i, f in enumerate(fields) if f == "m"]
    day = [i for i, f in enumerate(fields) if f == "d"]
    align[5, month] = align[6, month] = True
    align[8, day] = align[9, day] = True
    return align


@dataclass
class PairSet:
    """Source and target strings with their alignments."""

    sources: list[str]
    targets: list[str]
    alignments: list[np.ndarray]


def make_dates(
    n: int, seed: int = 0, formats: tuple[str, ...] = DATE_FORMATS
) -> PairSet:
    """``n`` random dates between 1950 and 2049 in random formats, without repeats
    when ``n`` allows."""
    rng = np.random.default_rng(seed)
    sources, targets, aligns, seen = [], [], [], set()
    while len(sources) < n:
        draws = 2 * (n - len(sources)) + 16
        years = rng.integers(1950, 2050, draws).tolist()
        months = rng.integers(1, 13, draws).tolist()
        days = rng.random(draws).tolist()
        fmts = rng.integers(len(formats), size=draws).tolist()
        for year, month, u, f in zip(years, months, days, fmts):
            if len(sources) == n:
                break
            day = 1 + int(u * _DAYS_IN_MONTH[month - 1])
            fmt = formats[f]
            text, fields = _format_date(day, month, year, fmt)
            if text in seen and n <= 50_000:
                continue
            seen.add(text)
            target = f"{year:04d}-{month:02d}-{day:02d}"
            sources.append(text)
            targets.append(target)
            aligns.append(date_alignment(text, fields, target))
    return PairSet(sources, targets, aligns)


def make_reverse(n: int, seed: int = 0, min_len: int = 4, max_len: int = 10) -> PairSet:
    """``n`` random letter strings and the same strings reversed."""
    rng = np.random.default_rng(seed)
    sources, targets, aligns = [], [], []
    for _ in range(n):
        length = int(rng.integers(min_len, max_len + 1))
        text = "".join(rng.choice(list(REVERSE_LETTERS), size=length))
        sources.append(text)
        targets.append(text[::-1])
        aligns.append(np.fliplr(np.eye(length, dtype=bool)).copy())
    return PairSet(sources, targets, aligns)


def make_pairs(task: str, n: int, seed: int = 0) -> PairSet:
    if task == "dates":
        return make_dates(n, seed)
    if task == "reverse":
        return make_reverse(n, seed)
    raise ValueError(f"unknown task {task!r}; choose from {', '.join(SEQ2SEQ_TASKS)}")


def vocabularies(task: str) -> tuple[Vocab, Vocab]:
    """Source and target vocabularies of a sequence-to-sequence task."""
    if task == "dates":
        src = "0123456789 ,/" + "".join(MONTHS)
        return Vocab(src), Vocab("0123456789-")
    if task == "reverse":
        return Vocab(REVERSE_LETTERS), Vocab(REVERSE_LETTERS)
    raise ValueError(f"unknown task {task!r}")


def encode_batch(
    texts: list[str],
    vocab: Vocab,
    bos: bool = False,
    eos: bool = False,
    length: int | None = None,
) -> torch.Tensor:
    """Pad encoded texts into a (batch, length) int64 tensor."""
    rows = [
        ([BOS_ID] if bos else []) + vocab.encode(t) + ([EOS_ID] if eos else [])
        for t in texts
    ]
    width = length or max(len(r) for r in rows)
    out = np.full((len(rows), width), PAD_ID, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r[:width]
    return torch.from_numpy(out)


@dataclass
class Seq2SeqData:
    """Tensors of a sequence-to-sequence task, split into train and validation."""

    src_vocab: Vocab
    tgt_vocab: Vocab
    pairs: PairSet
    src: torch.Tensor  # (n, S) source ids, padded
    tgt_in: torch.Tensor  # (n, T) <bos> + target
    tgt_out: torch.Tensor  # (n, T) target + <eos>
    n_train: int

    def split(self, part: str) -> slice:
        return slice(0, self.n_train) if part == "train" else slice(self.n_train, None)


def make_seq2seq_data(
    task: str, n: int, val_fraction: float = 0.1, seed: int = 0
) -> Seq2SeqData:
    """A seeded task of ``n`` pairs; the last ``val_fraction`` are for validation."""
    pairs = make_pairs(task, n, seed)
    src_vocab, tgt_vocab = vocabularies(task)
    src = encode_batch(pairs.sources, src_vocab)
    width = max(len(t) for t in pairs.targets) + 1
    tgt_in = encode_batch(pairs.targets, tgt_vocab, bos=True, length=width)
    tgt_out = encode_batch(pairs.targets, tgt_vocab, eos=True, length=width)
    n_val = max(1, int(round(n * val_fraction)))
    return Seq2SeqData(src_vocab, tgt_vocab, pairs, src, tgt_in, tgt_out, n - n_val)


def make_pattern(
    n: int, seed: int = 0, min_len: int = 8, max_len: int = 16
) -> tuple[list[str], np.ndarray]:
    """Strings over "abcdef"; label 1 when "abc" occurs in them (half the samples)."""
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    letters = list(PATTERN_LETTERS)
    for i in range(n):
        want = i % 2
        while True:
            length = int(rng.integers(min_len, max_len + 1))
            text = "".join(rng.choice(letters, size=length))
            if want:
                at = int(rng.integers(0, length - len(PATTERN) + 1))
                text = text[:at] + PATTERN + text[at + len(PATTERN) :]
            if (PATTERN in text) == bool(want):
                break
        texts.append(text)
        labels.append(want)
    order = rng.permutation(n)
    return [texts[i] for i in order], np.asarray(labels, dtype=np.int64)[order]


def pattern_vocab() -> Vocab:
    """Letters plus the ``<bos>`` token used as the classification token."""
    return Vocab(PATTERN_LETTERS)


POSITIVE_WORDS = ("good", "great", "fun", "superb", "loved")
NEGATIVE_WORDS = ("bad", "dull", "awful", "boring", "hated")
NEUTRAL_WORDS = ("the", "movie", "plot", "was", "and", "actors", "story", "i", "it")


def make_sentiment(
    n: int, seed: int = 0, min_len: int = 5, max_len: int = 12
) -> tuple[list[list[str]], np.ndarray]:
    """Word sequences; label 1 when they hold more positive than negative words.

    Half the samples are positive; there are no ties. The class token has to look
    at the few sentiment words among the filler: a clear attention pattern.
    """
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for i in range(n):
        want = i % 2
        length = int(rng.integers(min_len, max_len + 1))
        n_sent = int(rng.integers(1, min(5, length) + 1))
        n_major = n_sent // 2 + 1
        major, minor = (
            (POSITIVE_WORDS, NEGATIVE_WORDS)
            if want
            else (NEGATIVE_WORDS, POSITIVE_WORDS)
        )
        words = [str(w) for w in rng.choice(major, n_major)]
        words += [str(w) for w in rng.choice(minor, n_sent - n_major)]
        words += [str(w) for w in rng.choice(NEUTRAL_WORDS, length - n_sent)]
        rng.shuffle(words)
        texts.append(words)
        labels.append(want)
    order = rng.permutation(n)
    return [texts[i] for i in order], np.asarray(labels, dtype=np.int64)[order]


def sentiment_vocab() -> Vocab:
    return Vocab(list(POSITIVE_WORDS + NEGATIVE_WORDS + NEUTRAL_WORDS))
