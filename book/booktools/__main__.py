"""``python -m booktools`` (``make runs``): train every run of the registry not cached."""
from booktools.runs import pretrain

pretrain()
