"""Literal-anchored regex matching: what ``finditer`` finds, found faster.

Python's `re` finds a plain literal fast, but not the start of an IGNORECASE alternation of
~50 patterns behind a lookbehind: it tries every branch at every position. What every match of a
pattern must start with is read from its parse tree: a word ("giá") and what may follow it
(whitespace, then "tr" and "ị" or "i"). A case-sensitive search for those words, each checked by
a lookahead for what follows, on a case-folded copy of the text finds the only places where the
pattern can start; the real pattern (unchanged) is tried there alone. The results are exactly
those of the plain regexes (tests/test_speed_matcher.py compares them over the practice corpus and
random text); a pattern whose starts cannot be spelled out is searched for as it is.

This module knows nothing of indicators; it reads `re`'s own parse tree and case tables
(``re._parser``, ``re._casefix``, ``_sre``: present and alike in Python 3.11 to 3.13).
"""
from __future__ import annotations

import _sre  # the case mapping `re` itself uses (see fold_char)
import re
from functools import lru_cache
from re import _casefix, _constants as sre_constants, _parser as sre_parse
from typing import Any, Iterator

from .rules import FLAGS

PREFIX_LENGTH = 8  # characters (or runs of spaces) of a prefix: enough to tell most phrases apart
_MAX_CLASS_CHARS = 32  # a larger character class is not spelled out
_MAX_PREFIXES = 512  # more prefixes than this and they stop short
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}
# Categories that folding leaves alone (a space or digit folds to itself, nothing else folds to one).
_CATEGORIES = {sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_DIGIT: r"\d"}

Atom = tuple[frozenset[str], bool]  # one of these (folded) characters, or a run of them when True
_SPACE_CHARS = frozenset({r"\s"})  # the characters of an atom of whitespace


def fold_char(char: str) -> str:
    """The one character that stands for `char` and all it matches under ``re.IGNORECASE``.

    ``re`` lower-cases the text's character and compares it with the pattern's lower-cased one,
    or with a few extra equivalents ("s" and "ſ", "μ" and "µ"): the smallest of those is the fold.

    >>> fold_char("Đ"), fold_char("ſ"), fold_char("s"), fold_char("4")
    ('đ', 's', 's', '4')
    """
    lower = _sre.unicode_tolower(ord(char))
    return chr(min((lower,) + _casefix._EXTRA_CASES.get(lower, ())))


# The characters a lower-cased text may still hold that do not stand for themselves ("ı", "ſ", "μ").
_TO_REPRESENTATIVE = {code: fold_char(chr(code)) for code in _casefix._EXTRA_CASES
                      if fold_char(chr(code)) != chr(code)}
_NOT_REPRESENTATIVE = re.compile("[" + "".join(map(re.escape, map(chr, _TO_REPRESENTATIVE))) + "]")


@lru_cache(maxsize=32)
def fold_text(text: str) -> str:
    """`text` with every character folded (`fold_char`), same length.

    ``str.lower`` gives each character's lower case as ``re`` does, but for a few that become
    two characters ("İ"): those few texts are folded character by character.

    >>> fold_text("Giá trị İ ſ")
    'giá trị i s'
    """
    folded = text.lower()
    if len(folded) != len(text):
        return "".join(map(fold_char, text))
    if _NOT_REPRESENTATIVE.search(folded):
        folded = folded.translate(_TO_REPRESENTATIVE)
    return folded


def literal_prefixes(pattern: str | re.Pattern[str], length: int = PREFIX_LENGTH) -> frozenset[str] | None:
    """Folded words (at most `length` characters) one of which starts every match of `pattern`,
    or None when a match may start with about any character (or be empty).

    Zero-width assertions are skipped; an optional part gives both ways; a part that cannot be
    spelled out (``\\w``, ``.``, a negated or large class) ends the prefix there, and so does
    any character but a letter after the first.

    >>> sorted(literal_prefixes(r"giá\\s+tr[ịi]", 2))
    ['gi']
    >>> sorted(literal_prefixes(r"(?<!\\w)(?:tổng\\s+)?THU\\s+ngân"))
    ['thu', 'tổng']
    >>> sorted(literal_prefixes(r"tr[ịi]\\s"))
    ['tri', 'trị']
    >>> literal_prefixes(r"\\w+\\s+năm") is None
    True
    """
    skeletons = prefix_skeletons(pattern, length)
    if skeletons is None:
        return None
    heads = {head for skeleton in skeletons for head in _split_head(skeleton)[0]}
    return frozenset(h for h in heads if not any(h != other and h.startswith(other) for other in heads))


