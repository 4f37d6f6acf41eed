"""Blocked candidate pairs in align give the groups that scoring every pair gives, on small events.

The reference below is the all-pairs agglomeration as it stood before candidate pairs
(issue 7); align() is run once with it and once as shipped, on the bundled sources, the
shared corpus when it is checked out next to the project, and synthetic events from the
benchmark's generator.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from factcheck import align as align_module
from factcheck.config import Settings
from factcheck.extract import extract_claims
from factcheck.models import Claim
from factcheck.sources import find_events, load_event

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def all_pairs_cluster(claims: list[Claim], threshold: float) -> list[list[Claim]]:
    """The original _cluster: score every pair of different articles, merge best first."""
    n = len(claims)
    sims: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            if claims[i].article != claims[j].article:
                s = align_module.similarity(claims[i], claims[j])
                if s >= threshold * 0.6:
                    sims[(i, j)] = s
    boost = getattr(align_module, "_boost_mutual_best", None)
    if boost is not None:
        sims = boost(claims, sims, threshold)
    rivals = align_module.rival_figures(claims)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    for (i, j), s in sorted(sims.items(), key=lambda kv: (-kv[1], kv[0])):
        ci, cj = owner[i], owner[j]
        if ci == cj or s < threshold:
            continue
        a_members, b_members = members[ci], members[cj]
        if any(claims[x].article == claims[y].article and align_module.must_part(claims[x], claims[y], rivals)
               for x in a_members for y in b_members):
            continue
        total = sum(sims.get((min(x, y), max(x, y)), 0.0) for x in a_members for y in b_members
                    if claims[x].article != claims[y].article)
        pairs = sum(1 for x in a_members for y in b_members if claims[x].article != claims[y].article)
        if pairs and total / pairs < threshold * 0.8:
            continue
        members[ci] = a_members + b_members
        for k in b_members:
            owner[k] = ci
        del members[cj]
    return [[claims[i] for i in sorted(group)] for _, group in sorted(members.items())]


def _bench() -> ModuleType | None:
    path = ROOT / "benchmarks" / "bench.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("factcheck_bench", path)
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


def _real_events() -> list[Path]:
    roots = [ROOT / "sources", SHARED_CORPUS]
    return [event for root in roots if root.is_dir() for event in find_events(root)]


SYNTHETIC = [(seed, size) for seed in range(6) for size in (10,)] + [(100, 20), (101, 20)]


def _claims_of(folder: Path) -> list[Claim]:
    articles, _ = load_event(folder)
    return [c for a in articles for c in extract_claims(a)]


def _assert_same_groups(claims: list[Claim], monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    shipped = align_module.align(claims, settings)
    with monkeypatch.context() as m:
        m.setattr(align_module, "_cluster", all_pairs_cluster)
        reference = align_module.align(claims, settings)
    assert shipped == reference


@pytest.mark.parametrize("event", _real_events(), ids=lambda p: p.name)
def test_real_events_group_as_all_pairs(event: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same_groups(_claims_of(event), monkeypatch)


@pytest.mark.parametrize(("seed", "size"), SYNTHETIC)
def test_synthetic_events_group_as_all_pairs(seed: int, size: int, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bench = _bench()
    if bench is None:
        pytest.skip("benchmarks/bench.py is not in this checkout")
    folder = bench.write_corpus(tmp_path / "event", 1, size, seed=seed)
    _assert_same_groups(_claims_of(folder), monkeypatch)


def test_large_blocks_are_scored_in_part_and_deterministically(tmp_path: Path) -> None:
    bench = _bench()
    if bench is None:
        pytest.skip("benchmarks/bench.py is not in this checkout")
    claims = _claims_of(bench.write_corpus(tmp_path / "event", 1, 60, seed=7))
    counts = [c for c in claims if c.kind == "quantity" and c.dimension == "count"]
    pairs, complete = align_module._candidate_pairs(counts)
    cross = sum(1 for i, a in enumerate(counts) for b in counts[i + 1:] if a.article != b.article)
    assert not complete
    assert len(pairs) < cross / 4
    assert all(i < j and counts[i].article != counts[j].article for i, j in pairs)
    assert align_module.align(claims) == align_module.align(claims)


def test_candidate_pairs_cover_every_pair_sharing_a_word_noun_or_value() -> None:
    def claim(n: int, article: str, context: tuple[str, ...], noun: str = "", value: float = 1.0) -> Claim:
        return Claim(id=f"{article}:{n}", article=article, kind="quantity", quote="1", sentence="",
                     start=n, end=n + 1, low=value, high=value, unit="", subject="", value=value,
                     dimension="count", noun=noun, context=context)

    claims = [
        claim(1, "a", ("killed", "quake"), value=10),
        claim(2, "b", ("earthquake", "toll"), value=12),   # shares a concept with 1 ("quake", "killed")
        claim(3, "c", ("harbour",), noun="troops", value=5),
        claim(4, "d", ("convoy",), noun="soldiers", value=7),  # synonym nouns with 3
        claim(5, "e", ("market",), value=10),                  # same figure as 1
        claim(6, "f", ("weather",), value=99),                 # nothing in common with anyone
        claim(7, "a", ("killed",), value=3),                   # same article as 1: never a pair
    ]
    pairs, complete = align_module._candidate_pairs(claims)
    assert complete
    assert {(0, 1), (2, 3), (0, 4)} <= set(pairs)
    assert not any(5 in pair for pair in pairs)
    assert (0, 6) not in pairs
