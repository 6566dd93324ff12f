"""Backtest/hyperopt run modes (no network, allow or deny policy), log throttling, and the fail-closed contract as
Freqtrade's own wrapper would see it."""
import enum
import logging
import unittest
from types import SimpleNamespace

from orchestrator_mixin import OrchestratedStrategyMixin
from orchestrator_mixin.throttled_log import ThrottledLogger
from stub_orchestrator import NOW, PAIR, FakeClock, ListHandler, StubTestCase, Strategy, closed_port_url, fake_order, \
    fake_trade


class RunMode(enum.Enum):
    """Shaped like freqtrade.enums.RunMode."""
    LIVE = "live"
    DRY_RUN = "dry_run"
    BACKTEST = "backtest"
    HYPEROPT = "hyperopt"


class Dca(Strategy):
    def orchestrated_adjust_trade_position(self, *args, **kwargs):
        return 100.0


class OfflineModeTest(StubTestCase):

    def adjust(self, strategy):
        return strategy.adjust_trade_position(trade=fake_trade(), current_time=NOW, current_rate=100.0,
                                              current_profit=0.0, min_stake=10.0, max_stake=1000.0,
                                              current_entry_rate=100.0, current_exit_rate=100.0,
                                              current_entry_profit=0.0, current_exit_profit=0.0)

    def test_backtestAndHyperopt_allowPolicy_makeNoCall(self):
        for runmode in ("backtest", "hyperopt", RunMode.BACKTEST, RunMode.HYPEROPT):
            with self.subTest(runmode=runmode):
                strategy = self.strategy(Dca, runmode=runmode, orchestrator_backtest_policy="allow")
                self.assertEqual(self.stake(strategy, proposed=500.0), 500.0)
                self.assertIs(self.confirm(strategy, 123.0), True)
                self.assertEqual(self.adjust(strategy), 100.0)
                self.assertIs(strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(), order=fake_order(),
                                                           current_time=NOW), False)
                self.assertIsNone(strategy.order_filled(pair=PAIR, trade=fake_trade(), order=fake_order(),
                                                        current_time=NOW))
        self.assertEqual(self.stub.requests, [])

    def test_allowIsTheDefaultPolicy_evenWithoutOrchestratorKeys(self):
        strategy = self.strategy(runmode="backtest", orchestrator_url=None, orchestrator_token=None, bot_id=None)

        self.assertEqual(self.stake(strategy), 500.0)
        self.assertIs(self.confirm(strategy, 500.0), True)

    def test_backtest_denyPolicy_makesNoCall(self):
        for runmode in ("backtest", RunMode.HYPEROPT):
            with self.subTest(runmode=runmode):
                strategy = self.strategy(Dca, runmode=runmode, orchestrator_backtest_policy="deny")
                self.assertEqual(self.stake(strategy), 0)
                self.assertIs(self.confirm(strategy, 500.0), False)
                self.assertIsNone(self.adjust(strategy))
        self.assertEqual(self.stub.requests, [])

    def test_runmodeFromTheDataProvider_whenTheConfigHasNone(self):
        strategy = self.strategy(runmode=None, dp=SimpleNamespace(runmode=RunMode.BACKTEST))

        self.assertEqual(self.stake(strategy), 500.0)
        self.assertEqual(self.stub.requests, [])

    def test_liveAndDryRunEnums_askTheOrchestrator(self):
        for runmode in (RunMode.LIVE, RunMode.DRY_RUN, "live"):
            with self.subTest(runmode=runmode):
                self.assertEqual(self.stake(self.strategy(runmode=runmode)), 500.0)
        self.assertEqual(len(self.stub.decisions()), 3)

    def test_backtestStillHonoursTheStrategysOwnHooks(self):
        class Picky(Strategy):
            def orchestrated_custom_stake_amount(self, *args, **kwargs):
                return 42.0

            def orchestrated_confirm_trade_entry(self, *args, **kwargs):
                return False

        strategy = self.strategy(Picky, runmode="backtest")
        self.assertEqual(self.stake(strategy), 42.0)
        self.assertIs(self.confirm(strategy, 42.0), False)


class BotStartTest(StubTestCase):

    def test_saysAtStartWhatWillHappen(self):
        self.strategy().bot_start()
        self.strategy(orchestrator_token=None).bot_start()
        self.strategy(runmode="hyperopt", orchestrator_backtest_policy="deny").bot_start()

        messages = self.logs.messages()
        self.assertTrue(any("bot S1 asks " + self.stub.url in m for m in messages))
        self.assertTrue(any("not configured (missing orchestrator_token)" in m for m in messages))
        self.assertTrue(any("run mode hyperopt" in m and "denied" in m for m in messages))
        self.assertEqual(self.stub.requests, [])

    def test_callsTheNextBotStart(self):
        calls = []

        class Base:
            def __init__(self, config):
                self.config = config

            def bot_start(self, **kwargs):
                calls.append(kwargs)

        class WithBase(OrchestratedStrategyMixin, Base):
            pass

        strategy = WithBase(self.config())
        strategy.bot_start(extra=1)
        self.assertEqual(calls, [{"extra": 1}])


