"""End-to-end: the real OrchestratedStrategyMixin against a real orchestrator (started by the Java test
MixinEndToEndIT with config/orchestrator.toml's tokens and a 100,000 USD portfolio file).

    python3 mixin_e2e.py http://127.0.0.1:PORT            allow, scale, deny, fill, timeout and refused-connection cases
    python3 mixin_e2e.py http://127.0.0.1:PORT --down     the orchestrator has been stopped: every ask must be 0

Exits 0 when every case passed; prints one line per case. Only Freqtrade's own objects (strategy base, data provider,
trade, order) are fakes; the mixin and the orchestrator are the real ones."""
import datetime
import json
import os
import socket
import sys
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "main", "python"))

from orchestrator_mixin import OrchestratedStrategyMixin  # noqa: E402
from stub_orchestrator import FakeDataProvider, FakeIStrategy, fake_order, fake_trade  # noqa: E402

URL = None
PAIR = "BTC/USDT:USDT"
RATE = 90000.0


class Strategy(OrchestratedStrategyMixin, FakeIStrategy):
    pass


def strategy(bot, url=None, timeout_ms=2000, funding=None, trading_mode="futures"):
    config = {"orchestrator_url": url or URL, "orchestrator_token": "paper-%s-token" % bot.lower(), "bot_id": bot,
              "orchestrator_timeout_ms": timeout_ms, "runmode": "dry_run", "stake_currency": "USDT",
              "trading_mode": trading_mode}
    s = Strategy(config)
    s.dp = FakeDataProvider(bid=RATE - 9, ask=RATE + 9, funding=funding)  # 2 bps spread
    return s


def ask(s, stake, leverage=2.0):
    now = datetime.datetime.now(datetime.timezone.utc)
    return s.custom_stake_amount(pair=PAIR, current_time=now, current_rate=RATE, proposed_stake=stake, min_stake=10.0,
                                 max_stake=50_000.0, leverage=leverage, entry_tag=None, side="long")


def server_state():
    req = urllib.request.Request(URL + "/api/v1/state", headers={"Authorization": "Bearer paper-viewer-token"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read())


class AgainstTheRealOrchestrator(unittest.TestCase):

    def test_allow_confirm_and_fill(self):
        s = strategy("S1")
        approved = ask(s, 500.0)
        self.assertEqual(approved, 500.0)
        now = datetime.datetime.now(datetime.timezone.utc)
        amount = approved * 2.0 / RATE
        self.assertTrue(s.confirm_trade_entry(pair=PAIR, order_type="limit", amount=amount, rate=RATE,
                                              time_in_force="GTC", current_time=now, entry_tag=None, side="long"))
        s.order_filled(pair=PAIR, trade=fake_trade(trade_id=101, pair=PAIR, leverage=2.0),
                       order=fake_order(side="buy", placed_at=now, filled=amount), current_time=now)
        linked = [r for r in server_state()["reservations"] if r.get("trade_id") == "101"]
        self.assertEqual(len(linked), 1, "the fill report linked the reservation to trade 101")

    def test_scale_byTheFundingHook(self):
        approved = ask(strategy("S2", funding=0.0006), 400.0)  # long with funding above +0.04 %: size x 0.75
        self.assertAlmostEqual(approved, 300.0, places=6)

    def test_deny_fatFinger(self):
        self.assertEqual(ask(strategy("S3"), 9000.0), 0)  # 18,000 notional > 10 % of 100,000 equity

    def test_timeout_isADeny(self):
        hole = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        hole.bind(("127.0.0.1", 0))
        hole.listen(8)  # the handshake completes, nothing ever answers
        try:
            started = time.monotonic()
            approved = ask(strategy("S4", url="http://127.0.0.1:%d" % hole.getsockname()[1], timeout_ms=300), 100.0)
            self.assertEqual(approved, 0)
            self.assertLess(time.monotonic() - started, 5.0)
        finally:
            hole.close()

    def test_refusedConnection_isADeny(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        self.assertEqual(ask(strategy("S5", url="http://127.0.0.1:%d" % port), 100.0), 0)


class OrchestratorDown(unittest.TestCase):

    def test_everyAskIsADeny_whenTheOrchestratorIsStopped(self):
        s = strategy("S6")
        self.assertEqual(ask(s, 100.0), 0)
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertFalse(s.confirm_trade_entry(pair=PAIR, order_type="limit", amount=0.001, rate=RATE,
                                               time_in_force="GTC", current_time=now, entry_tag=None, side="long"))


if __name__ == "__main__":
    URL = sys.argv[1].rstrip("/")
    down = "--down" in sys.argv
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(OrchestratorDown if down else AgainstTheRealOrchestrator)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    print("mixin e2e%s: %d passed, %d failed" % (" (down)" if down else "", result.testsRun - len(result.failures)
                                                   - len(result.errors), len(result.failures) + len(result.errors)))
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
