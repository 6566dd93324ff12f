"""The example strategy file of docs/freqtrade.md loads and is wired to the orchestrator. Freqtrade and pandas are
not installed here, so `freqtrade.strategy.IStrategy` and `pandas.DataFrame` are stand-ins for the import only."""
import importlib
import os
import sys
import types
import unittest
from types import SimpleNamespace
from unittest import mock

from orchestrator_mixin import OrchestratedStrategyMixin
from stub_orchestrator import NOW, FakeIStrategy, StubTestCase, fake_trade

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "main", "python", "example_strategy.py")
DOCS = os.path.join(HERE, "..", "..", "..", "..", "docs", "freqtrade.md")


def load_example():
    freqtrade = types.ModuleType("freqtrade")
    strategy_module = types.ModuleType("freqtrade.strategy")
    strategy_module.IStrategy = FakeIStrategy
    freqtrade.strategy = strategy_module
    pandas = types.ModuleType("pandas")
    pandas.DataFrame = object
    fakes = {"freqtrade": freqtrade, "freqtrade.strategy": strategy_module, "pandas": pandas}
    with mock.patch.dict(sys.modules, fakes):
        sys.modules.pop("example_strategy", None)
        try:
            return importlib.import_module("example_strategy")
        finally:
            sys.modules.pop("example_strategy", None)


class ExampleStrategyTest(StubTestCase):

    def setUp(self):
        super().setUp()
        self.module = load_example()
        self.cls = self.module.OrchestratedEmaCross

    def test_mixinComesFirst(self):
        self.assertEqual(self.cls.__bases__, (OrchestratedStrategyMixin, FakeIStrategy))
        for name in ("custom_stake_amount", "confirm_trade_entry", "adjust_trade_position", "order_filled",
                     "check_entry_timeout"):
            with self.subTest(name):
                self.assertIs(getattr(self.cls, name), getattr(OrchestratedStrategyMixin, name))

    def test_freqtradesOwnEntryTimeout_isLongerThanAnyBucketLimit(self):
        timeout = self.cls.unfilledtimeout
        seconds = timeout["entry"] * (60 if timeout.get("unit", "minutes") == "minutes" else 1)
        self.assertGreater(seconds, 300)

    def test_entryAndDca_goThroughTheOrchestrator(self):
        strategy = self.strategy(self.cls)
        self.stub.scale = 0.8

        stake = self.stake(strategy, proposed=250.0)
        self.assertEqual(stake, 200.0)
        self.assertIs(self.confirm(strategy, stake), True)
        self.assertAlmostEqual(self.stub.decisions()[0].body["stop_price"], 95.0)

        trade = fake_trade()
        trade.nr_of_successful_entries, trade.has_open_orders, trade.stake_amount = 1, False, 200.0
        dca = strategy.adjust_trade_position(trade=trade, current_time=NOW, current_rate=95.0, current_profit=-0.05,
                                             min_stake=10.0, max_stake=1000.0, current_entry_rate=95.0,
                                             current_exit_rate=95.0, current_entry_profit=-0.05,
                                             current_exit_profit=-0.05)
        self.assertEqual(dca, 160.0)
        self.assertEqual(self.stub.decisions()[1].body["kind"], "increase")

    def test_noDcaAboveTheDrop(self):
        strategy = self.strategy(self.cls)
        trade = SimpleNamespace(nr_of_successful_entries=1, has_open_orders=False, stake_amount=200.0)
        self.assertIsNone(strategy.orchestrated_adjust_trade_position(trade, NOW, 99.0, -0.01, 10.0, 1000.0, 99.0,
                                                                      99.0, -0.01, -0.01))


class ExampleInDocsTest(unittest.TestCase):

    def test_docsShowTheExampleFileVerbatim(self):
        with open(EXAMPLE, encoding="utf-8") as f:
            example = f.read()
        with open(DOCS, encoding="utf-8") as f:
            docs = f.read()
        self.assertIn("```python\n" + example + "```\n", docs)


if __name__ == "__main__":
    unittest.main()
