"""Rule matching details the clause engine relies on: lemma vs exact-form terms, suppletive lemmas, case-sensitive
parts of scope patterns, deferred-agreement wording, and which safeguard a weakly evidenced contrary clause
is given to."""

from __future__ import annotations

import dataclasses

import pytest

from tenderlens.clauses.checklist import ContraryRule, load_checklist
from tenderlens.clauses.classify import SentenceScores
from tenderlens.clauses.decide import SentenceLabel, decide_finding, label_sentences
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


def test_issue12_a_sentence_weakly_about_a_safeguard_is_never_contrary_on_the_status_model_alone() -> None:
    """Issue 12, seen on the CCS pack in ../shared/realdocs: "The Supplier consents to the terms of this deed" was FOI
    contrary because the bag-of-words status model said contrary and FOI was its likeliest topic, though too weakly
    to make the sentence evidence. Below the relevance threshold only a contrary pattern decides; the model's reading
    is doubt (partial), given to the likeliest safeguard only."""
    checklist = load_checklist()
    texts = [
        "The Supplier consents to the terms of this agreement.",
        "The Council shall obtain the Supplier's written consent before it releases the tender under the FOIA.",
    ]
    spans = [Span(text=t, page=1, kind="sentence") for t in texts]
    topic = dict.fromkeys(checklist.category_ids, 0.05) | {"foi": 0.45, "data_ownership": 0.3}
    labels = label_sentences(spans, compiled(checklist).match(texts), [_scores(topic, 0.95)] * 2, checklist.categories)
    assert [(lab.span.text, lab.category, lab.status, lab.doubt) for lab in labels] == [
        (texts[0], "foi", "partial", True),
        (texts[1], "foi", "contrary", False),
    ]
    # Without the contrary reading the same topic evidence is too weak to label anything.
    assert (
        label_sentences(spans[:1], compiled(checklist).match(texts[:1]), [_scores(topic, 0.3)], checklist.categories)
        == []
    )


def test_issue12_a_prohibition_on_the_supplier_is_never_contrary_on_the_status_model_alone() -> None:
    """Issue 12, failure class 1: "the Supplier shall not use Authority Data for any other purpose" protects the buyer.
    Of 361 corpus sentences with a supplier prohibition only 3 are labelled contrary, each with a contrary pattern or
    the buyer also forgoing something; so the bag-of-words "contrary" on such a sentence is partial, while letting
    the supplier off ("shall not be required to") and a contrary pattern still decide."""
    checklist = load_checklist()
    texts = [
        "The Supplier shall not use Authority Data for any purpose other than performing the Contract.",
        "The Supplier shall not be required to return Authority Data at the end of the Contract.",
        "The Supplier shall not delete any copies, and derived data shall vest in the Supplier.",
    ]
    spans = [Span(text=t, page=1, kind="sentence") for t in texts]
    topic = dict.fromkeys(checklist.category_ids, 0.05) | {"data_ownership": 0.9}
    labels = label_sentences(spans, compiled(checklist).match(texts), [_scores(topic, 0.95)] * 3, checklist.categories)
    assert [(lab.span.text, lab.status) for lab in labels if lab.category == "data_ownership"] == [
        (texts[0], "partial"),
        (texts[1], "contrary"),
        (texts[2], "contrary"),
    ]


def test_doubt_keeps_a_safeguard_from_being_present_and_says_where_to_look() -> None:
    checklist = load_checklist()
    foi = next(c for c in checklist.categories if c.id == "foi")
    clauses = [
        Span(text="The Supplier shall assist the Council with every request under the FOIA.", page=2, kind="sentence"),
        Span(text="The Council may publish this contract in full.", page=2, kind="sentence"),
        Span(text="The Supplier consents to the terms of this agreement.", page=7, kind="sentence", clause_ref="20"),
    ]
    binding = [SentenceLabel(span, "foi", "present", 0.9, "assist") for span in clauses[:2]]
    doubt = SentenceLabel(clauses[2], "foi", "partial", 0.3, None, doubt=True)
    assert decide_finding(foi, binding, None, 10).status == "present"
    finding = decide_finding(foi, [*binding, doubt], None, 10)
    assert finding.status == "partial"
    assert finding.reason.startswith("A clause at page 7, clause 20 may work against this safeguard")
    assert finding.evidence[0].quote == clauses[2].text


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
        dataclasses.replace(c, contrary=(ContraryRule("WCAG[^.]{0,20}not apply"), ContraryRule("(?-i:Portal) only")))
        if c.id == "inclusion"
        else c
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


