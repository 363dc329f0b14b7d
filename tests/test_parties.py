"""Party names read as their roles (``clauses/parties.py``): which definitions link a name to a role word."""

from __future__ import annotations

import pytest

from tenderlens.clauses.checklist import load_checklist
from tenderlens.clauses.match import compiled
from tenderlens.clauses.parties import PartyNames, party_readings

ROLES = load_checklist().parties


@pytest.mark.parametrize(
    ("definitions", "aliases"),
    [
        (
            ['"Vendor" means CivicLoop, Inc.', '"CivicLoop" means CivicLoop, Inc., a Delaware corporation.'],
            {"CivicLoop": "Vendor"},
        ),
        (
            ['Keystone Field Apps Limited, a company registered in England (the "Provider")'],
            {"Keystone Field Apps Limited": "Provider"},
        ),
        (
            ['The Maryland Department of Human Services (the "Department" or "DHS") is issuing this RFP.'],
            {"Maryland Department of Human Services": "Department", "DHS": "Department"},
        ),
        # A group with a role word of each side says nothing safe about who is who.
        (['"Acme" means the Supplier or the Council.', '"Acme" means the Council.', '"Acme" means the Supplier.'], {}),
        (
            ['"Council" means Bro Morlais County Borough Council and "Supplier" means Gwarchod Cyber Cyf, a company.'],
            {"Bro Morlais County Borough Council": "Council", "Gwarchod Cyber Cyf": "Supplier"},
        ),
        # Regressions found on the corpora: a defined term the text also writes in lower case names a thing, and a
        # bracket after a clause ("license to the Buyer, and host, a … algorithm (the "Algorithm")") or at the end of an
        # address names no party.
        (['The Supplier shall license to the Buyer, and host, a prioritisation algorithm (the "Algorithm").'], {}),
        (['"Vendor" means Declaration, the signatory.', "Each declaration is signed by the Vendor."], {}),
        (['Customer: Thamesmere District Council, Civic Offices, Riverside Way, Thamesmere (the "Customer")'], {}),
        # A name defined as something that is not a party.
        (['"Customer Data" means all Personal Data processed under this Contract.'], {}),
    ],
)
def test_definitions_link_a_name_to_its_role_word(definitions: list[str], aliases: dict[str, str]) -> None:
    assert PartyNames(definitions, ROLES).aliases == aliases


def test_only_the_reading_changes_and_only_where_a_name_was_defined() -> None:
    texts = ['"Vendor" means CivicLoop, Inc.', "CivicLoop's staff shall not use Customer Data for CivicLoopish ends."]
    assert party_readings(texts, ROLES) == (
        ['"Vendor" means Vendor, Inc.', "Vendor's staff shall not use Customer Data for CivicLoopish ends."],
        {"CivicLoop": "Vendor"},
    )
    assert party_readings(texts[1:], ROLES) == (texts[1:], {})
    assert party_readings([], ROLES) == ([], {})


def test_a_role_word_the_checklist_does_not_use_is_read_as_one_it_does() -> None:
    """Vendor paper in the round-3 probe set: "Customer must not disclose these Licensor Terms … without Licensor's
    prior written consent" is the FOI consent wording, with the supplier called "Licensor"."""
    text = "Customer must not disclose these Licensor Terms without Licensor's prior written consent."
    (reading,), _ = party_readings([text], ROLES)
    assert reading == "Customer must not disclose these Supplier Terms without Supplier's prior written consent."
    (match,) = compiled(load_checklist()).match([reading])
    assert match.categories["foi"].contrary
    assert party_readings(["The licensor of the font is not a party."], ROLES) == (
        ["The licensor of the font is not a party."],
        {},
    )


def test_issue12_the_one_registered_company_with_no_role_word_is_the_supplier() -> None:
    """Probe round 2: "Populus Ltd, a company registered in England (the "Company")" beside "NHS North Severn ICB
    (the "ICB")" named the supplier by no role word, so "The Company may use aggregated outputs … to market its
    products" was not read as the supplier's reuse of the buyer's data."""
    texts = [
        'NHS North Severn ICB (the "ICB") and Populus Health Analytics Limited, a company registered in England '
        '(the "Company").',
        "The Company may use aggregated outputs derived from Customer Data to develop and market its products.",
    ]
    readings, aliases = party_readings(texts, ROLES)
    assert aliases == {"Populus Health Analytics Limited": "Supplier", "Company": "Supplier"}
    assert readings[1].startswith("The Supplier may use aggregated outputs")
    (match,) = compiled(load_checklist()).match(readings[1:])
    assert match.categories["data_ownership"].contrary
    # A supplier already named by its role ("the Supplier"), or two companies (a guarantor), leave companies alone.
    named = ['Acme Holdings Limited (the "Guarantor") guarantees Acme Services Limited (the "Supplier").']
    assert PartyNames(named, ROLES).aliases == {"Acme Services Limited": "Supplier"}
    two = ['Acme Holdings Limited (the "Parent") and Acme Services Limited (the "Company").']
    assert PartyNames(two, ROLES).aliases == {}


def test_two_role_words_of_one_side_read_as_the_checklist_first_whatever_the_hash_seed() -> None:
    # Probe round 4: '(the "Department" or the "Buyer")' was read as either word, by set iteration order.
    text = ['The Department for Rural Affairs and Communities (the "Department" or the "Buyer").']
    assert PartyNames(text, ROLES).aliases == {"Department for Rural Affairs and Communities": "Buyer"}
