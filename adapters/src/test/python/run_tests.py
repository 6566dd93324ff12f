"""Runs the strategy mixin's unittest suite from the Maven build; exits non-zero on any failure or when no test ran."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "main", "python"))

suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
result = unittest.TextTestRunner(verbosity=2).run(suite)
if result.testsRun == 0:
    print("no Python test ran", file=sys.stderr)
    sys.exit(1)
print(f"python mixin: {result.testsRun - len(result.failures) - len(result.errors) - len(result.skipped)} passed, "
      f"{len(result.failures) + len(result.errors)} failed, {len(result.skipped)} skipped")
sys.exit(0 if result.wasSuccessful() else 1)
