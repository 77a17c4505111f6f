"""Stories: ledger articles grouped by shared actors, shared claims, content and time.

Each article is assigned at ingest, inside its own write transaction, so it never exists without a
story: it joins the best-scoring existing story or starts one (:mod:`.assign`). A story keeps an
aggregate profile (actor and ledger-claim counts, summed content-word counts, an embedding sum when
the optional model is installed), so scoring a new article costs one profile read per candidate
story, not a pass over the story's articles (:mod:`.scoring`). Greedy incremental clustering depends
a little on arrival order; :func:`rebuild` re-clusters every article in date order with final
document frequencies and merges stories that ended up alike, which gives the same stories whatever
order the articles came in (:mod:`.rebuild`). Thresholds and weights live in ``lexicons/stories.yaml``
(:mod:`.config`); :mod:`.reading` serves ``--story`` and the story pages.
"""
from claimwatch.ledger.stories.assign import assign
from claimwatch.ledger.stories.config import StoryConfig, load_config, parse_config
from claimwatch.ledger.stories.features import ArticleFeatures, article_features, content_terms
from claimwatch.ledger.stories.reading import (StorySelection, list_stories, parse_story_id, resolve_story,
                                               story_article_ids, story_claim_ids, story_detail, story_of)
from claimwatch.ledger.stories.rebuild import RebuildSummary, cluster, ensure_assigned, rebuild, unassigned
from claimwatch.ledger.stories.scoring import Profile, Score, Stats, accepts, gap_days, score, story_label

__all__ = [
    "ArticleFeatures", "Profile", "RebuildSummary", "Score", "Stats", "StoryConfig", "StorySelection",
    "accepts", "article_features", "assign", "cluster", "content_terms", "ensure_assigned", "gap_days",
    "list_stories", "load_config", "parse_config", "parse_story_id", "rebuild", "resolve_story", "score",
    "story_article_ids", "story_claim_ids", "story_detail", "story_label", "story_of", "unassigned",
]
