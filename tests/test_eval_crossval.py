"""``tenderlens eval --cv K``: grouped cross-validation scores every document once, with a model that never saw it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tenderlens.clauses.checklist import load_checklist
from tenderlens.clauses.classify import ClassicModel
from tenderlens.clauses.engines import ClauseEngine
from tenderlens.cli import run
from tenderlens.exceptions import BadArgumentsError, ExitCode
from tenderlens.learn.corpus import iter_documents
from tenderlens.learn.evaluate import cross_validate, predict, score
from tenderlens.learn.train import fit_classic

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "train").mkdir()
    for path in sorted((ROOT / "corpora" / "documents" / "train").glob("*.json"))[:24]:
        shutil.copy(path, root / "train" / path.name)
    return root


@pytest.mark.slow  # fits four models
def test_every_document_is_scored_once_and_held_out_scores_are_lower(small_corpus: Path) -> None:
    (held_out,) = cross_validate([small_corpus], ["train"], folds=3)
    assert held_out.documents == 24
    assert held_out.engine == "classic (3-fold cross-validation)"
    docs = list(iter_documents(small_corpus, ("train",)))
    assert held_out.sentences == sum(len(d.sentences()) for d in docs)
    # A model scored on its own training documents looks better than one scored on documents it never saw.
    seen = ClauseEngine("classic", ClassicModel(fit_classic([s for d in docs for s in d.sentences()])))
    in_sample = score(predict(docs, load_checklist(), seen), load_checklist(), "in-sample", "synthetic")
    macro = lambda r: sum(p.f1 for p in r.sentence_prf.values())  # noqa: E731
    assert macro(in_sample) > macro(held_out)


def test_cross_validation_needs_two_folds_and_enough_documents(small_corpus: Path) -> None:
    with pytest.raises(BadArgumentsError):
        cross_validate([small_corpus], ["train"], folds=1)
    with pytest.raises(BadArgumentsError, match="at least 30 documents"):
        cross_validate([small_corpus], ["train"], folds=30)
    with pytest.raises(BadArgumentsError, match="one engine at a time"):
        cross_validate([small_corpus], ["train"], folds=3, engine="all")
    assert run(["eval", str(small_corpus), "--split", "train", "--cv", "1"]) == ExitCode.bad_args
