"""The array-evaluated rule pipes give exactly the annotations of spaCy's own attribute ruler and lemmatiser."""
import numpy
import pytest
import spacy
from spacy.tokens import Doc

from claimwatch.nlp import array_pipes
from claimwatch.nlp.array_pipes import ArrayLemmatizer, ArrayRuler
from claimwatch.nlp.pipeline import analyze_text, load_nlp

ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]
RULE_PIPES = ["attribute_ruler", "lemmatizer"]

TEXTS = [
    "The ministry said on Tuesday that it had not seen the satellite images, and its spokesman declined to comment.",
    "\"I ain't gonna sign anything,\" she told reporters. \"Let's see what they do.\"\n\nThere is no evidence yet.",
    "Y'all know nothin' about it, he said, and we'll find out soon enough; I did it myself.",
    "Officials do not expect the talks to resume. Did the envoy have a plan? He does, they said, and had one before.",
    "BREAKING:\n  Two   soldiers were wounded near the border,   according to a statement released by the army.\n",
    "The company's shares fell 4% after the report, which analysts called 'overblown'. That was before noon.",
    "Nobody has confirmed it. Something must be done, anyone could see that - but the mayor said otherwise.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _unruled(nlp, text):
    return next(nlp.pipe([text], disable=RULE_PIPES + ["ner"]))


@pytest.mark.parametrize("text", TEXTS)
def test_array_pipes_match_spacy_ruler_and_lemmatizer(nlp, text):
    reference = _unruled(nlp, text)
    ours = Doc(nlp.vocab).from_bytes(reference.to_bytes())
    for name in RULE_PIPES:
        reference = nlp.get_pipe(name)(reference)
    ruler, lemmatizer = array_pipes.array_pipes(nlp)
    ours = lemmatizer(ruler(ours))
    assert numpy.array_equal(reference.to_array(ATTRS), ours.to_array(ATTRS))
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in reference]


def test_array_pipes_pipe_gives_the_same_docs_as_nlp_pipe(nlp):
    ours = list(array_pipes.pipe(nlp, TEXTS, batch_size=3))
    theirs = list(nlp.pipe(TEXTS, batch_size=3))
    for a, b in zip(ours, theirs):
        assert numpy.array_equal(a.to_array(ATTRS + ["ENT_IOB", "ENT_TYPE"]), b.to_array(ATTRS + ["ENT_IOB", "ENT_TYPE"]))


def test_array_pipes_analysis_equals_plain_spacy_analysis(nlp):
    from claimwatch.model import Article
    from claimwatch.nlp.pipeline import analyze_doc, article_id

    text = " ".join(TEXTS)
    plain = analyze_doc(Article(text=text, id=article_id(text)), nlp(text))
    assert analyze_text(text, nlp=nlp).to_dict() == plain.to_dict()


@pytest.fixture(scope="module")
def custom():
    """A small pipeline with rules of every shape: multi-token with a negative index, NOT_IN, REGEX,
    and an operator pattern that only a Matcher can run."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "prime"}, {"LOWER": "minister"}]], {"TAG": "NNP"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^un.+ed$"}}]], {"LEMMA": "UNX"})
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_ALPHA": True, "IS_SPACE": False}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "late"}]], {"POS": "ADV"}, index=0)
    ruler.add([[{"LOWER": "the"}]], {"POS": "DET", "MORPH": "Definite=Def"})
    return nlp


def test_array_ruler_follows_rule_order_index_and_operators(custom):
    text = "The prime minister unconfirmed very very late reports , a minister said ."
    reference = custom(text)
    ours = ArrayRuler(custom)(custom.make_doc(text))
    assert numpy.array_equal(reference.to_array(["TAG", "POS", "MORPH", "LEMMA"]),
                             ours.to_array(["TAG", "POS", "MORPH", "LEMMA"]))
    assert ours[2].tag_ == "NNP" and ours[3].lemma_ == "UNX" and ours[0].pos_ == "DET"


def test_array_lemmatizer_leaves_lemmas_the_ruler_set(nlp):
    doc = _unruled(nlp, "He'd said they'd gone.")
    doc = array_pipes.array_pipes(nlp)[0](doc)
    set_by_ruler = [t.lemma_ for t in doc]
    doc = ArrayLemmatizer(nlp)(doc)
    assert all(a == b for a, b in zip(set_by_ruler, [t.lemma_ for t in doc]) if a)
    assert [t.lemma_ for t in doc][-2] == "go"


@pytest.mark.filterwarnings("ignore::UserWarning")  # spaCy warns that the empty ruler has no patterns
def test_array_pipes_not_used_without_a_rule_lemmatizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler")
    assert array_pipes.array_pipes(nlp) is None
    assert [t.text for t in next(array_pipes.pipe(nlp, ["Two words"]))] == ["Two", "words"]