def test_typographic_apostrophes_match_a_checklist_written_with_straight_ones() -> None:
    curly, straight = compiled(load_checklist()).match(
        [
            "Ownership of the Buyer\u2019s data held in the system shall stay with the Buyer.",
            "Ownership of the Buyer's data held in the system shall stay with the Buyer.",
        ]
    )
    assert "ownership" in curly.categories["data_ownership"].signals
    assert curly.categories == straight.categories


def test_typographic_apostrophes_leave_scope_evidence_verbatim() -> None:
    text = "The Council\u2019s Customer Data is held by the Provider."
    (match,) = compiled(load_checklist()).match([text])
    assert all(term in text for terms in match.scopes.values() for term in terms)


@pytest.mark.parametrize(
    ("category", "sentence", "contrary"),
    [
        # FOI: release that waits for the supplier's consent, in either order, and blanket refusals.
        ("foi", "The Board will seek the Provider's written approval before it releases the tender under FOISA.", True),
        ("foi", "No information about the Charges shall be released by the Trust without the Vendor's consent.", True),
        ("foi", "The Trust may release information under the FOIA without the Vendor's consent.", False),
        ("foi", "The Trust will not release the pricing schedule unless the Contractor has agreed in writing.", True),
        ("foi", "The Council will consult the Supplier before it releases information, but decides alone.", False),
        ("foi", "The Authority will refuse all requests from the press for copies of this contract.", True),
        ("foi", "The rate card shall never be published in any circumstances.", True),
        # Data ownership: the supplier's own reuse, named licences, passive commercialisation, charged exports.
        ("data_ownership", "The Provider may combine the case data with other clients' records for any purpose.", True),
        # Probe round 5: export at extra charge, or only in the supplier's own format, in other words.
        (
            "data_ownership",
            "Export of Force Data shall be charged as an Additional Service at the Schedule 3 rates.",
            True,
        ),
        ("data_ownership", "Export of Force Data shall not be charged as an Additional Service.", False),
        ("data_ownership", "Exported media shall be provided in the Contractor's archive format.", True),
        ("data_ownership", "Exported data shall be provided in CSV, not in the Contractor's archive format.", False),
        ("data_ownership", "The Provider shall not combine the case data with any other records.", False),
        ("data_ownership", "The Supplier may use the usage data to improve its own route planning services.", True),
        ("data_ownership", "You grant Acme Analytics a perpetual licence to use anonymised records.", True),
        ("data_ownership", "The Supplier grants the Council a perpetual licence to use the data outputs.", False),
        ("data_ownership", "Aggregated outputs may be sold by the Contractor to third parties.", True),
        ("data_ownership", "Outputs may be used by the Contractor only to perform the Contract.", False),
        ("data_ownership", "Any export at exit is chargeable at the day rates in Schedule 3.", True),
        ("data_ownership", "At exit the Provider will extract the records in its own proprietary format.", True),
        ("data_ownership", "At exit the Provider will extract the records in CSV at no cost.", False),
        # Probe round 7: a charge for what goes beyond the export leaves the export free.
        ("data_ownership", "Exit assistance beyond the return of data in clause 7.5 is charged at day rates.", False),
        ("data_ownership", "The return of data at exit will be charged at the day rates in Schedule 3.", True),
        # Probe round 7: the buyer forgoing the explanation in its own words; contract terms kept confidential.
        (
            "explainability",
            "The University does not require the Supplier to disclose the training data or weights of the model.",
            True,
        ),
        ("explainability", "The University requires the Supplier to disclose the training data of the model.", False),
        ("foi", "Quotations, and the terms of any contract awarded, are confidential between the parties.", True),
        ("foi", "The terms of this contract are published on Contracts Finder.", False),
        # Inclusion: no other way in, said outright.
        ("inclusion", "Applications will be online only from April.", True),
        # Probe round 5: part of the service let off the standard, whoever says so.
        (
            "inclusion",
            "The Council accepts that the administrators' screens need not meet any accessibility standard.",
            True,
        ),
        ("inclusion", "The Supplier shall not claim that any screen need not meet the accessibility standard.", False),
        (
            "inclusion",
            "The Contractor does not warrant that third-party components embedded in the Chatbot, including the voice "
            "input widget and the document upload tool, conform to WCAG 2.1 or any other accessibility standard.",
            True,
        ),
        ("inclusion", "No telephone or paper route is provided for residents who cannot apply online.", True),
        ("inclusion", "A telephone and paper route is provided for residents who cannot apply online.", False),
        ("inclusion", "The Council will not offer a face-to-face alternative.", True),
        ("inclusion", "The Provider is not required to support any other channels.", True),
        ("inclusion", "The form has not been tested against the accessibility regulations.", True),
        ("inclusion", "Letters will be sent in Welsh and English.", False),
        ("inclusion", "The virtual assistant will be the only channel for enquiries once the phone line closes.", True),
        ("inclusion", "The online form is the only way to apply for a permit.", True),
        ("inclusion", "The portal will not be the only channel; telephone and face-to-face routes remain.", False),
        ("inclusion", "The helpline will be the only channel for urgent repairs.", False),
        # Impact evaluation: the buyer undertaking not to publish performance; the supplier not publishing on its own
        # account is ordinary confidentiality.
        ("impact_evaluation", "The Council will not publish the Contractor's performance against the KPIs.", True),
        ("impact_evaluation", "The Council will publish the Contractor's performance against the KPIs.", False),
        ("impact_evaluation", "The Supplier shall not publish performance data on its own website.", False),
        # Other authors' wording (probe documents in US, Canadian, EU and UK vendor-paper styles).
        (
            "explainability",
            "Whether an explanation of a particular priority can be provided is a matter for the Provider's reasonable "
            "discretion.",
            True,
        ),
        ("explainability", "An explanation of each priority shall be given to the tenant within ten days.", False),
        (
            "explainability",
            "Nothing in this Agreement shall oblige the Supplier to disclose the logic of the Model.",
            True,
        ),
        ("explainability", "Nothing in this Agreement shall prevent the Council from publishing the logic.", False),
        (
            "explainability",
            "The independent auditor shall have no access to the source code or the training data.",
            True,
        ),
        (
            "explainability",
            "The independent auditor shall have access to the source code and the training data.",
            False,
        ),
        ("data_ownership", "All rights in Aggregated Data and Usage Data belong to the Provider.", True),
        ("data_ownership", "Supplier Data and the Supplier's Background IPR belong to the Supplier.", False),
        ("data_ownership", "No Customer Data shall vest in the Provider.", False),
        (
            "data_ownership",
            "The Contractor's models, including enhancements developed through training on Department Data, shall "
            "remain the intellectual property of the Contractor.",
            True,
        ),
        ("data_ownership", "The Vendor owns all right, title and interest in Usage Data and Aggregated Data.", True),
        ("data_ownership", "The Customer owns all right, title and interest in Customer Data.", False),
        ("data_ownership", "The Vendor may collect, use and disclose Aggregated Data to improve its products.", True),
        ("data_ownership", "At exit the Vendor will export the data in its proprietary archive format.", True),
        (
            "foi",
            "The Customer shall not disclose information that the Provider has reasonably designated as commercially "
            "sensitive.",
            True,
        ),
        ("foi", '"Confidential Information" includes the terms and pricing of this Agreement.', True),
        (
            "foi",
            "The pricing schedules and the service level agreement shall be treated as confidential, save as "
            "required by law.",
            True,
        ),
        ("foi", "The Supplier's day rates shall be treated as confidential until 30 November 2029.", False),
        (
            "explainability",
            "The Vendor shall not be obligated to explain the basis for any individual analytics result.",
            True,
        ),
        (
            "explainability",
            "The ranking logic used by the assistant is the proprietary information of the Supplier.",
            True,
        ),
        (
            "impact_evaluation",
            "Canada must not publish any performance data or evaluation results without the Contractor's consent.",
            True,
        ),
        (
            "impact_evaluation",
            "The Contractor must not publish any performance data without Canada's consent.",
            False,
        ),
        (
            "impact_evaluation",
            "Canada will not publish the evaluation results without first consulting the Contractor.",
            False,
        ),
    ],
)
def test_contrary_wording_classes_and_their_protective_mirrors(category: str, sentence: str, contrary: bool) -> None:
    """Issue 12, failure class 5 (contrary missed): each contrary class matches in its own words, and the
    protective mirror of the same sentence does not."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert match.categories[category].contrary is contrary


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("The Service has no user interface.", True),
        ("Neither officers nor members of the public log in to any screen provided by the Supplier.", True),
        ("No member of staff or the public will interact with the feed.", True),
        ("Users, including but not limited to members of the public, will apply through the portal.", False),
        ("The portal does not replace the helpline; members of the public will apply through it.", False),
        ("Members of the public will apply through the portal.", False),
        # A prohibition is about the thing it forbids: the service still has users.
        ("The Supplier shall not make the portal available to members of the public only online.", False),
        ("The Contractor must not restrict members of the public to the online channel.", False),
        ("No member of the public shall be required to apply through the portal.", False),
    ],
)
def test_a_negated_scope_term_is_set_aside(sentence: str, negated: bool) -> None:
    """Issue 12, failure class 4 (applicability): "the Service has no user interface" is evidence against a
    public-facing service, not for it; pseudo-negations and a negation in another clause leave the term standing."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert ("public_facing" in match.negated_scopes) is negated
    assert ("public_facing" in match.scopes) is not negated


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("The System shall not include facial recognition.", True),
        ("The Contractor shall not carry out any profiling of Cardholders.", True),
        ("The Council shall not rely solely on the risk score.", False),
        ("No decision shall be based only on profiling.", False),
        ("The Supplier shall not use facial recognition without a change approved by the Authority.", False),
    ],
)
def test_issue12_a_prohibition_without_a_limit_denies_the_thing(sentence: str, negated: bool) -> None:
    """Probe round 5: "shall not include facial recognition" was shown as evidence that a records system decides
    about people. A prohibition that limits how a thing is used ("solely", "only", "without") says the thing is
    there; one that forbids it outright says it is not, and its term is set aside like any negated term."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert ("automated_decisions" in match.negated_scopes) is negated
    assert ("automated_decisions" in match.scopes) is not negated


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("Automatic number plate recognition and facial recognition are not part of this contract, and no", True),
        ("A chatbot is not required.", True),
        ("ANPR is excluded from the Services.", True),
        ("The chatbot does not form part of the Services.", True),
        # Out of the charges, or a duty the thing does not have: the thing is still bought.
        ("The chatbot licence is not included in the Charges.", False),
        ("The chatbot is excluded from the Charges for the first year.", False),
        ("The chatbot is not required to answer questions about fees.", False),
        ("The chatbot will answer questions about fees.", False),
    ],
)
def test_issue12_a_term_its_clause_puts_outside_the_scope_is_set_aside(sentence: str, negated: bool) -> None:
    """Probe round 7: "Automatic number plate recognition and facial recognition are not part of this contract" made
    a CCTV maintenance contract one that decides about people. A clause that goes on to put its term outside what is
    bought negates it, as a cue before it does."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert ("automated_decisions" in match.negated_scopes) is negated
    assert ("automated_decisions" in match.scopes) is not negated


