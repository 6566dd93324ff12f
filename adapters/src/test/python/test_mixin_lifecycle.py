"""After the decision: DCA (kind "increase"), fill and cancel reports, entry timeouts and retries."""
import datetime
import unittest

from stub_orchestrator import NOW, PAIR, StubTestCase, Strategy, fake_order, fake_trade


def later(seconds):
    return NOW + datetime.timedelta(seconds=seconds)


class Dca(Strategy):
    proposal = 200.0

    def orchestrated_adjust_trade_position(self, trade, current_time, current_rate, current_profit, min_stake,
                                           max_stake, current_entry_rate, current_exit_rate, current_entry_profit,
                                           current_exit_profit, **kwargs):
        return self.proposal


class AdjustTradePositionTest(StubTestCase):

    def adjust(self, strategy, trade, rate=95.0, max_stake=10_000.0):
        return strategy.adjust_trade_position(trade=trade, current_time=NOW, current_rate=rate, current_profit=-0.05,
                                              min_stake=10.0, max_stake=max_stake, current_entry_rate=rate,
                                              current_exit_rate=rate, current_entry_profit=-0.05,
                                              current_exit_profit=-0.05)

    def test_increase_asksWithKindIncrease_andReturnsTheApprovedStake(self):
        self.stub.scale = 0.5
        strategy = self.strategy(Dca)

        stake = self.adjust(strategy, fake_trade(is_short=True, leverage=3.0))

        self.assertEqual(stake, 100.0)
        body = self.stub.decisions()[0].body
        self.assertEqual(body["kind"], "increase")
        self.assertEqual(body["side"], "short")
        self.assertEqual(body["leverage"], 3.0)
        self.assertEqual(body["stake_amount"], 200.0)
        self.assertEqual(body["entry_price"], 95.0)
        self.assertAlmostEqual(body["stop_price"], 95.0 * (1 + 0.10 / 3.0))

    def test_increase_keepsTheOrderTag(self):
        class Tagged(Strategy):
            def orchestrated_adjust_trade_position(self, *args, **kwargs):
                return 200.0, "dca-1"

        self.assertEqual(self.adjust(self.strategy(Tagged), fake_trade()), (200.0, "dca-1"))

    def test_increaseDenied_returnsNone(self):
        self.stub.responder = self.stub.deny_answer("RISK_BUDGET")

        self.assertIsNone(self.adjust(self.strategy(Dca), fake_trade()))

    def test_increaseWhenTheOrchestratorIsDown_returnsNone(self):
        self.stub.responder = lambda path, body: (503, {"title": "not ready"})

        self.assertIsNone(self.adjust(self.strategy(Dca), fake_trade()))

    def test_noProposal_asksNothing(self):
        self.assertIsNone(self.adjust(self.strategy(), fake_trade()))
        self.assertEqual(self.stub.requests, [])

    def test_partialExit_isNeverGated(self):
        strategy = self.strategy(Dca)
        strategy.proposal = -50.0

        self.assertEqual(self.adjust(strategy, fake_trade()), -50.0)
        self.assertEqual(self.stub.requests, [])

    def test_hookRaising_failsClosed(self):
        class Broken(Strategy):
            def orchestrated_adjust_trade_position(self, *args, **kwargs):
                raise KeyError("x")

        self.assertIsNone(self.adjust(self.strategy(Broken), fake_trade()))

    def test_increaseFill_isReported(self):
        strategy = self.strategy(Dca)
        trade = fake_trade(trade_id=7)
        self.adjust(strategy, trade)

        strategy.order_filled(pair=PAIR, trade=trade, order=fake_order("buy"), current_time=NOW)

        self.assertEqual(self.stub.paths()[-1], "/api/v1/decisions/d-1/fill")
        self.assertEqual(self.stub.requests[-1].body, {"trade_id": 7})


