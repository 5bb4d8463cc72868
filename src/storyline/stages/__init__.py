"""The pipeline's stages, one module each, in the order data flows through them:
ingest -> clean -> nlp -> actors -> events -> stories (fingerprint; grouping in the store).
"""

from storyline.stages.actors import Actors
from storyline.stages.clean import Clean
from storyline.stages.events import Events
from storyline.stages.ingest import Ingest
from storyline.stages.nlp import Nlp
from storyline.stages.stories import Fingerprint

__all__ = ["Actors", "Clean", "Events", "Fingerprint", "Ingest", "Nlp"]
