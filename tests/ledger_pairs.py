"""A small table of claim pairs for measuring cross-article matching (written for the tests).

Each row: (claim A, claim B, same proposition?). A claim is (text, event type, agent) as the
extractor gives them. Rows cover paraphrases, aliases and demonyms, claims that differ only in a
figure (same claim), and pairs that must stay apart: other agents, other event types, other targets.
"""
from __future__ import annotations

from claimwatch.model import Claim

ROWS: list[tuple[tuple[str, str | None, str | None], tuple[str, str | None, str | None], bool]] = [
    # paraphrases and aliases: same claim
    (("North Korea has sent troops to Russia", "troop_deployment", "North Korea"),
     ("Pyongyang dispatched soldiers to fight for Moscow", "troop_deployment", "Pyongyang"), True),
    (("North Korea had dispatched 1,500 special forces troops to Russia's Far East", "troop_deployment", "North Korea"),
     ("the DPRK has deployed about 10,000 soldiers to eastern Russia", "troop_deployment", "DPRK"), True),
    (("some 11,000 North Korean troops were now in Russia's Kursk region", "troop_deployment", "North Korea"),
     ("North Korea had sent 1,500 troops to Russia", "troop_deployment", "North Korea"), True),
    (("North Korean soldiers had begun taking part in combat in the Kursk region", "troop_deployment", "North Korea"),
     ("troops from North Korea are fighting alongside Russian forces in Kursk", "troop_deployment", None), True),
    (("Iran supplied Russia with hundreds of Shahed drones", "missile_drone_supply", "Iran"),
     ("Tehran has delivered attack drones to Moscow", "missile_drone_supply", "Tehran"), True),
    (("Iran has shipped 200 ballistic missiles to Russia", "missile_drone_supply", "Iran"),
     ("Iranian close-range ballistic missiles were delivered to the Russian army", "missile_drone_supply", "Iran"), True),
    (("the ministry said 40 people were killed in the strike on the market", "casualties", None),
     ("at least 52 people died when the market was hit", "casualties", None), True),
    (("Hamas militants abducted about 240 people during the raid", "detention", "Hamas"),
     ("Hamas took some 250 hostages into Gaza", "detention", "Hamas"), True),
    (("Russia launched a cyberattack on the Ukrainian power grid", "cyber_attack", "Russia"),
     ("Russian hackers breached the systems of Ukraine's electricity network", "cyber_attack", "Russia"), True),
    (("China has sent drone engines to Russian manufacturers", "missile_drone_supply", "China"),
     ("Beijing supplied engines for Russian attack drones", "missile_drone_supply", "Beijing"), True),
    (("the Kremlin is preparing a new mobilisation of 300,000 reservists", "mobilisation", "Russia"),
     ("Moscow will call up another 300,000 reservists", "mobilisation", "Moscow"), True),
    (("North Korea has sent officers to assist Russia", "troop_deployment", "North Korea"),
     ("North Korean officers are helping the Russian army", "troop_deployment", "North Korea"), True),
    # different agents: never the same claim
    (("North Korea has sent troops to Russia", "troop_deployment", "North Korea"),
     ("Belarus has sent troops to Russia", "troop_deployment", "Belarus"), False),
    (("Iran supplied Russia with hundreds of Shahed drones", "missile_drone_supply", "Iran"),
     ("North Korea supplied Russia with drones", "missile_drone_supply", "North Korea"), False),
    (("Russian hackers breached the systems of Ukraine's electricity network", "cyber_attack", "Russia"),
     ("Chinese hackers breached the systems of the US electricity network", "cyber_attack", "China"), False),
    # different event types: never the same claim
    (("North Korea has supplied artillery shells to Russia", "arms_transfer", "North Korea"),
     ("North Korea has sent troops to Russia", "troop_deployment", "North Korea"), False),
    (("Iran has shipped ballistic missiles to Russia", "missile_drone_supply", "Iran"),
     ("Iran has launched ballistic missiles at Israel", "missile_launch", "Iran"), False),
    (("Hamas took some 250 hostages into Gaza", "detention", "Hamas"),
     ("Hamas released four hostages on Saturday", "release", "Hamas"), False),
    # same type and agent, different proposition
    (("North Korea has sent troops to Russia", "troop_deployment", "North Korea"),
     ("North Korea has deployed troops along its border with South Korea", "troop_deployment", "North Korea"), False),
    (("Russia launched a cyberattack on the Ukrainian power grid", "cyber_attack", "Russia"),
     ("Russia hacked the email servers of the German Social Democrats", "cyber_attack", "Russia"), False),
    (("the strike on the market killed 40 people", "casualties", None),
     ("the earthquake killed 40 people in the mountain villages", "casualties", None), False),
    (("China supplied engines for Russian attack drones", "missile_drone_supply", "China"),
     ("China is buying drones from Turkish manufacturers", "missile_drone_supply", "China"), False),
    # no event type: text must carry it
    (("the dam was blown up from inside by Russian forces", None, "Russia"),
     ("Russian troops destroyed the dam with explosives placed inside it", None, "Russia"), True),
    (("the central bank will raise interest rates in March", None, None),
     ("the dam was blown up from inside by Russian forces", None, None), False),
    (("the vaccine caused heart problems in young men", None, None),
     ("the vaccine caused no serious side effects in trials", None, None), False),
]


