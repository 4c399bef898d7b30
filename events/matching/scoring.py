"""Scores of companies against a delegation's procurement priorities, each from parts a person can check.

A score (0-100) is the weighted mean of the parts that apply (weights: settings.MATCHING_WEIGHTS, shown to
organisers):
- sector: the share of the priority's industry codes (NAICS 2022, NACE Rev. 2; events.missions.sector_taxonomy)
  that the company's sectors carry; 1 when it names the priority's sector itself;
- certifications: the share of the certifications the priority requires that the company says it holds
  (left out when the priority requires none, or when the company has stated none: unknown, not lacking);
- text: how close the company's answer to this priority, and its profile, are to the priority's words
  (cosine of term-frequency vectors, scikit-learn's TfidfVectorizer without IDF, so that a pair's score
  does not depend on which other companies are scored with it; words reduced to their stem by the
  Snowball stemmers of English, French and Arabic, so "centres" meets "centre" and "sécurité" meets
  "securite"); the better of the two counts;
- interest: 1 when a delegate who owns the priority lists one of the company's sectors among their interests.

Pure: plain data in (`PriorityText`, `CompanyText`), `Match`es out, no database; selectors feed it.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from django.conf import settings
from django.utils.translation import gettext as _

ARABIC = re.compile(r"[\u0600-\u06ff]")
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
# Words that say nothing of what is sought or offered, in the three languages.
_STOP_WORDS = """a an and are as at be by for from has have in is it its of on or our that the their them they this to
    we with will your you services service solutions solution company companies provide provides including
    le la les un une des du de et en pour par sur au aux avec dans est sont nos notre vos votre leur leurs
    qui que ou ses son sa ce cette ces
    في من على إلى عن مع هذا هذه التي الذي ذلك أو و"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def weights() -> dict[str, float]:
    """The weights in use (settings.MATCHING_WEIGHTS: {"sector", "certifications", "text", "interest"})."""
    return settings.MATCHING_WEIGHTS


def normalise_certification(name: str) -> str:
    """ "ISO/IEC 27001", "iso 27001" and "ISO-27001" compare equal: letters and digits only, case folded,
    and the standard's publisher pair "ISO/IEC" read as "ISO"."""
    folded = name.casefold().replace("iso/iec", "iso")
    return "".join(character for character in folded if character.isalnum())


def distinct_certifications(names) -> list[str]:
    """`names` stripped, empty ones dropped, each certification once ("ISO 27001, iso 27001" is one)."""
    kept = {}
    for name in names:
        if name.strip():
            kept.setdefault(normalise_certification(name), name.strip())
    return list(kept.values())


@dataclass(frozen=True)
class PriorityText:
    id: int
    sector: str  # its slug
    sector_name: str
    codes: frozenset[str]
    text: str  # title, what is sought, project
    certifications: tuple[str, ...] = ()  # as written
    owner_interests: frozenset[str] = frozenset()  # sector slugs the owning delegates list
    owner_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompanyText:
    id: int
    sectors: frozenset[str]  # slugs
    sector_names: dict[str, str]  # slug: name, for reasons
    codes: frozenset[str]
    profile: str  # description and offers
    answers: dict[int, str] = field(default_factory=dict)  # priority id: its answer's offer and references
    certifications: frozenset[str] = frozenset()  # normalised, from its answers


@dataclass(frozen=True)
class Match:
    priority_id: int
    company_id: int
    score: int  # 0-100
    parts: dict[str, float]  # part: 0-1, for the parts that apply
    answered: bool  # the text part is the company's answer to this priority, not its profile
    words: tuple[str, ...]  # up to three words both share, as the company wrote them


