"""Figures, not assertions on time: matching 3,000 companies against 50 priorities (issue 16, make bench).

The companies and priorities are made up from the demo's own words (sectors of the taxonomy, a few
certifications, profile texts built from a vocabulary of 400 words, one company in five having answered
two priorities), so the vocabulary and the sparsity look like a real directory's. Printed: the time to
score every pair (the median of three, wall clock and CPU), the time to explain the 10 best of each
priority, and precision at 5 / recall at 10 on the demo's labelled set (tests/matching/test_quality.py).
The goal is 2 s for the scores on this machine.
"""

import random
import statistics
import time

import pytest

from events.matching.scoring import CompanyText, PriorityText, Scores, normalise_certification
from events.missions.sector_taxonomy import SECTORS, industry_codes
from tests.matching.test_quality import LABELS, precision_at, ranked, recall_at  # noqa: F401

pytestmark = pytest.mark.django_db

COMPANIES, PRIORITIES = 3000, 50
CERTIFICATIONS = ["ISO 27001", "ISO 27017", "SOC 2", "Uptime Tier III", "FedRAMP Moderate", "ISO 9001"]
_WORDS = (
    "cloud sovereign hybrid migration platform identity signature portal citizen data centre energy cooling "
    "security operations analyst training threat intelligence traffic lighting urban network broadband rural "
    "fibre wireless assistant document automation language arabic french model help desk payment mobile "
    "bank port logistics warehouse cold chain fishery aquaculture hatchery export tourism lodge solar wind "
    "hydrogen greenhouse irrigation desalination procurement tender operator maintenance design equipment"
)
WORDS = _WORDS.split()


def made_up(seed=7):
    rng = random.Random(seed)
    vocabulary = WORDS + [f"term{n}" for n in range(400 - len(WORDS))]
    slugs = [slug for slug, _en, _fr in SECTORS]
    priorities = [
        PriorityText(
            id=n,
            sector=(sector := rng.choice(slugs)),
            sector_name=sector,
            codes=industry_codes(sector),
            text=" ".join(rng.choices(vocabulary, k=30)),
            certifications=tuple(rng.sample(CERTIFICATIONS, k=rng.randint(0, 2))),
            owner_interests=frozenset(rng.sample(slugs, k=2)),
            owner_names=(f"Delegate {n}",),
        )
        for n in range(PRIORITIES)
    ]
    companies = []
    for n in range(COMPANIES):
        sectors = frozenset(rng.sample(slugs, k=rng.randint(1, 3)))
        answered = rng.sample(range(PRIORITIES), k=2) if n % 5 == 0 else []
        held = {normalise_certification(name) for name in rng.sample(CERTIFICATIONS, k=rng.randint(0, 2))}
        companies.append(
            CompanyText(
                id=n,
                sectors=sectors,
                sector_names={slug: slug for slug in sectors},
                codes=frozenset().union(*(industry_codes(slug) for slug in sectors)),
                profile=" ".join(rng.choices(vocabulary, k=40)),
                answers={p: " ".join(rng.choices(vocabulary, k=25)) for p in answered},
                certifications=frozenset(held),
            )
        )
    return priorities, companies


def test_matching_benchmark(ranked):  # noqa: F811
    priorities, companies = made_up()
    Scores(priorities[:2], companies[:50])  # imports (scikit-learn, the stemmers) out of the timing

    walls, cpus = [], []
    for _run in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        scores = Scores(priorities, companies)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    started = time.perf_counter()
    best = {}
    for match in scores.matches:
        best.setdefault(match.priority_id, []).append(match)
    explained = [scores.explain(match) for matches in best.values() for match in matches[:10]]
    explaining = time.perf_counter() - started

    print(
        f"\nmatching: {COMPANIES:,} companies x {PRIORITIES} priorities = {len(scores.matches):,} scores in "
        f"{statistics.median(walls):.2f} s (median of 3; {statistics.median(cpus):.2f} s CPU; goal 2 s); "
        f"{len(explained)} explained (10 best of each) in {explaining:.2f} s; on the demo's labels "
        f"precision@5 {precision_at(5, ranked, LABELS):.2f}, recall@10 {recall_at(10, ranked, LABELS):.2f}"
    )
