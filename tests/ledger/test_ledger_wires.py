"""Wire attributions: the agency an article relays, from the patterns in lexicons/wires.yaml."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.ledger.wires import compile_rules, detect_wire_source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEOUL (Reuters) - North Korea fired two short-range missiles on Sunday.", "Reuters"),
        ("WASHINGTON (AP) — The Senate passed the spending bill late on Friday.", "Associated Press"),
        ("The North launched what appeared to be a cruise missile, citing Yonhap, the ministry said.", "Yonhap"),
        ("According to Yonhap news agency, the launch took place near the capital.", "Yonhap"),
        ("The leader inspected the test site, the Korean Central News Agency reported.", "Korean Central News Agency"),
        ("Two officials told Reuters the talks had collapsed.", "Reuters"),
        ("Casualty figures could not be verified, according to AFP.", "Agence France-Presse"),
        ("The Associated Press contributed to this report.", "Associated Press"),
        ("The minister said the figures were reported by Xinhua on Monday.", "Xinhua"),
        ("The Yonhap News Agency said the drills would start on Monday.", "Yonhap"),
        ("Shelling continued overnight, the dpa news agency reported.", "dpa"),
        # The earliest credit wins: the dateline names the agency the copy came from.
        ("MOSCOW (Reuters) - The Kremlin denied the report, TASS quoted a spokesman as saying.", "Reuters"),
        # No credit: bare mentions of an agency, or lower-case words that look like an alias.
        ("Reuters is a news agency headquartered in London.", None),
        ("The app will be updated, the company said; ap tests continue.", None),
        ("Officials said the bridge would reopen next month.", None),
    ],
)
def test_ledger_wires_detects_the_credited_agency(text, expected):
    assert detect_wire_source(text) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"agencies": "Reuters", "patterns": []}, "agencies"),
        ({"agencies": [{"aliases": ["X"]}], "patterns": ["{agency}"]}, "name"),
        ({"agencies": [{"name": "X", "aliases": "X"}], "patterns": ["{agency}"]}, "aliases"),
        ({"agencies": [{"name": "X"}], "patterns": ["citing X"]}, "{agency}"),
        ({"agencies": [{"name": "X"}], "patterns": ["citing ({agency}"]}, "regular expression"),
        ({"agencies": [{"name": "X", "aliases": ["AP"]}, {"name": "Y", "aliases": ["AP"]}], "patterns": ["{agency}"]},
         "names both"),
    ],
)
def test_ledger_wires_rejects_malformed_rules(data, message):
    with pytest.raises(LexiconError, match=message.replace("{", r"\{").replace("}", r"\}")):
        compile_rules(data)