class Scores:
    """Every company scored against every priority: `matches`, best first within each priority; `explain`
    says why for the few a page shows (the words two texts share are worked out then, not for all)."""

    def __init__(self, priorities: list[PriorityText], companies: list[CompanyText]):
        self.priorities = {priority.id: (p, priority) for p, priority in enumerate(priorities)}
        self.companies = {company.id: (c, company) for c, company in enumerate(companies)}
        self.matches: list[Match] = []
        if not priorities or not companies:
            return
        import numpy as np

        self.relevance = _TextRelevance(priorities, companies)
        used = weights()
        # Every part as a priorities x companies array: 150,000 pairs in array arithmetic, not a Python loop.
        sector = np.array([[_sector_part(priority, company) for company in companies] for priority in priorities])
        interest = np.array(
            [
                [1.0 if priority.owner_interests & company.sectors else 0.0 for company in companies]
                for priority in priorities
            ]
        )
        text, answered = self.relevance.matrix()
        # A company that has stated no certification at all is unknown there, not lacking: left out, as
        # is the part for a priority that requires none.
        certified = np.zeros(sector.shape)
        counted = np.zeros(sector.shape, dtype=bool)
        stated = np.array([bool(company.certifications) for company in companies])
        for p, priority in enumerate(priorities):
            required = {normalise_certification(name) for name in priority.certifications}
            if required:
                counted[p] = stated
                certified[p] = [len(required & company.certifications) / len(required) for company in companies]
        total = used["sector"] + used["text"] + used["interest"] + used["certifications"] * counted
        weighted = (
            used["sector"] * sector
            + used["text"] * text
            + used["interest"] * interest
            + used["certifications"] * certified * counted
        )
        score = np.rint(100 * weighted / total).astype(int)
        for p, priority in enumerate(priorities):
            for c in np.lexsort((np.array([company.id for company in companies]), -score[p])):
                parts = {"sector": float(sector[p, c]), "text": float(text[p, c]), "interest": float(interest[p, c])}
                if counted[p, c]:
                    parts["certifications"] = float(certified[p, c])
                self.matches.append(
                    Match(priority.id, companies[c].id, int(score[p, c]), parts, bool(answered[p, c]), ())
                )

    def explain(self, match: Match) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(reasons, what is missing) of `match`, in the active language."""
        p, priority = self.priorities[match.priority_id]
        c, company = self.companies[match.company_id]
        words = self.relevance.words(p, c) if match.parts.get("text") else ()
        return explain(replace(match, words=words), priority, company)


def explain(match: Match, priority: PriorityText, company: CompanyText) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(reasons, what is missing), in the active language, for one match."""
    reasons, missing = [], []
    if priority.sector in company.sectors:
        reasons.append(_("both in %(sector)s") % {"sector": priority.sector_name})
    else:
        shared = sorted(priority.codes & company.codes)
        if shared:
            reasons.append(_("shares the industry code %(codes)s") % {"codes": ", ".join(shared)})
        else:
            missing.append(_("not in %(sector)s nor a neighbouring sector") % {"sector": priority.sector_name})
    if priority.certifications and not company.certifications:
        missing.append(
            _("has not said whether it holds %(certifications)s")
            % {"certifications": ", ".join(priority.certifications)}
        )
    elif priority.certifications:
        held = [name for name in priority.certifications if normalise_certification(name) in company.certifications]
        lacking = [name for name in priority.certifications if name not in held]
        if held:
            reasons.append(
                _("holds %(certifications)s, which the priority requires") % {"certifications": ", ".join(held)}
            )
        if lacking:
            missing.append(_("does not say it holds %(certifications)s") % {"certifications": ", ".join(lacking)})
    if match.words:
        # Each word isolated (U+2068 … U+2069): a Latin word quoted in an Arabic sentence keeps its quotes.
        quoted = ", ".join(f"“\u2068{word}\u2069”" for word in match.words)
        if match.answered:
            reasons.append(_("its answer mentions %(words)s") % {"words": quoted})
        else:
            reasons.append(_("its profile mentions %(words)s") % {"words": quoted})
    if priority.id not in company.answers:
        missing.append(_("no answer to this priority yet"))
    interested = sorted(priority.owner_interests & company.sectors)
    if interested and priority.owner_names:
        reasons.append(
            _("%(delegates)s follows %(sector)s")
            % {
                "delegates": ", ".join(priority.owner_names),
                "sector": ", ".join(company.sector_names.get(slug, slug) for slug in interested),
            }
        )
    return tuple(reasons), tuple(missing)


