"""Optional rewrite of finding texts by an OpenAI-compatible chat endpoint (off by default).

Configured by ``CLAIMWATCH_LLM_URL`` (base URL or full ``.../chat/completions`` URL) and
``CLAIMWATCH_LLM_MODEL``; nothing is sent anywhere unless the URL is set. A rewrite replaces the
rule text only if it passes the same grounding check and introduces no name, number or negation
absent from the original finding and its cited statements; otherwise the rule text stays. Uses
urllib from the standard library, so the backend adds no dependency.
"""
from __future__ import annotations

import json
import logging
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from claimwatch.assess.grounding import check, linked_text
from claimwatch.assess.knowledge import Knowledge
from claimwatch.assess.model import Finding
from claimwatch.assess.topics import StatementIndex

log = logging.getLogger("claimwatch.assess")

ENV_URL = "CLAIMWATCH_LLM_URL"
ENV_MODEL = "CLAIMWATCH_LLM_MODEL"
DEFAULT_MODEL = "default"
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
                       "cannot", "n't", "deny", "denies", "denied", "denial", "unlikely", "false"})
SYSTEM_PROMPT = (
    "You edit single sentences of a news assessment for readability. Rewrite the sentence you are "
    "given as clear, neutral prose. Keep its meaning, every name and every number; add no facts, "
    "names, numbers or negations; keep who holds which position. Reply with the rewritten sentence only."
)

_NAME = re.compile(r"\b[A-Z][\w'\u2019-]*")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_WORD = re.compile(r"[a-z]+(?:n't)?|n't", re.IGNORECASE)


@dataclass(frozen=True)
class LLMConfig:
    """Where to send rewrites: an OpenAI-compatible chat endpoint and a model name."""

    url: str
    model: str = DEFAULT_MODEL
    timeout: float = 30.0

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> Optional["LLMConfig"]:
        """The configuration named in the environment, or None (the default: no LLM)."""
        env = os.environ if env is None else env
        url = (env.get(ENV_URL) or "").strip()
        if not url:
            return None
        return cls(url=url, model=(env.get(ENV_MODEL) or DEFAULT_MODEL).strip())

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"


def complete(config: LLMConfig, messages: Sequence[dict]) -> str:
    """One chat completion; raises OSError or ValueError when the endpoint fails or answers oddly."""
    body = json.dumps({"model": config.model, "messages": list(messages), "temperature": 0}).encode("utf-8")
    request = urllib.request.Request(config.endpoint, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=config.timeout) as response:
        data = json.loads(response.read().decode("utf-8"))
    try:
        text = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"unexpected response shape: {str(data)[:200]}") from exc
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty completion")
    return " ".join(text.strip().strip('"').split())


def _sentence_initial(text: str) -> set[int]:
    return {0} | {m.end() for m in re.finditer(r"[.!?:;]\s+", text)}


def _names(text: str) -> set[str]:
    starts = _sentence_initial(text)
    return {m.group(0) for m in _NAME.finditer(text) if m.start() not in starts}


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _negations(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() in NEGATIONS}


def novelty(rewrite: str, finding: Finding, index: StatementIndex) -> Optional[str]:
    """What the rewrite adds that neither the rule text nor the cited statements contain, or None."""
    allowed = finding.text + " \n " + linked_text(finding, index)
    allowed_words = {w.lower() for w in re.findall(r"[\w'\u2019-]+", allowed)}
    new_names = sorted(n for n in _names(rewrite) if n.lower() not in allowed_words)
    if new_names:
        return f"introduces name(s) {', '.join(new_names)}"
    new_numbers = sorted(_numbers(rewrite) - _numbers(allowed))
    if new_numbers:
        return f"introduces number(s) {', '.join(new_numbers)}"
    new_negations = sorted(_negations(rewrite) - _negations(allowed))
    if new_negations:
        return f"introduces negation(s) {', '.join(new_negations)}"
    return None


def _messages(finding: Finding, index: StatementIndex) -> list[dict]:
    context = "\n".join(f"- {index[c].statement.source}: {' '.join(index[c].statement.content.split())}"
                        for c in finding.cites if c in index)
    return [{"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Sentence: {finding.text}\n\nStatements it rests on:\n{context}"}]


def rewrite_findings(findings: Sequence[Finding], index: StatementIndex, kb: Knowledge,
                     config: LLMConfig) -> tuple[list[Finding], int]:
    """Each finding with its rewrite where the rewrite is grounded and adds nothing; the count rewritten."""
    out: list[Finding] = []
    rewritten = 0
    reachable = True
    for finding in findings:
        if not reachable:
            out.append(finding)
            continue
        try:
            text = complete(config, _messages(finding, index))
        except OSError as exc:  # unreachable or timing out: do not wait once per finding
            log.warning("LLM endpoint %s failed (%s); keeping the rule-based text", config.endpoint, exc)
            reachable = False
            out.append(finding)
            continue
        except ValueError as exc:
            log.warning("LLM rewrite unusable (%s); keeping the rule-based text", exc)
            out.append(finding)
            continue
        candidate = finding.with_(text=text)
        reason = check(candidate, index, kb) or novelty(text, finding, index)
        if reason:
            log.info("LLM rewrite rejected (%s): %s", reason, text)
            out.append(finding)
        else:
            out.append(candidate)
            rewritten += 1 if text != finding.text else 0
    return out, rewritten
