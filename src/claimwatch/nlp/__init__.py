"""Article -> statements, stance, certainty, evidence, quantities, claims. Pure functions over spaCy docs."""
