"""Rule matching details the clause engine relies on: lemma vs exact-form terms, suppletive lemmas, case-sensitive
parts of scope patterns, deferred-agreement wording, and which safeguard a weakly evidenced contrary clause
is given to."""

from __future__ import annotations

import dataclasses

from tenderlens.clauses.checklist import load_checklist
from tenderlens.clauses.classify import SentenceScores
from tenderlens.clauses.decide import label_sentences
from tenderlens.clauses.match import Matcher, compiled
from tenderlens.model import Span


def _scope_terms(text: str) -> dict[str, tuple[str, ...]]:
    return compiled(load_checklist()).match([text])[0].scopes


def test_exact_form_term_does_not_take_other_inflections() -> None:
    assert "automated_decisions" in _scope_terms("The tool performs profiling of claimants.")
    # "=profiling" in the bundled checklist: a lemma match would have turned "profiles" into a hit.
    assert "automated_decisions" not in _scope_terms("Staff can edit their own profiles on the intranet.")


def test_exact_form_terms_are_a_checklist_feature() -> None:
    base = load_checklist()
    scopes = tuple(
        dataclasses.replace(s, terms=(*s.terms, "=widgeting")) if s.id == "public_facing" else s for s in base.scopes
    )
    matcher = Matcher(dataclasses.replace(base, scopes=scopes))
    hit, miss = matcher.match(["Widgeting is required.", "Each widget is required."])
    assert "widgeting" in [t.lower() for t in hit.scopes.get("public_facing", ())]
    assert "public_facing" not in miss.scopes


def test_suppletive_lemmas_do_not_turn_well_into_goods() -> None:
    negative = compiled(load_checklist()).match(["The platform must perform well as well as scale."])[0]
    assert "technology_or_service" not in negative.negative_scopes
    goods = compiled(load_checklist()).match(["The goods shall be delivered to the depot."])[0]
    assert "technology_or_service" in goods.negative_scopes


def test_defined_term_pattern_is_case_sensitive() -> None:
    assert "data_processing" in _scope_terms("The Supplier shall store Pupil Data in the United Kingdom.")
    assert "data_processing" not in _scope_terms("The switches shall forward four data streams per port.")


def test_deferred_agreement_is_weak_wording() -> None:
    weak, strong = compiled(load_checklist()).match(
        [
            "Key performance indicators will be agreed with the successful supplier during mobilisation.",
            "The Supplier shall report the key performance indicators monthly.",
        ]
    )
    assert weak.weak and not strong.weak


def _scores(topic: dict[str, float], contrary: float) -> SentenceScores:
    rest = (1 - contrary) / 2
    return SentenceScores(topic=topic, status={"present": rest, "partial": rest, "contrary": contrary})


def test_weakly_evidenced_contrary_clause_goes_to_its_most_likely_safeguard_only() -> None:
    checklist = load_checklist()
    text = "Nothing about the Contractor's prices will be given to anyone who asks for it."
    span = Span(text=text, page=1, kind="sentence")
    match = compiled(checklist).match([text])
    topic = dict.fromkeys(checklist.category_ids, 0.05) | {"foi": 0.45, "data_ownership": 0.3}
    labels = label_sentences([span], match, [_scores(topic, 0.95)], checklist.categories)
    assert [(lab.category, lab.status) for lab in labels] == [("foi", "contrary")]
    # Without the contrary reading the same topic evidence is too weak to label anything.
    assert label_sentences([span], match, [_scores(topic, 0.3)], checklist.categories) == []


def test_good_industry_practice_is_not_goods_wording() -> None:
    # Issue 12, class 4: a services contract's "Good Industry Practice" lemmatises to "good", like "goods", and
    # ruled the CCS Core Terms "goods or works only". Goods wording is matched in its own form.
    rules = compiled(load_checklist())
    practice, goods = rules.match(
        ["The Supplier shall perform the Services using Good Industry Practice.", "Goods shall be delivered."]
    )
    assert "technology_or_service" not in practice.negative_scopes
    assert "technology_or_service" in goods.negative_scopes


def test_contrary_patterns_match_whatever_the_case_with_or_without_capitals_in_the_pattern() -> None:
    # Families without capitals are searched in the lower-cased sentence (the fast path); a user's pattern with
    # capitals or a (?-i:...) part is searched in the original text, case-insensitively outside that part.
    base = load_checklist()
    categories = tuple(
        dataclasses.replace(c, contrary=("WCAG[^.]{0,20}not apply", "(?-i:Portal) only")) if c.id == "inclusion" else c
        for c in base.categories
    )
    matcher = Matcher(dataclasses.replace(base, categories=categories))
    upper, lower, wrong_case = matcher.match(
        ["WCAG SHALL NOT APPLY HERE.", "wcag shall not apply here.", "Access is through the portal only."]
    )
    assert upper.categories["inclusion"].contrary and lower.categories["inclusion"].contrary
    assert not wrong_case.categories["inclusion"].contrary
    (bundled,) = compiled(base).match(["ACCESSIBILITY IS OUT OF SCOPE FOR THIS CALL-OFF."])
    assert bundled.categories["inclusion"].contrary