def _sector_part(priority: PriorityText, company: CompanyText) -> float:
    if priority.sector in company.sectors:
        return 1.0
    return len(priority.codes & company.codes) / len(priority.codes) if priority.codes else 0.0


# Text relevance.


class _TextRelevance:
    """TF-IDF over the companies' profiles and answers; each priority's words as a query."""

    def __init__(self, priorities, companies):
        from sklearn.feature_extraction.text import TfidfVectorizer  # loaded by the processes that match

        self.surfaces: dict[str, Counter] = {}
        self.answered = {
            (p, c): None
            for c, company in enumerate(companies)
            for p, priority in enumerate(priorities)
            if priority.id in company.answers
        }
        corpus = [company.profile for company in companies]
        for row, (p, c) in enumerate(self.answered, start=len(companies)):
            self.answered[(p, c)] = row
            corpus.append(companies[c].answers[priorities[p].id])
        # Term frequencies, not inverse document frequencies: a pair's relevance depends on its two texts
        # alone, so the company's page, the delegate's, the coverage view and the scheduler read one score
        # for it, whichever other companies each page scores alongside (a tester saw 92 and 83).
        vectorizer = TfidfVectorizer(analyzer=_analyzer(self.surfaces), sublinear_tf=True, use_idf=False)
        texts = [priority.text for priority in priorities]
        if not any(_analyzer({})(text) for text in corpus):
            # No company wrote a word that counts (empty profiles, stop words only): every text part is 0.
            # scikit-learn refuses an empty vocabulary, so a one-word one that no text holds stands in.
            vectorizer = TfidfVectorizer(analyzer=_analyzer(self.surfaces), vocabulary=["\x00"], use_idf=False)
        self.documents = vectorizer.fit_transform(corpus).tocsr()
        self.queries = vectorizer.transform(texts).tocsr()
        self.stems = vectorizer.get_feature_names_out()
        # Rows are L2-normalised: the product is the cosine.
        self.profiles = (self.queries @ self.documents[: len(companies)].T).toarray()
        by_answer = (self.documents[len(companies) :] @ self.queries.T).toarray()  # answers x priorities
        self.answers = {(p, c): float(by_answer[row - len(companies), p]) for (p, c), row in self.answered.items()}

    def matrix(self):
        """(relevance, answered): priorities x companies arrays, the better of answer and profile."""
        import numpy as np

        relevance, answered = self.profiles.copy(), np.zeros(self.profiles.shape, dtype=bool)
        for (p, c), value in self.answers.items():
            if value >= relevance[p, c]:
                relevance[p, c], answered[p, c] = value, True
        return relevance, answered

    def of(self, p: int, c: int) -> tuple[float, bool]:
        """(relevance 0-1, whether it is the answer's): the better of the answer and the profile."""
        answer = self.answers.get((p, c))
        profile = float(self.profiles[p][c])
        return (answer, True) if answer is not None and answer >= profile else (profile, False)

    def words(self, p: int, c: int, limit: int = 3) -> tuple[str, ...]:
        _relevance, answered = self.of(p, c)
        document = self.documents[self.answered[(p, c)] if answered else c]
        product = self.queries[p].multiply(document).tocoo()
        order = sorted(zip(product.col, product.data, strict=True), key=lambda item: -item[1])[:limit]
        return tuple(self.surfaces[self.stems[index]].most_common(1)[0][0] for index, _weight in order)


def _analyzer(surfaces: dict[str, Counter]):
    def analyse(text: str) -> list[str]:
        tokens = []
        for word in WORD.findall(text.casefold()):
            if word in STOP_WORDS:
                continue
            stem = _stem(word)
            surfaces.setdefault(stem, Counter())[word] += 1
            tokens.append(stem)
        return tokens

    return analyse


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """The word's Snowball stem; cached, since a directory repeats the same few thousand words (a pure-Python
    stemmer over every word of 3,000 profiles took ten seconds)."""
    if ARABIC.search(word):
        return _stemmer("arabic").stemWord(word)
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    language = "french" if plain != word else "english"
    return _stemmer(language).stemWord(plain)


@cache
def _stemmer(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(language)