class FillAndCancelTest(StubTestCase):

    def enter(self, strategy, pair=PAIR):
        stake = self.stake(strategy, pair=pair)
        self.assertIs(self.confirm(strategy, stake, pair=pair), True)
        return stake

    def test_entryFill_postsTheTradeId_once(self):
        strategy = self.strategy()
        self.enter(strategy)
        trade = fake_trade(trade_id=42)

        strategy.order_filled(pair=PAIR, trade=trade, order=fake_order("buy"), current_time=NOW)
        strategy.order_filled(pair=PAIR, trade=trade, order=fake_order("buy"), current_time=NOW)

        fills = [r for r in self.stub.requests if r.path.endswith("/fill")]
        self.assertEqual([(r.path, r.body) for r in fills], [("/api/v1/decisions/d-1/fill", {"trade_id": 42})])

    def test_exitFill_reportsNothing(self):
        strategy = self.strategy()
        self.enter(strategy)

        strategy.order_filled(pair=PAIR, trade=fake_trade(), order=fake_order("sell"), current_time=NOW)

        self.assertEqual(self.stub.paths(), ["/api/v1/decisions"])

    def test_shortEntryFill_isTheSellSide(self):
        strategy = self.strategy()
        stake = self.stake(strategy, side="short")
        self.confirm(strategy, stake, side="short")

        strategy.order_filled(pair=PAIR, trade=fake_trade(is_short=True), order=fake_order("sell"), current_time=NOW)

        self.assertEqual(self.stub.paths()[-1], "/api/v1/decisions/d-1/fill")

    def test_fillWithoutADecision_reportsNothing(self):
        self.strategy().order_filled(pair=PAIR, trade=fake_trade(), order=fake_order("buy"), current_time=NOW)
        self.assertEqual(self.stub.requests, [])

    def test_fillReportFailure_isSwallowedAndLogged(self):
        strategy = self.strategy()
        self.enter(strategy)
        self.stub.responder = lambda path, body: (500, {})

        self.assertIsNone(strategy.order_filled(pair=PAIR, trade=fake_trade(), order=fake_order("buy"),
                                                current_time=NOW))
        self.assertTrue(any("[fill_failed]" in m for m in self.logs.messages()))

    def test_entryTimeout_keepsTheOrderUntilLimitTimeout_thenCancelsAndReleases(self):
        self.stub.limit_timeout_s = 90
        strategy = self.strategy()
        self.enter(strategy)
        order = fake_order("buy", placed_at=NOW)

        self.assertIs(strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(), order=order,
                                                   current_time=later(90)), False)
        self.assertIs(strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(), order=order,
                                                   current_time=later(91)), True)

        self.assertEqual(self.stub.paths(), ["/api/v1/decisions", "/api/v1/decisions/d-1/cancel"])
        self.assertEqual(self.stub.requests[-1].body, {})

    def test_entryTimeout_acceptsANaiveOrderDate(self):
        self.stub.limit_timeout_s = 90
        strategy = self.strategy()
        self.enter(strategy)
        order = fake_order("buy")
        del order.order_date_utc

        self.assertIs(strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(), order=order,
                                                   current_time=later(100)), True)

    def test_entryTimeoutOfAPartlyFilledOrder_reportsAFill_notACancel(self):
        self.stub.limit_timeout_s = 90
        strategy = self.strategy()
        self.enter(strategy)

        cancelled = strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(trade_id=9),
                                                 order=fake_order("buy", filled=0.4), current_time=later(120))

        self.assertIs(cancelled, True)
        self.assertEqual(self.stub.paths()[-1], "/api/v1/decisions/d-1/fill")
        self.stake(strategy)
        self.assertNotIn("attempt", self.stub.decisions()[-1].body)

    def test_noDecision_neverCancels(self):
        cancelled = self.strategy().check_entry_timeout(pair=PAIR, trade=fake_trade(), order=fake_order("buy"),
                                                        current_time=later(100_000))
        self.assertIs(cancelled, False)

    def test_decisionWithoutLimitTimeout_neverCancels(self):
        def no_execution(path, body):
            status, answer = self.stub.default_answer(path, body)
            answer.pop("execution", None)
            return status, answer

        self.stub.responder = no_execution
        strategy = self.strategy()
        self.enter(strategy)

        self.assertIs(strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(), order=fake_order("buy"),
                                                   current_time=later(100_000)), False)

    def test_badOrderObject_failsClosedToFreqtradesOwnTimeout(self):
        strategy = self.strategy()
        self.enter(strategy)
        order = fake_order("buy")
        order.order_date_utc = "yesterday"

        self.assertIs(strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(), order=order,
                                                   current_time=later(1000)), False)


class RetryTest(StubTestCase):

    def time_out(self, strategy, seconds=200):
        order = fake_order("buy", placed_at=NOW)
        return strategy.check_entry_timeout(pair=PAIR, trade=fake_trade(), order=order, current_time=later(seconds))

    def test_retryAfterTimeout_asksWithAttemptAndTheFirstDecisionId(self):
        strategy = self.strategy()
        first = self.stake(strategy)
        self.assertIs(self.confirm(strategy, first), True)
        self.assertIs(self.time_out(strategy), True)

        self.stub.scale = 0.9  # the server scales the retry (playbook 3.1), the mixin only passes attempt/retry_of
        second = self.stake(strategy)
        self.assertIs(self.confirm(strategy, second), True)
        self.assertIs(self.time_out(strategy), True)

        self.stake(strategy)

        asks = [r.body for r in self.stub.decisions()]
        self.assertNotIn("attempt", asks[0])
        self.assertNotIn("retry_of", asks[0])
        self.assertEqual((asks[1]["attempt"], asks[1]["retry_of"]), (2, "d-1"))
        self.assertEqual((asks[2]["attempt"], asks[2]["retry_of"]), (3, "d-1"))
        self.assertEqual(second, 450.0)
        self.assertEqual(self.stub.paths().count("/api/v1/decisions/d-1/cancel"), 1)
        self.assertEqual(self.stub.paths().count("/api/v1/decisions/d-2/cancel"), 1)

    def test_retryDenied_staysARetry_untilTheWindowEnds(self):
        strategy = self.strategy(orchestrator_retry_window_s=120)
        self.confirm(strategy, self.stake(strategy))
        self.time_out(strategy)
        self.stub.responder = self.stub.deny_answer("ORDER_TIMEOUT_FAIL")

        self.assertEqual(self.stake(strategy), 0)
        self.assertEqual(self.stub.decisions()[-1].body["attempt"], 2)
        self.clock.advance(121)
        self.stake(strategy)
        self.assertNotIn("attempt", self.stub.decisions()[-1].body)

    def test_filledRetry_endsTheChain(self):
        strategy = self.strategy()
        self.confirm(strategy, self.stake(strategy))
        self.time_out(strategy)
        self.confirm(strategy, self.stake(strategy))
        strategy.order_filled(pair=PAIR, trade=fake_trade(), order=fake_order("buy"), current_time=NOW)

        self.stake(strategy)

        self.assertNotIn("attempt", self.stub.decisions()[-1].body)

    def test_retryIsPerPair(self):
        strategy = self.strategy()
        self.confirm(strategy, self.stake(strategy))
        self.time_out(strategy)

        self.stake(strategy, pair="ETH/USDT:USDT")

        self.assertNotIn("attempt", self.stub.decisions()[-1].body)


if __name__ == "__main__":
    unittest.main()
