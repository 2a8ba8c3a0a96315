"""Classification: is a candidate a loss claim, of which category, and whose.

- ``category``: the category classifier (trained model or rules) by registry name;
- ``model``: saving and the checked loading of the trained model;
- ``equipment``, ``side``, ``group``: read from the parse with the lexicon.
"""

from newsclaims.stages.classify.category import (
    CLASSIFIERS,
    LOSS_CATEGORIES,
    CategoryClassifier,
    RuleClassifier,
    build_classifier,
)
from newsclaims.stages.classify.equipment import classify_equipment_type
from newsclaims.stages.classify.group import classify_group
from newsclaims.stages.classify.side import (
    classify_side,
    document_side,
    location_side,
    majority,
    owner_side,
    resolve_side,
    side_of_token,
)

__all__ = [
    "CLASSIFIERS",
    "LOSS_CATEGORIES",
    "CategoryClassifier",
    "RuleClassifier",
    "build_classifier",
    "classify_equipment_type",
    "classify_group",
    "classify_side",
    "document_side",
    "location_side",
    "majority",
    "owner_side",
    "resolve_side",
    "side_of_token",
]
