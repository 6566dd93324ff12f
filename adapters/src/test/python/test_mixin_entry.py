"""custom_stake_amount and confirm_trade_entry against a stub orchestrator: allow, scale, deny, and every failure
that must deny (timeout, refused connection, non-200, malformed answers)."""
import time
import unittest
import uuid

from orchestrator_mixin.mixin import new_request_id
from stub_orchestrator import NOW, PAIR, TOKEN, FakeDataProvider, StubTestCase, Strategy, closed_port_url


class CustomStakeAmountTest(StubTestCase):

    def test_allow_returnsApprovedStake_andSendsExactlyTheContractFields(self):
        class Futures(Strategy):
            def orchestrated_edge_score(self, pair, side, entry_tag, current_time, **kwargs):
                return 0.3

            def orchestrated_grade(self, pair, side, entry_tag, current_time, **kwargs):
                return "A"

        strategy = self.strategy(Futures, dp=FakeDataProvider(bid=99.9, ask=100.1, funding=0.0001),
                                 trading_mode="futures")

        stake = self.stake(strategy, rate=100.0, proposed=500.0, min_stake=10.0, leverage=2.0)

        self.assertEqual(stake, 500.0)
        [request] = self.stub.requests
        self.assertEqual(request.method, "POST")
        self.assertEqual(request.path, "/api/v1/decisions")
        self.assertEqual(request.headers["Authorization"], "Bearer " + TOKEN)
        self.assertEqual(request.headers["Content-Type"], "application/json")
        body = request.body
        self.assertEqual(set(body), {"request_id", "bot_id", "pair", "side", "kind", "stake_amount", "leverage",
                                     "entry_price", "stop_price", "min_stake", "order_type", "spread_bps",
                                     "expected_slippage_bps", "funding_rate", "edge_score", "grade"})
        request_id = uuid.UUID(body["request_id"])
        self.assertEqual(str(request_id), body["request_id"])
        self.assertEqual(request_id.version, 7)
        self.assertAlmostEqual(request_id.int >> 80, time.time_ns() // 1_000_000, delta=60_000)
        self.assertEqual(body["bot_id"], "S1")
        self.assertEqual(body["pair"], PAIR)
        self.assertEqual(body["side"], "long")
        self.assertEqual(body["kind"], "entry")
        self.assertEqual(body["stake_amount"], 500.0)
        self.assertEqual(body["leverage"], 2.0)
        self.assertEqual(body["entry_price"], 100.0)
        self.assertAlmostEqual(body["stop_price"], 95.0)  # stoploss -0.10 of the 2x position = 5 % price move
        self.assertEqual(body["min_stake"], 10.0)
        self.assertEqual(body["order_type"], "limit")
        self.assertAlmostEqual(body["spread_bps"], 20.0)  # 0.2 / 100.0 mid
        self.assertEqual(body["expected_slippage_bps"], 0.0)  # a limit order does not cross the spread
        self.assertEqual(body["funding_rate"], 0.0001)
        self.assertEqual(body["edge_score"], 0.3)
        self.assertEqual(body["grade"], "A")

    def test_minimalRequest_leavesOutWhatIsUnknown(self):
        strategy = self.strategy(dp=None)
        strategy.stoploss = None
        strategy.order_types = {}

        self.stake(strategy, min_stake=None)

        self.assertEqual(set(self.stub.decisions()[0].body),
                         {"request_id", "bot_id", "pair", "side", "kind", "stake_amount", "leverage", "entry_price"})

    def test_short_stopAboveEntry_andMarketOrderSlippageIsHalfTheSpread(self):
        strategy = self.strategy(dp=FakeDataProvider(bid=99.9, ask=100.1))
        strategy.order_types = {"entry": "market"}

        self.stake(strategy, side="short", leverage=4.0)

        body = self.stub.decisions()[0].body
        self.assertEqual(body["side"], "short")
        self.assertAlmostEqual(body["stop_price"], 102.5)  # 100 * (1 + 0.10 / 4)
        self.assertEqual(body["order_type"], "market")
        self.assertAlmostEqual(body["expected_slippage_bps"], 10.0)
        self.assertNotIn("funding_rate", body)  # spot: no funding

    def test_spreadFromTicker_whenTheOrderbookFails(self):
        dp = FakeDataProvider(bid=199.0, ask=201.0, book=False)
        strategy = self.strategy(dp=dp)

        self.stake(strategy, rate=200.0)

        self.assertAlmostEqual(self.stub.decisions()[0].body["spread_bps"], 100.0)
        self.assertEqual([c[0] for c in dp.calls], ["orderbook", "ticker"])

    def test_failingOptionalHook_leavesTheFieldOut_andStillAsks(self):
        class Broken(Strategy):
            def orchestrated_edge_score(self, pair, side, entry_tag, current_time, **kwargs):
                raise ValueError("no edge today")

        strategy = self.strategy(Broken)

        self.assertEqual(self.stake(strategy), 500.0)
        self.assertNotIn("edge_score", self.stub.decisions()[0].body)

    def test_scale_returnsTheSmallerApprovedStake(self):
        self.stub.scale = 0.825
        strategy = self.strategy()

        self.assertEqual(self.stake(strategy, proposed=500.0), 412.5)

    def test_askForNoMoreThanMaxStake(self):
        strategy = self.strategy()

        self.assertEqual(self.stake(strategy, proposed=500.0, max_stake=300.0), 300.0)
        self.assertEqual(self.stub.decisions()[0].body["stake_amount"], 300.0)

    def test_deny_returnsZero(self):
        self.stub.responder = self.stub.deny_answer("ASSET_CLASS_CAP")
        strategy = self.strategy()

        self.assertEqual(self.stake(strategy), 0)
        self.assertIs(self.confirm(strategy, 500.0), False)
        self.assertTrue(any("ASSET_CLASS_CAP" in m for m in self.logs.messages()))

    def test_userStakeHookReturningZero_asksNothing(self):
        class NoEntry(Strategy):
            def orchestrated_custom_stake_amount(self, *args, **kwargs):
                return 0

        self.assertEqual(self.stake(self.strategy(NoEntry)), 0)
        self.assertEqual(self.stub.requests, [])

    def test_userStakeHookRaising_failsClosed(self):
        class Broken(Strategy):
            def orchestrated_custom_stake_amount(self, *args, **kwargs):
                raise RuntimeError("boom")

        self.assertEqual(self.stake(self.strategy(Broken)), 0)
        self.assertEqual(self.stub.requests, [])
        self.assertTrue(any("custom_stake_amount failed" in m for m in self.logs.messages()))

    def test_timeout_returnsZero_withoutWaitingForTheServer(self):
        self.stub.responder = lambda path, body: (self.stub.release.wait(30), (200, {}))[1]
        strategy = self.strategy(orchestrator_timeout_ms=200)

        started = time.monotonic()
        stake = self.stake(strategy)
        elapsed = time.monotonic() - started

        self.assertEqual(stake, 0)
        self.assertLess(elapsed, 10.0)  # far below the 30 s the stub would hold the answer
        self.assertTrue(any("[timeout]" in m for m in self.logs.messages()))

    def test_serverDown_returnsZero(self):
        strategy = self.strategy(orchestrator_url=closed_port_url())

        self.assertEqual(self.stake(strategy), 0)
        self.assertIs(self.confirm(strategy, 500.0), False)
        self.assertTrue(any("[connection]" in m for m in self.logs.messages()))

    def test_non200_returnsZero(self):
        allowed = self.stub.default_answer
        for status in (201, 301, 400, 401, 403, 409, 422, 429, 500, 502, 503):
            with self.subTest(status=status):
                self.stub.responder = lambda path, body, s=status: (s, allowed(path, body)[1])
                strategy = self.strategy()
                self.assertEqual(self.stake(strategy), 0)
                self.assertIs(self.confirm(strategy, 500.0), False)

    def test_malformedAnswers_returnZero(self):
        allowed = self.stub.default_answer

        def change(**fields):
            def responder(path, body):
                status, answer = allowed(path, body)
                answer.update(fields)
                return status, {k: v for k, v in answer.items() if v is not Ellipsis}
            return responder

        cases = {
            "not json": lambda p, b: (200, b"{not json"),
            "empty body": lambda p, b: (200, b""),
            "json array": lambda p, b: (200, [{"allowed": True}]),
            "NaN stake": lambda p, b: (200, b'{"allowed": true, "decision_id": "d-1", "approved_stake_amount": NaN}'),
            "allowed missing": change(allowed=...),
            "allowed string": change(allowed="true"),
            "allowed 1": change(allowed=1),
            "approved missing": change(approved_stake_amount=...),
            "approved string": change(approved_stake_amount="500"),
            "approved zero": change(approved_stake_amount=0),
            "approved above asked": change(approved_stake_amount=600.0),
            "no decision id": change(decision_id=...),
            "other request id": change(request_id="someone-else"),
        }
        for name, responder in cases.items():
            with self.subTest(name):
                self.stub.responder = responder
                strategy = self.strategy()
                self.assertEqual(self.stake(strategy), 0)
                self.assertIs(self.confirm(strategy, 500.0), False)

    def test_missingConfig_deniesEverything_withoutACall_andSaysWhy(self):
        for key in ("orchestrator_url", "orchestrator_token", "bot_id"):
            with self.subTest(missing=key):
                strategy = self.strategy(**{key: None})
                self.assertEqual(self.stake(strategy), 0)
                self.assertIs(self.confirm(strategy, 500.0), False)
                self.assertTrue(any("not configured" in m and key in m for m in self.logs.messages()))
        self.assertEqual(self.stub.requests, [])

    def test_badConfigValues_denyEverything(self):
        for overrides in ({"orchestrator_timeout_ms": 0}, {"orchestrator_timeout_ms": "fast"},
                          {"orchestrator_url": "127.0.0.1:8080"}, {"orchestrator_backtest_policy": "maybe"}):
            with self.subTest(overrides):
                self.assertEqual(self.stake(self.strategy(**overrides)), 0)
        self.assertEqual(self.stub.requests, [])

    def test_tokenNeverLogged(self):
        strategy = self.strategy(orchestrator_url=closed_port_url())
        self.stake(strategy)
        self.assertFalse(any(TOKEN in m for m in self.logs.messages()))


class ConfirmTradeEntryTest(StubTestCase):

    def test_matchingStake_confirmsOnce(self):
        strategy = self.strategy()
        stake = self.stake(strategy, leverage=3.0)

        self.assertIs(self.confirm(strategy, stake, leverage=3.0), True)
        self.assertIs(self.confirm(strategy, stake, leverage=3.0), False)  # consumed

    def test_noDecision_denies(self):
        self.assertIs(self.confirm(self.strategy(), 500.0), False)
        self.assertEqual(self.stub.requests, [])

    def test_otherPair_denies(self):
        strategy = self.strategy()
        self.stake(strategy, pair="ETH/USDT:USDT")

        self.assertIs(self.confirm(strategy, 500.0, pair=PAIR), False)

    def test_stakeMismatch_denies_andReleasesTheReservation(self):
        self.stub.scale = 0.5
        strategy = self.strategy()
        approved = self.stake(strategy, proposed=500.0)

        # Freqtrade bumps a stake below min_stake up by as much as 30 %: the order no longer matches the decision.
        self.assertIs(self.confirm(strategy, approved * 1.3), False)
        self.assertEqual(self.stub.paths()[-1], "/api/v1/decisions/d-1/cancel")

    def test_stakeWithinTolerance_confirms(self):
        strategy = self.strategy()
        approved = self.stake(strategy)

        self.assertIs(self.confirm(strategy, approved * 1.005), True)

    def test_staleAfter60s_evenWhenTheReservationLastsLonger(self):
        strategy = self.strategy()
        stake = self.stake(strategy)
        self.clock.advance(60.5)

        self.assertIs(self.confirm(strategy, stake), False)
        self.assertTrue(any("stale" in m for m in self.logs.messages()))

    def test_staleAfterTheReservationExpires(self):
        self.stub.reservation_s = 10
        strategy = self.strategy()
        stake = self.stake(strategy)
        self.clock.advance(9)
        self.assertIs(self.confirm(strategy, stake), True)

        stake = self.stake(strategy)
        self.clock.advance(11)
        self.assertIs(self.confirm(strategy, stake), False)

    def test_otherSide_denies(self):
        strategy = self.strategy()
        stake = self.stake(strategy, side="long")

        self.assertIs(self.confirm(strategy, stake, side="short"), False)

    def test_strategyOwnConfirmation_isAskedAndCanDecline(self):
        class Picky(Strategy):
            def orchestrated_confirm_trade_entry(self, pair, order_type, amount, rate, time_in_force, current_time,
                                                 entry_tag, side, **kwargs):
                return order_type == "limit"

        strategy = self.strategy(Picky)
        stake = self.stake(strategy)
        self.assertIs(self.confirm(strategy, stake, order_type="market"), False)
        stake = self.stake(strategy)
        self.assertIs(self.confirm(strategy, stake, order_type="limit"), True)

    def test_garbageArguments_failClosed(self):
        strategy = self.strategy()
        self.stake(strategy)

        result = strategy.confirm_trade_entry(pair=PAIR, order_type="limit", amount="lots", rate=None,
                                              time_in_force="GTC", current_time=NOW, entry_tag=None, side="long")
        self.assertIs(result, False)

    def test_newAskForThePair_cancelsTheUnusedDecision(self):
        strategy = self.strategy()
        self.stake(strategy)  # Freqtrade dropped this stake (e.g. below min_stake) and never confirmed
        self.stake(strategy)

        self.assertEqual(self.stub.paths(), ["/api/v1/decisions", "/api/v1/decisions/d-1/cancel",
                                             "/api/v1/decisions"])


class RequestIdTest(unittest.TestCase):

    def test_newRequestId_isAUuid7_withTheMillisecondsFirst(self):
        now_ns = 1_795_000_000_123_456_789
        request_id = uuid.UUID(new_request_id(now_ns))
        self.assertEqual(request_id.version, 7)
        self.assertEqual(request_id.variant, uuid.RFC_4122)
        self.assertEqual(request_id.int >> 80, 1_795_000_000_123)
        self.assertEqual(str(request_id)[:13], "01a1ee56-5e7b")  # 0x01a1ee565e7b = 1,795,000,000,123 ms

    def test_newRequestId_growsWithTime_andIsUnique(self):
        ids = [new_request_id(1_795_000_000_000_000_000 + i * 1_000_000) for i in range(1000)]
        self.assertEqual(ids, sorted(ids))  # one millisecond apart: time order is string order
        same_millisecond = {new_request_id(1_795_000_000_000_000_000) for _ in range(1000)}
        self.assertEqual(len(same_millisecond), 1000)  # 74 random bits


if __name__ == "__main__":
    unittest.main()