def prefix_skeletons(pattern: str | re.Pattern[str], length: int = PREFIX_LENGTH) -> frozenset[tuple[Atom, ...]] | None:
    """The starts of `pattern`'s matches as sequences of atoms (at most `length`), one of which
    fits the folded text wherever the pattern matches; None when a match may start with anything.

    >>> [[''.join(sorted(chars)) + ('+' if run else '') for chars, run in s]
    ...  for s in prefix_skeletons(r"giá\\s+tr[ịi]")]
    [['g', 'i', 'á', '\\\\s+', 't', 'r', 'iị']]
    """
    source, flags = (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, FLAGS)
    growing, done = _walk(list(sre_parse.parse(source, flags)), {()}, length)
    skeletons = done | growing
    if not skeletons or any(not _split_head(s)[0] for s in skeletons):
        return None
    return frozenset(skeletons)


def _space_led_skeletons(pattern: re.Pattern[str], length: int = PREFIX_LENGTH) -> frozenset[tuple[Atom, ...]] | None:
    """The skeletons of a pattern whose matches may open with whitespace (" 5 tháng"), with that
    whitespace left out; None when even so a match may start with anything."""
    growing, done = _walk(list(sre_parse.parse(pattern.pattern, pattern.flags)), {()}, length)
    stripped = {_after_spaces(skeleton) for skeleton in done | growing}
    if not stripped or any(not _split_head(s)[0] for s in stripped):
        return None
    return frozenset(stripped)


def _after_spaces(skeleton: tuple[Atom, ...]) -> tuple[Atom, ...]:
    index = 0
    while index < len(skeleton) and skeleton[index][0] == _SPACE_CHARS:
        index += 1
    return skeleton[index:]


def _split_head(skeleton: tuple[Atom, ...]) -> tuple[set[str], tuple[Atom, ...]]:
    """(the words the skeleton can start with, the atoms after them).

    The word is made of single letters (a class spelled out); a first character that is not a
    letter stands alone. An anchor found on the word then never covers the start of another word.
    """
    heads, index = {""}, 0
    for index, (chars, run) in enumerate(skeleton):
        letters = not run and all(len(c) == 1 and _WORD_CHAR.match(c) for c in chars)
        if not letters:
            if index == 0 and not run and all(len(c) == 1 for c in chars):
                heads, index = set(chars), 1
            break
        if len(heads) * len(chars) > _MAX_PREFIXES:
            break
        heads = {head + char for head in heads for char in chars}
    else:
        index = len(skeleton)
    return ({h for h in heads if h}, skeleton[index:])


def _walk(items: list, growing: set[tuple], length: int) -> tuple[set[tuple], set[tuple]]:
    """(growing, done) skeletons after a sequence of parse-tree items."""
    done: set[tuple] = set()
    for op, av in items:
        if not growing:
            break
        if op in _ZERO_WIDTH:
            continue
        step = _step(op, av, growing, length)
        if step is None or len(step[0]) + len(step[1]) + len(done) > _MAX_PREFIXES:
            return set(), done | growing  # what is known so far is the prefix
        growing, finished = step
        done |= finished
    return growing, done


def _step(op: Any, av: Any, growing: set[tuple], length: int) -> tuple[set[tuple], set[tuple]] | None:
    """(growing, done) skeletons after one parse-tree item; None when it cannot be spelled out."""
    if op is sre_constants.LITERAL or op is sre_constants.IN:
        chars = _chars_of(op, av)
        return _extend(growing, (chars, False), length) if chars else None
    if op is sre_constants.SUBPATTERN:
        return _walk(list(av[-1]), growing, length)
    if op is sre_constants.ATOMIC_GROUP:
        return _walk(list(av), growing, length)
    if op is sre_constants.BRANCH:
        walks = [_walk(list(branch), growing, length) for branch in av[1]]
        return set().union(*(w[0] for w in walks)), set().union(*(w[1] for w in walks))
    if op in _REPEATS:
        return _repeat(*av, growing, length)
    return None