@pytest.mark.parametrize(
    ("sentence", "decides"),
    [
        ('"Automated Features" means any feature of the Service that ranks, scores, filters or sorts Applicants', True),
        ("The solution shall check each application and shall flag any application that is incomplete.", True),
        ("The tool prioritises referrals for the duty team each morning.", True),
        # Tender evaluation and people scoring tenders: no system decides about anyone.
        ("Each quality question will be scored from 0 to 5 by each panel member.", False),
        ("The evaluation panel will assess the applicants' method statements against the criteria.", False),
        ("The platform shall store the documents uploaded by applicants.", False),
    ],
)
def test_issue12_a_system_that_scores_or_flags_people_decides_about_them(sentence: str, decides: bool) -> None:
    """Probe round 7: a candidate-screening tool ("ranks, scores, filters or sorts Applicants") and a grants portal
    that flags applications used none of the scope's terms. The scope's pattern reads what the thing bought does to
    people or their cases, in any wording; all 22 corpus sentences it matched are in documents labelled as deciding."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert ("automated_decisions" in match.scopes) is decides


@pytest.mark.parametrize(
    ("category", "sentence", "contrary"),
    [
        ("explainability", "The Supplier shall not claim that the scoring logic is a trade secret.", False),
        ("explainability", "No part of the decision logic may be withheld from the Council.", False),
        ("explainability", "The model shall not be treated as a trade secret.", False),
        ("explainability", "The scoring algorithm is the Supplier's trade secret and will not be disclosed.", True),
        ("explainability", "The scoring logic will not be disclosed to the Council.", True),
        ("explainability", "Without prejudice to clause 4, the model and its weightings are a trade secret.", True),
        (
            "data_ownership",
            "The Supplier may not use the usage data to improve its own route planning services.",
            False,
        ),
        ("inclusion", "Applications will not be online only.", False),
        ("foi", "The Trust will not release the pricing schedule unless the Contractor has agreed in writing.", True),
        # A negation of negating wording protects; one in another comma clause does not reach the match.
        ("explainability", "No decision shall be made without human review.", False),
        ("explainability", "The Council will not refuse an application without officer review.", False),
        ("explainability", "Permits are issued without officer review where all checks pass.", True),
        ("explainability", "Applicants have no right to human review of the decision.", True),
        ("explainability", "If no agreement is reached, the scoring logic shall not be disclosed.", True),
        (
            "foi",
            "The Authority shall not disclose any information without the prior written consent of the Supplier.",
            True,
        ),
    ],
)
def test_issue12_contrary_wording_that_is_itself_negated_is_not_contrary(
    category: str, sentence: str, contrary: bool
) -> None:
    """Issue 12, failure class 1: contrary wording under a negation or a prohibition ("shall not claim that the logic
    is a trade secret", "no decision shall be made without human review") protects the safeguard; a pattern's own
    negation, a condition ("not … unless") and a pseudo-negation ("without prejudice") do not undo it."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert match.categories[category].contrary is contrary


@pytest.mark.parametrize(
    ("sentence", "contrary"),
    [
        ("Canada must not publish any record relating to the Solution without the Contractor's prior consent.", True),
        (
            "Except as required under the Access to Information Act, Canada must not publish any record relating to "
            "the Solution without the Contractor's prior consent.",
            False,
        ),
        (
            "The Customer shall not disclose information that the Provider has designated as commercially sensitive, "
            "except where disclosure is required under the Freedom of Information Act 2000.",
            False,
        ),
        # The carve-out belongs to the consent wording only: declaring the contract confidential stays contrary.
        (
            "All information relating to this Contract shall be confidential, except where disclosure is required by "
            "law.",
            True,
        ),
    ],
)
def test_issue12_a_carve_out_for_the_information_law_undoes_disclosure_held_to_the_suppliers_consent(
    sentence: str, contrary: bool
) -> None:
    """Taxonomy, Hard cases: the buyer's disclosures held to the supplier's consent are contrary when there is no
    carve-out for FOI; a contrary rule's ``unless`` wording in the same sentence undoes it."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert match.categories["foi"].contrary is contrary


@pytest.mark.parametrize(
    "sentence",
    [
        "The Council intends to review the effect of the app on tenants twelve months after go-live.",
        "The Department plans to evaluate the outcomes for applicants after the first year.",
        "The parties shall agree a set of key performance indicators within three months of go-live.",
        # Probe round 5: the buyer's own review kept as an option (every such sentence in the corpora is partial).
        "The Council may carry out a review, within 12 months of go-live, of the Solution's effect on residents.",
        "The Board may commission an independent evaluation of the Service after the first year.",
        # Probe round 4: an expectation is not an obligation (every such corpus sentence of the buyer's is partial).
        "Council expects that all application data lodged through the Portal will remain Council property.",
        "The successful Respondent will be expected to agree data return arrangements as part of negotiations.",
        # Probe round 8: a qualified duty in a data-processing table row, and a strategy's aim (all 11 corpus
        # sentences with these phrases are partial).
        "Plan for return of the data | Records to be returned to the Buyer where reasonably practicable",
        "The service supports the Council's Inclusion Strategy, which aims to ensure every resident can get online.",
    ],
)
def test_issue12_an_intention_or_an_agreement_still_to_be_reached_is_weak_wording(sentence: str) -> None:
    (match,) = compiled(load_checklist()).match([sentence])
    assert match.weak


def test_issue12_the_buyers_rights_over_the_supplier_are_not_weak_wording() -> None:
    rights = compiled(load_checklist()).match(
        [
            "The Council may publish the post-implementation review on its website.",
            "The Council may request an explanation of any score, which the Supplier shall give within 10 days.",
        ]
    )
    assert not any(match.weak for match in rights)


def test_issue12_a_plan_named_as_a_noun_is_not_weak_wording() -> None:
    """Found reviewing the intention wording: "plan to" alone also reads the noun ("an exit plan to the Buyer")."""
    exit_plan, test_plan = compiled(load_checklist()).match(
        [
            "The Supplier shall deliver an exit plan to the Buyer within three months of the Start Date.",
            "The Supplier shall allow sufficient time in the Test Plan to ensure that audits can be answered.",
        ]
    )
    assert not exit_plan.weak and not test_plan.weak


@pytest.mark.parametrize(
    ("category", "sentence", "distractor"),
    [
        # Probe round 6: the supplier keeping the buyer's information confidential, data subjects' requests, an
        # equality impact assessment, a change request's impact on the charges, a bid gate: look-alikes.
        (
            "foi",
            "The Contractor must keep confidential the information supplied to it by the Province, and must not "
            "disclose it except as this Agreement permits.",
            True,
        ),
        ("foi", "The Contractor shall assist the Council with requests from data subjects under the UK GDPR.", True),
        # Probe round 7: reachable over a network is not accessible to disabled people.
        ("inclusion", "The Platform must be accessible to staff over the internet without the need for a VPN.", True),
        ("inclusion", "The Software shall be accessible to users on the Buyer's HSCN connection.", True),
        ("inclusion", "The Platform must be accessible to screen reader users and meet WCAG 2.2 AA.", False),
        (
            "foi",
            "The Contractor shall assist with requests under the Freedom of Information Act and from data subjects.",
            False,
        ),
        ("impact_evaluation", "The Council has completed an equality impact assessment for the new kiosks.", True),
        (
            "impact_evaluation",
            "The Supplier shall provide an impact assessment of each Change Request on the Charges within five days.",
            True,
        ),
        (
            "impact_evaluation",
            "Within six months after Go-Live the Parties shall review whether the System is operating in accordance "
            "with the Specification.",
            True,
        ),
        (
            "impact_evaluation",
            "Within six months after Go-Live the Parties shall review its effects on detainees.",
            False,
        ),
        ("inclusion", "Any bidder scoring 0 or 1 on question B3 (Accessibility) will be excluded.", True),
        # Probe round 4: a mutual confidentiality clause carved out for what the law requires is neutral for FOI
        # (taxonomy); one that makes the contract's terms or charges confidential is not let off.
        (
            "foi",
            "The parties shall keep confidential all information of the other party that is not publicly known, and "
            "this obligation does not apply to information that a party is required to disclose by law.",
            True,
        ),
        (
            "foi",
            "Each party shall keep confidential the terms of this Contract and the Charges, except where disclosure "
            "is required by law.",
            False,
        ),
        # Issue 12, failure class 3: workforce equality boilerplate is not inclusion of the people served; equality
        # duties towards them are. Bidders' clarification questions are not FOI requests; requests under the Act are.
        (
            "inclusion",
            "The Supplier shall not unlawfully discriminate within the meaning of the Equality Act 2010 in its "
            "employment of Supplier Staff.",
            True,
        ),
        ("inclusion", "The Supplier shall not unlawfully discriminate against any employee or job applicant.", True),
        ("inclusion", "The Contractor shall promote equal opportunities in its recruitment and workforce.", True),
        (
            "inclusion",
            "The Supplier shall comply with the Equality Act 2010 and shall not discriminate against service users.",
            False,
        ),
        (
            "inclusion",
            "The Supplier shall carry out an equality impact assessment of the service before go-live.",
            False,
        ),
        ("foi", "Bidders may submit requests for information about this ITT through the e-tendering portal.", True),
        ("foi", "Requests for clarification about the tender documents must be made by 5 March.", True),
        ("foi", "Tenderers' clarification questions and answers will be shared with all bidders.", True),
        (
            "foi",
            "The Supplier shall transfer any request for information to the Authority within two Working Days.",
            False,
        ),
        (
            "foi",
            "The Contractor shall assist the Council in responding to requests for information under the FOIA.",
            False,
        ),
        (
            "impact_evaluation",
            "Evaluation of Proposals will be performed by a committee established for that purpose.",
            True,
        ),
        ("impact_evaluation", "Proposals will be evaluated against the criteria set out below.", True),
        (
            "impact_evaluation",
            "Copies of the interim review and evaluation reports will be kept in accordance with the Records Act.",
            True,
        ),
        (
            "impact_evaluation",
            "The Supplier shall report the interim review's findings on outcomes for residents to the Council.",
            False,
        ),
        ("explainability", "The Offeror shall submit a sample model documentation package with its proposal.", True),
        (
            "explainability",
            "The Contractor shall explain to the Project Officer the reasons for any delay in delivery.",
            True,
        ),
        ("explainability", "The Supplier shall explain to each applicant the reasons for a refusal.", False),
        ("inclusion", "The platform shall be accessible to authorised users only, from the corporate network.", True),
        ("inclusion", "The usability and accessibility section will be scored as part of question Q6.", True),
        ("inclusion", "The portal shall be accessible to disabled users and meet WCAG 2.2 AA.", False),
        (
            "foi",
            "The Contractor shall have regard to the following legislation: the FOISA 2002 and the DPA 2018.",
            True,
        ),
        ("foi", "The Contractor shall assist the Council in meeting its duties under the FOISA 2002.", False),
        ("foi", "The Association is not a public authority for the purposes of the Freedom of Information Act.", True),
        ("inclusion", "The Contractor shall make reasonable adjustments for its own disabled employees.", True),
        ("inclusion", "The Supplier shall train its own staff to test the portal with screen readers.", False),
        ("inclusion", "The pre-bid meeting is in the Conference Hall, which is wheelchair accessible.", True),
        ("inclusion", "Types of personal data: names, postal addresses, email addresses and telephone numbers.", True),
        ("inclusion", "Residents who cannot use the portal may apply by telephone or in person.", False),
        ("inclusion", "Q2: describe how you will achieve and evidence WCAG 2.2 AA conformance.", True),
        (
            "explainability",
            "Tenderers should describe how their model is built and how its outputs are explained.",
            True,
        ),
    ],
)
def test_issue12_wording_that_shares_a_safeguards_words_is_a_distractor(
    category: str, sentence: str, distractor: bool
) -> None:
    """Workforce equality, bidders' questions and instructions, bid evaluation, record keeping, the supplier explaining
    its own delays, access control and lists of laws share a safeguard's words without being about it (issue 12,
    failure class 3, and probe documents in other authors' styles); the mirror cases are about it."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert match.categories[category].distractor is distractor


@pytest.mark.parametrize(
    ("sentence", "contrary"),
    [
        ("The independent party referred to in Article 6.3 shall have no access to the source code.", True),
        ("The independent party referred to in Article 6.3 shall have access to the source code.", False),
        (
            "Explanations of each Risk Signal under clause 4.2 shall be limited to categories, the content of which "
            "shall be determined by the Supplier.",
            True,
        ),
    ],
)
def test_issue12_a_cross_reference_with_a_decimal_point_does_not_end_the_sentence(
    sentence: str, contrary: bool
) -> None:
    """Patterns keep to one sentence with ``[^.]``: the point in "Article 6.3" or "clause 4.2" is not a full stop."""
    (match,) = compiled(load_checklist()).match([sentence])
    assert match.categories["explainability"].contrary is contrary


def test_issue12_a_standard_named_in_weak_wording_is_partial() -> None:
    """An incorporated schedule or standard counts as evidence, but "should support … an Algorithmic Transparency
    Recording Standard record" binds nobody: ``partial``, where "shall" makes it ``present``."""
    checklist = load_checklist()
    texts = [
        "The Supplier should support the Trust in preparing an Algorithmic Transparency Recording Standard record.",
        "The Supplier shall support the Trust in preparing an Algorithmic Transparency Recording Standard record.",
    ]
    spans = [Span(text=t, page=1, kind="sentence") for t in texts]
    topic = dict.fromkeys(checklist.category_ids, 0.05) | {"explainability": 0.9}
    labels = label_sentences(spans, compiled(checklist).match(texts), [_scores(topic, 0.01)] * 2, checklist.categories)
    assert [(lab.span.text, lab.status) for lab in labels if lab.category == "explainability"] == [
        (texts[0], "partial"),
        (texts[1], "present"),
    ]


def test_issue12_the_status_models_contrary_belongs_to_the_safeguard_whose_wording_explains_it() -> None:
    """Probe document (UK order form): "the Supplier may use aggregated usage and performance data … to develop its
    products" works against data ownership (a contrary pattern); the bag-of-words status model also read it as
    contrary to impact evaluation, where nothing works against evaluation. That second reading is ``partial``."""
    checklist = load_checklist()
    text = (
        "The Supplier may collect and use aggregated usage and performance data derived from the Buyer's use of the "
        "Service to develop and market its products for any of its customers."
    )
    spans = [Span(text=text, page=1, kind="sentence")]
    topic = dict.fromkeys(checklist.category_ids, 0.05) | {"data_ownership": 0.9, "impact_evaluation": 0.8}
    labels = label_sentences(spans, compiled(checklist).match([text]), [_scores(topic, 0.95)], checklist.categories)
    assert {lab.category: lab.status for lab in labels} == {
        "data_ownership": "contrary",
        "impact_evaluation": "partial",
    }


@pytest.mark.parametrize(
    ("scope", "sentence"),
    [
        ("automated_decisions", "The analytics platform checks each licence plate read against the hot list."),
        ("automated_decisions", "The rules engine auto-approves renewals where every check passes."),
        ("automated_decisions", "Patients complete the online symptom checker before a booking is offered."),
        ("public_facing", "The ministry's IT staff manage the databases through the admin console."),
    ],
)
def test_issue12_other_authors_words_for_what_is_bought_are_scope_terms(scope: str, sentence: str) -> None:
    (match,) = compiled(load_checklist()).match([sentence])
    assert scope in match.scopes


def test_issue12_probe_r8_status_model_contrary_needs_the_safeguards_own_words() -> None:
    """Issue 12, probe round 8 (a city council's public Wi-Fi): "algorithms shall be at the Supplier's discretion
    provided the service levels are met" was impact evaluation contrary on the status model alone, though it names no
    outcome, impact or evaluation (the category's ``present_requires``). Such a reading is partial; the same model
    score on a sentence about evaluating the service still decides contrary."""
    checklist = load_checklist()
    texts = [
        "Load balancing algorithms shall be at the Supplier's discretion provided the service levels are met.",
        "The Council shall not evaluate the outcomes of the service or publish any evaluation.",
    ]
    spans = [Span(text=t, page=1, kind="sentence") for t in texts]
    topic = dict.fromkeys(checklist.category_ids, 0.05) | {"impact_evaluation": 0.9}
    labels = label_sentences(spans, compiled(checklist).match(texts), [_scores(topic, 0.95)] * 2, checklist.categories)
    assert [(lab.span.text, lab.category, lab.status) for lab in labels] == [
        (texts[0], "impact_evaluation", "partial"),
        (texts[1], "impact_evaluation", "contrary"),
    ]