class LogThrottlingTest(StubTestCase):

    def test_manyFailures_logOneLinePerMinutePerKind(self):
        strategy = self.strategy(orchestrator_url=closed_port_url())

        for _ in range(50):
            self.assertEqual(self.stake(strategy), 0)
        connection = [m for m in self.logs.messages() if "[connection]" in m]
        self.assertEqual(len(connection), 1)

        self.clock.advance(59)
        self.stake(strategy)
        self.assertEqual(len([m for m in self.logs.messages() if "[connection]" in m]), 1)

        self.clock.advance(2)
        self.stake(strategy)
        connection = [m for m in self.logs.messages() if "[connection]" in m]
        self.assertEqual(len(connection), 2)
        self.assertIn("50 similar messages suppressed", connection[1])

    def test_kindsAreThrottledSeparately(self):
        strategy = self.strategy()
        self.stub.responder = lambda path, body: (500, {})
        for _ in range(5):
            self.stake(strategy)
        self.stub.responder = lambda path, body: (429, {})
        for _ in range(5):
            self.stake(strategy)

        self.assertEqual(len([m for m in self.logs.messages() if "[http_500]" in m]), 1)
        self.assertEqual(len([m for m in self.logs.messages() if "[http_429]" in m]), 1)
        self.assertEqual(len(self.stub.decisions()), 10)  # throttling is of log lines, never of asks

    def test_throttledLogger_unit(self):
        clock = FakeClock(0.0)
        handler = ListHandler()
        log = logging.getLogger("test.throttle")
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
        log.propagate = False
        self.addCleanup(log.removeHandler, handler)
        throttled = ThrottledLogger(log, clock, 60.0)

        self.assertTrue(throttled.error("a", "first %s", 1))
        self.assertFalse(throttled.error("a", "second"))
        self.assertTrue(throttled.warning("b", "other kind"))
        clock.advance(60)
        self.assertTrue(throttled.error("a", "third"))

        self.assertEqual(handler.messages(), ["orchestrator [a] first 1", "orchestrator [b] other kind",
                                              "orchestrator [a] third (1 similar messages suppressed in the last 60 s)"])


class FreqtradeWrapperTest(StubTestCase):
    """Freqtrade's strategy_safe_wrapper returns its default (which allows) when a callback raises; the mixin must
    therefore never raise, whatever it is given."""

    @staticmethod
    def safe_wrapper(callback, default_retval):
        def wrapped(**kwargs):
            try:
                return callback(**kwargs)
            except Exception:  # noqa: BLE001 - the behaviour being guarded against
                return default_retval
        return wrapped

    def test_noCallbackRaises_onBrokenInputs(self):
        strategy = self.strategy()
        strategy.dp = object()  # no orderbook, no ticker
        strategy.order_types = None
        sentinel = object()
        calls = [
            (strategy.custom_stake_amount, dict(pair=None, current_time=None, current_rate="x", proposed_stake=None,
                                               min_stake=None, max_stake=None, leverage=None, entry_tag=None,
                                               side="sideways")),
            (strategy.confirm_trade_entry, dict(pair=PAIR, order_type=None, amount=None, rate=None,
                                               time_in_force=None, current_time=None, entry_tag=None, side=None)),
            (strategy.adjust_trade_position, dict(trade=None, current_time=None, current_rate=None,
                                                 current_profit=None, min_stake=None, max_stake=None,
                                                 current_entry_rate=None, current_exit_rate=None,
                                                 current_entry_profit=None, current_exit_profit=None)),
            (strategy.order_filled, dict(pair=PAIR, trade=None, order=None, current_time=None)),
            (strategy.check_entry_timeout, dict(pair=PAIR, trade=None, order=None, current_time=None)),
        ]
        for callback, kwargs in calls:
            with self.subTest(callback.__name__):
                self.assertIsNot(self.safe_wrapper(callback, sentinel)(**kwargs), sentinel)

    def test_mixinClassBuildsWithoutFreqtrade_andWarnsAboutABypassingOverride(self):
        with self.assertLogs("orchestrator_mixin", level="WARNING") as captured:
            class Bypassing(Strategy):
                def confirm_trade_entry(self, *args, **kwargs):
                    return True
        self.assertIn("Bypassing overrides confirm_trade_entry", captured.output[0])


if __name__ == "__main__":
    unittest.main()