def _repeat(low: int, high: int, body: Any, growing: set[tuple], length: int) -> tuple[set[tuple], set[tuple]]:
    skipped = growing if low == 0 else set()
    single = list(body)
    chars = _chars_of(*single[0]) if len(single) == 1 and single[0][0] in (sre_constants.LITERAL, sre_constants.IN) else None
    if chars:  # "\s+", "[xs]?", "\s*": one atom, a run when it may repeat
        extended, finished = _extend(growing, (chars, high != 1), length)
        return extended | skipped, finished
    once_growing, once_done = _walk(single, growing, length)
    if high == 1:
        return once_growing | skipped, once_done
    return skipped, once_done | once_growing  # later rounds unknown: stop there


def _chars_of(op: Any, av: Any) -> frozenset[str] | None:
    """The folded characters of a literal or class (``\\s``, ``\\d`` kept as such), or None when it
    is negated, another category, or large."""
    items = [(op, av)] if op is sre_constants.LITERAL else av
    chars: set[str] = set()
    for item_op, item in items:
        if item_op is sre_constants.LITERAL:
            chars.add(fold_char(chr(item)))
        elif item_op is sre_constants.RANGE and item[1] - item[0] < _MAX_CLASS_CHARS:
            chars.update(fold_char(chr(code)) for code in range(item[0], item[1] + 1))
        elif item_op is sre_constants.CATEGORY and item in _CATEGORIES:
            chars.add(_CATEGORIES[item])
        else:
            return None
    return frozenset(chars) if len(chars) <= _MAX_CLASS_CHARS else None


def _extend(growing: set[tuple], atom: Atom, length: int) -> tuple[set[tuple], set[tuple]]:
    longer = {skeleton + (atom,) for skeleton in growing}
    return {s for s in longer if len(s) < length}, {s for s in longer if len(s) >= length}


def _atom_regex(atom: Atom) -> str:
    """An atom as a case-sensitive regex for the folded text."""
    chars, run = atom
    parts = sorted(c if c in _CATEGORIES.values() else re.escape(c) for c in chars)
    single = parts[0] if len(parts) == 1 else f"[{''.join(parts)}]"
    return single + ("+" if run else "")


