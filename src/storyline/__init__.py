"""storyline: turn raw news into traceable, coded knowledge of what happens between
countries and people.

The pipeline runs ingest -> clean -> nlp -> actors -> events -> stories -> store;
see :mod:`storyline.run` for the driver and :mod:`storyline.query` for reading.
"""

import logging

from storyline.errors import StorylineError
from storyline.models import Article, Event, Quote, Rejection

__version__ = "0.1.0"
__all__ = ["Article", "Event", "Quote", "Rejection", "StorylineError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