def claim(spec: tuple[str, str | None, str | None], cid: str = "c1") -> Claim:
    text, event_type, agent = spec
    return Claim(id=cid, text=text, group="g1", subject=agent, predicate=event_type)


# Written after the thresholds were set and never used to tune them: the honest measurement.
HELD_OUT: list[tuple[tuple[str, str | None, str | None], tuple[str, str | None, str | None], bool]] = [
    (("Belarus allowed Russian troops to cross into Ukraine from its territory", "troop_deployment", "Belarus"),
     ("Minsk let Russian forces enter Ukraine through Belarusian land", "troop_deployment", "Minsk"), True),
    (("Russia has moved tactical nuclear weapons to Belarus", "nuclear_threat", "Russia"),
     ("Moscow stationed nuclear warheads on Belarusian soil", "nuclear_threat", "Moscow"), True),
    (("North Korea fired a ballistic missile into the sea off its east coast", "missile_launch", "North Korea"),
     ("Pyongyang launched a ballistic missile toward the East Sea", "missile_launch", "Pyongyang"), True),
    (("the Houthis attacked a cargo ship in the Red Sea with drones", "attack", "Houthis"),
     ("Houthi rebels struck a merchant vessel off Yemen with a drone", "attack", "Houthis"), True),
    (("about 2,000 people were killed in the floods", "casualties", None),
     ("the death toll from the floods rose to 3,800", "casualties", None), True),
    (("Russia recruited 12,000 convicts to fight in Ukraine", "mobilisation", "Russia"),
     ("the Kremlin has enlisted prisoners for the war in Ukraine", "mobilisation", "Kremlin"), True),
    (("Iran sent drones to Russia", "missile_drone_supply", "Iran"),
     ("Iran sent drones to Sudan's army", "missile_drone_supply", "Iran"), False),
    (("North Korea fired a ballistic missile into the sea", "missile_launch", "North Korea"),
     ("Japan fired an interceptor missile during a drill", "missile_launch", "Japan"), False),
    (("Russia has moved tactical nuclear weapons to Belarus", "nuclear_threat", "Russia"),
     ("Russia has sent troops to Belarus for exercises", "troop_deployment", "Russia"), False),
    (("the Houthis attacked a cargo ship in the Red Sea", "attack", "Houthis"),
     ("the Houthis detained the crew of a cargo ship", "detention", "Houthis"), False),
    (("the floods killed 2,000 people in eastern Libya", "casualties", None),
     ("the earthquake killed 2,000 people in western Afghanistan", "casualties", None), False),
    (("Russia recruited convicts to fight in Ukraine", "mobilisation", "Russia"),
     ("Russia recruited Cuban men to fight in Ukraine", "mobilisation", "Russia"), False),
    (("China held military drills around Taiwan", None, "China"),
     ("Beijing staged war games encircling Taiwan", None, "Beijing"), True),
    (("the minister resigned over the scandal", None, None),
     ("the minister denied any part in the scandal", None, None), False),
]


def measure() -> list[tuple[str, str, float, float, int]]:
    """(table, method, precision, recall, pairs) for both tables, lexical only and with embeddings."""
    from claimwatch.ledger import matching
    from claimwatch.ledger.embeddings import get_embedder

    embedder = get_embedder()
    results = []
    for name, rows in (("tuning", ROWS), ("held-out", HELD_OUT)):
        for method in ("lexical", "lexical+embeddings"):
            if method != "lexical" and embedder is None:
                continue
            tp = fp = fn = 0
            for a, b, same in rows:
                va = vb = None
                if method != "lexical":
                    va, vb = embedder.embed([a[0], b[0]])
                matched = matching.score_pair(matching.features(claim(a), (), va),
                                              matching.features(claim(b), (), vb)).matched
                tp += matched and same
                fp += matched and not same
                fn += (not matched) and same
            results.append((name, method, tp / max(tp + fp, 1), tp / max(tp + fn, 1), len(rows)))
    return results


if __name__ == "__main__":  # python tests/ledger_pairs.py
    print("| table | pairs | method | precision | recall |\n|---|---|---|---|---|")
    for name, method, precision, recall, pairs in measure():
        print(f"| {name} | {pairs} | {method} | {precision:.2f} | {recall:.2f} |")
