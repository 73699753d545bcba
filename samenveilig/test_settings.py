"""Settings for the test suite: the normal settings in test mode (fast hasher, no demo mode)."""

import os

os.environ["SAMENVEILIG_ENV"] = "test"
os.environ.pop("SAMENVEILIG_DEMO", None)

from samenveilig.settings import *