class AnchoredMatcher:
    """What ``finditer`` of the alternation ``p0|p1|...`` finds, trying at each place only the
    patterns that can start there (in the alternation's order, so the first that matches wins).

    The places are found by one search of the folded text for the patterns' first words, each
    with a lookahead for what may follow it. When every pattern starts at a word start
    (``(?<!\\w)``), the search runs once over the text; otherwise it starts anew after each place,
    and a pattern without prefixes is searched for on its own. Built by `AnchoredMatcher.build`,
    which gives None when some pattern can match the empty string (finditer's rules for empty
    matches are not reproduced).
    """

    def __init__(self, patterns: tuple[re.Pattern[str], ...], skeletons: list[frozenset[tuple] | None],
                 space_led: frozenset[int] = frozenset()) -> None:
        self.patterns = patterns
        self.space_led = space_led  # patterns whose matches may open with whitespace before the word
        self.unanchored = tuple(n for n, found in enumerate(skeletons) if found is None)
        heads: dict[str, set[int]] = {}
        tails: dict[str, set[str]] = {}
        for number, found in enumerate(skeletons):
            for skeleton in found or ():
                words, after = _split_head(skeleton)
                for word in words:
                    heads.setdefault(word, set()).add(number)
                    tails.setdefault(word, set()).add("".join(map(_atom_regex, after)))
        # the patterns a word can start: its own and those of every shorter word it starts with
        self.numbers = {word: tuple(sorted({n for other, ns in heads.items() if word.startswith(other) for n in ns}))
                        for word in heads}
        joints = {numbers: _joint_pattern([patterns[n] for n in numbers]) for numbers in set(self.numbers.values())}
        self.joints = {word: joints[numbers] for word, numbers in self.numbers.items()}
        self.word_starts = not self.unanchored and all(map(_starts_at_word_start, patterns))
        self.anchors = _anchor_regex(tails) if tails else None

    @classmethod
    def build(cls, patterns: list[re.Pattern[str]], length: int = PREFIX_LENGTH,
              space_led: bool = False) -> AnchoredMatcher | None:
        """The matcher of these patterns; with `space_led`, a pattern whose matches may open with
        whitespace is anchored on the word after it (only `finditer_each` knows such patterns)."""
        if any(sre_parse.parse(p.pattern, p.flags).getwidth()[0] == 0 for p in patterns):
            return None
        skeletons = [prefix_skeletons(p, length) for p in patterns]
        led = {n for n, p in enumerate(patterns) if space_led and skeletons[n] is None
               and _space_led_skeletons(p, length) is not None}
        for number in led:
            skeletons[number] = _space_led_skeletons(patterns[number], length)
        return cls(tuple(patterns), skeletons, frozenset(led))

    def finditer(self, scan: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, re.Match[str]]]:
        """(pattern number, match) of each match in scan[start:end], left to right, not overlapping."""
        end = len(scan) if end is None else min(end, len(scan))
        assert not self.space_led, "whitespace-led patterns are only found by finditer_each"
        if not self.word_starts:
            yield from self._finditer_anywhere(scan, start, end)
            return
        # An anchor covers one word, and a non-letter never folds to a letter: no other word
        # starts inside it, so anchors found without overlap miss no place.
        position = start
        for anchor in self.anchors.finditer(fold_text(scan), start, end):
            here = anchor.start()
            if here < position:
                continue
            if here and ((before := scan[here - 1]).isalnum() or before == "_"):
                continue  # inside a word: what (?<!\w) rejects
            found = self._match_at(scan, here, end, anchor.group())
            if found:
                yield found
                position = found[1].end()

    def finditer_each(self, scan: str) -> list[list[re.Match[str]]]:
        """What each pattern's own ``finditer(scan)`` finds, from one search for all their
        anchors (for patterns that all start at word starts)."""
        assert self.word_starts
        found: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        positions = [0] * len(self.patterns)  # where each pattern's next match may start
        for anchor in self.anchors.finditer(fold_text(scan)):
            here = anchor.start()
            if here and ((before := scan[here - 1]).isalnum() or before == "_"):
                continue
            for number in self.numbers[anchor.group()]:
                if here < positions[number]:
                    continue
                starts = self._space_led_starts(scan, here, positions[number]) if number in self.space_led else (here,)
                for start in starts:  # the leftmost that matches, as finditer takes
                    match = self.patterns[number].match(scan, start)
                    if match:
                        found[number].append(match)
                        positions[number] = match.end()
                        break
        return found

    def may_match(self, scan: str, start: int = 0, end: int | None = None) -> bool:
        """False only when no pattern can match in scan[start:end] (as ``pattern.search(scan,
        start, end)`` would): no place there starts with one of their first words. One search of
        the folded text, case-sensitive, instead of one per pattern."""
        if self.unanchored or self.space_led or self.anchors is None:
            return True
        end = len(scan) if end is None else end
        return self.anchors.search(fold_text(scan), start, end) is not None

    @staticmethod
    def _space_led_starts(scan: str, here: int, floor: int) -> range:
        r"""Where a match that reaches the word at `here` through whitespace may start: anywhere in
        the whitespace right before it (not before `floor`). ``str.isspace`` is what ``\s`` tests."""
        start = here
        while start > floor and scan[start - 1].isspace():
            start -= 1
        return range(start, here + 1)

    def _match_at(self, scan: str, here: int, end: int, word: str) -> tuple[int, re.Match[str]] | None:
        """The first pattern (in order) that `word` can start and that matches at `here`."""
        numbers = self.numbers[word]
        joint = self.joints[word]
        if joint is not None:  # one call tells whether any of them matches, and which
            found = joint.match(scan, here, end)
            if found is None:
                return None
            numbers = (numbers[found.lastindex - 1],)
        for number in numbers:
            match = self.patterns[number].match(scan, here, end)
            if match:
                return number, match
        return None

    def _finditer_anywhere(self, scan: str, start: int, end: int) -> Iterator[tuple[int, re.Match[str]]]:
        """`finditer` for patterns that may start inside a word or have no prefixes."""
        folded = fold_text(scan)
        anchor: re.Match[str] | None = None
        searched = False
        next_unanchored = {number: -1 for number in self.unanchored}  # -1: to search, -2: none left
        position = start
        while position < end:
            if self.anchors is not None and (not searched or (anchor is not None and anchor.start() < position)):
                anchor, searched = self.anchors.search(folded, position, end), True
            for number, at in next_unanchored.items():
                if at != -2 and at < position:
                    found = self.patterns[number].search(scan, position, end)
                    next_unanchored[number] = found.start() if found else -2
            places = [at for at in next_unanchored.values() if at >= 0] + ([anchor.start()] if anchor else [])
            if not places:
                return
            here = min(places)
            numbers = set(self.numbers[anchor.group()]) if anchor and anchor.start() == here else set()
            numbers |= {number for number, at in next_unanchored.items() if at == here}
            position = here + 1
            for number in sorted(numbers):
                match = self.patterns[number].match(scan, here, end)
                if match:
                    yield number, match
                    position = match.end()
                    break


