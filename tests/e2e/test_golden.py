"""The small report's XML equals the reviewed golden files (see golden.py; `make golden`)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden  # noqa: E402

golden.compare()