def _anchor_regex(tails: dict[str, set[str]]) -> re.Pattern[str]:
    """The words, each with a lookahead for what may follow it, as one regex that finds at any
    place the longest word that fits (every pattern that can start there starts with it).

    The words are spelled as a tree (``t(?:hu(?:ế|)|ổng)``) so that `re` checks one letter at a time.
    """
    tree: dict = {}
    for word, after in tails.items():
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = "" if "" in after else "(?=" + "|".join(sorted(after)) + ")"
    return re.compile(_tree_regex(tree))


def _tree_regex(node: dict) -> str:
    """Longer words first: a letter's subtree, then the word that ends here (its lookahead)."""
    branches = [re.escape(char) + _tree_regex(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        branches.append(node[""])
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@lru_cache(maxsize=256)
def _matcher_of(pattern: re.Pattern[str]) -> AnchoredMatcher | None:
    matcher = AnchoredMatcher.build([pattern])
    return matcher if matcher is not None and not matcher.unanchored else None


def fast_finditer(pattern: re.Pattern[str], scan: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(scan, start, end)``, found from the pattern's literal
    prefixes when it has any (see `AnchoredMatcher`)."""
    matcher = _matcher_of(pattern)
    end = len(scan) if end is None else end
    if matcher is None:
        return pattern.finditer(scan, start, end)
    return (match for _, match in matcher.finditer(scan, start, end))


@lru_cache(maxsize=16)
def _group_matcher(patterns: tuple[re.Pattern[str], ...]) -> tuple[AnchoredMatcher | None, list[int]]:
    """One matcher for the patterns that start at word starts and have prefixes, and which they are."""
    together = [n for n, p in enumerate(patterns) if _anchored_at_word_starts(p)]
    return (AnchoredMatcher.build([patterns[n] for n in together], space_led=True) if together else None), together


def _anchored_at_word_starts(pattern: re.Pattern[str]) -> bool:
    single = AnchoredMatcher.build([pattern], space_led=True)
    return single is not None and single.word_starts


def finditer_each(patterns: tuple[re.Pattern[str], ...], scan: str) -> list[list[re.Match[str]]]:
    """``list(pattern.finditer(scan))`` for each pattern; those that start at word starts and have
    literal prefixes are found together, from one search for all their prefixes."""
    matcher, together = _group_matcher(patterns)
    found = dict(zip(together, matcher.finditer_each(scan))) if matcher is not None else {}
    return [found[n] if n in found else list(pattern.finditer(scan)) for n, pattern in enumerate(patterns)]


def _joint_pattern(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """``(p0)|(p1)|...``: one call says whether any matches, and which group says the first that
    does. None for a single pattern, or when joining could change what they mean (different flags,
    groups of their own)."""
    if len(patterns) < 2 or len({p.flags for p in patterns}) > 1 or any(p.groups for p in patterns):
        return None
    end_of_comment = "\n" if patterns[0].flags & re.VERBOSE else ""  # a source may end in a comment
    try:
        return re.compile("|".join(f"({p.pattern}{end_of_comment})" for p in patterns), patterns[0].flags)
    except re.error:
        return None


def _starts_at_word_start(pattern: re.Pattern[str]) -> bool:
    """Whether the pattern opens with a lookbehind that rejects a letter before it (``(?<!\\w)``)."""
    items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    if not items or items[0][0] is not sre_constants.ASSERT_NOT:
        return False
    direction, body = items[0][1]
    body = list(body)
    return (direction == -1 and len(body) == 1 and body[0][0] is sre_constants.IN
            and (sre_constants.CATEGORY, sre_constants.CATEGORY_WORD) in body[0][1])


_WORD_CHAR = re.compile(r"\w")
