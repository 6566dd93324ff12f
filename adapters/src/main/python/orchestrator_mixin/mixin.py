"""OrchestratedStrategyMixin: asks the Portfolio Orchestrator before every entry of a Freqtrade strategy.

Freqtrade wraps every strategy callback in `strategy_safe_wrapper`, which returns a default on an exception, and those
defaults ALLOW the trade (custom_stake_amount -> the proposed stake, confirm_trade_entry -> True). So every callback
here catches everything itself and denies (0 / False / None): the mixin fails closed.

Nothing from freqtrade is imported: `trade`, `order` and `self.dp` are used by duck typing.
"""
import logging
import math
import os
import threading
import time
import uuid
from datetime import datetime, timezone

from .client import DecisionClient, OrchestratorError, finite_number
from .decision import MAX_DECISION_AGE_S, Denied, Retry, parse_answer
from .throttled_log import ThrottledLogger

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_MS = 500
DEFAULT_STAKE_TOLERANCE = 0.01
DEFAULT_RETRY_WINDOW_S = 300.0
LOG_INTERVAL_S = 60.0
ONLINE_RUNMODES = ("live", "dry_run")
GRADES = ("A+", "A", "B", "C")
_GUARDED_CALLBACKS = ("custom_stake_amount", "confirm_trade_entry", "adjust_trade_position", "order_filled",
                      "check_entry_timeout")


def new_request_id(now_ns=None):
    """A new request id: a UUIDv7 (RFC 9562), 48 bits of Unix milliseconds, then 74 random bits.

    Ids that grow with time keep the orchestrator's audit log cheap: its unique index on (bot_id, request_id) grows at
    one edge, where a random UUID4 would land each insert on another index page (measured: ~3x the log's cost per
    decision under a flood, docs/performance.md). Python 3.11 has no uuid.uuid7, hence this.
    """
    millis = (time.time_ns() if now_ns is None else now_ns) // 1_000_000 & (1 << 48) - 1
    random_bits = int.from_bytes(os.urandom(10), "big")
    rand_a = random_bits >> 68 & 0xFFF
    rand_b = random_bits & (1 << 62) - 1
    return str(uuid.UUID(int=millis << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b))


class _Settings:
    """The orchestrator keys of the strategy's config, read once."""

    def __init__(self, config):
        self.problems = []
        config = config if isinstance(config, dict) else {}
        self.url = _text(config.get("orchestrator_url"))
        self.token = _text(config.get("orchestrator_token"))
        self.bot_id = _text(config.get("bot_id"))
        missing = [k for k, v in (("orchestrator_url", self.url), ("orchestrator_token", self.token),
                                  ("bot_id", self.bot_id)) if not v]
        if missing:
            self.problems.append("missing " + ", ".join(missing))
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            self.problems.append(f"orchestrator_url must start with http:// or https://, was {self.url!r}")
        self.timeout_s = _positive(config, "orchestrator_timeout_ms", DEFAULT_TIMEOUT_MS, self.problems) / 1000.0
        self.stake_tolerance = _positive(config, "orchestrator_stake_tolerance", DEFAULT_STAKE_TOLERANCE,
                                         self.problems)
        self.retry_window_s = _positive(config, "orchestrator_retry_window_s", DEFAULT_RETRY_WINDOW_S, self.problems)
        policy = config.get("orchestrator_backtest_policy", "allow")
        policy = policy.strip().lower() if isinstance(policy, str) else policy
        if policy not in ("allow", "deny"):
            # An unreadable policy must not turn into "allow".
            self.problems.append(f"orchestrator_backtest_policy must be \"allow\" or \"deny\", was {policy!r}")
            policy = "deny"
        self.backtest_policy = policy
        runmode = config.get("runmode")
        runmode = getattr(runmode, "value", runmode)
        self.runmode = str(runmode).lower() if runmode is not None else None
        trading_mode = config.get("trading_mode")
        trading_mode = getattr(trading_mode, "value", trading_mode)
        self.trading_mode = str(trading_mode).lower() if trading_mode is not None else "spot"
        self.client = None
        if not self.problems:
            self.client = DecisionClient(self.url, self.token, self.timeout_s)


def _text(value):
    return value.strip() if isinstance(value, str) and value.strip() else None


def _positive(config, key, default, problems):
    value = config.get(key, default)
    if not finite_number(value) or value <= 0:
        problems.append(f"{key} must be a number > 0, was {value!r}")
        return default
    return float(value)


class _State:
    """Per-strategy memory: decisions waiting for confirm_trade_entry, decisions whose order is on the exchange, and
    pending retries; each keyed by pair (a Freqtrade bot holds at most one trade per pair)."""

    def __init__(self, settings, clock):
        self.settings = settings
        self.log = ThrottledLogger(logger, clock, LOG_INTERVAL_S)
        self.lock = threading.Lock()
        self.pending = {}
        self.placed = {}
        self.retries = {}


class OrchestratedStrategyMixin:
    """Inherit it first: `class MyStrategy(OrchestratedStrategyMixin, IStrategy)`.

    Config keys (the strategy's config dict): `orchestrator_url`, `orchestrator_token`, `bot_id`,
    `orchestrator_timeout_ms` (500), `orchestrator_backtest_policy` ("allow" | "deny", "allow"),
    `orchestrator_stake_tolerance` (0.01), `orchestrator_retry_window_s` (300).

    Override the `orchestrated_*` hooks, not the five Freqtrade callbacks the mixin implements.
    """

    #: Optional zero-argument callable returning epoch seconds; tests replace it. None means time.time.
    orchestrator_clock = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in _GUARDED_CALLBACKS:
            if name in cls.__dict__:
                logger.warning("%s overrides %s, which OrchestratedStrategyMixin implements: call super().%s(...) "
                               "from it, or the orchestrator is bypassed (prefer the orchestrated_* hooks)",
                               cls.__name__, name, name)

    # ------------------------------------------------------------------ hooks the user may override

    def orchestrated_custom_stake_amount(self, pair, current_time, current_rate, proposed_stake, min_stake,
                                         max_stake, leverage, entry_tag, side, **kwargs):
        """The stake this strategy would like before the orchestrator scales it; 0 or None means no entry."""
        return proposed_stake

    def orchestrated_confirm_trade_entry(self, pair, order_type, amount, rate, time_in_force, current_time,
                                         entry_tag, side, **kwargs):
        """The strategy's own entry confirmation, asked before the orchestrator's decision is checked."""
        return True

    def orchestrated_adjust_trade_position(self, trade, current_time, current_rate, current_profit, min_stake,
                                           max_stake, current_entry_rate, current_exit_rate, current_entry_profit,
                                           current_exit_profit, **kwargs):
        """Proposes a DCA stake (> 0, asked as kind "increase"), a partial exit (< 0, never gated) or None.
        May return (stake, order_tag) like Freqtrade's adjust_trade_position."""
        return None

    def orchestrated_stop_price(self, pair, side, rate, leverage, **kwargs):
        """The initial stop price sent as `stop_price`; None sends none (the orchestrator then uses the bot's
        configured stoploss). Default: Freqtrade's own formula for the initial stop (Trade.adjust_stop_loss),
        where `stoploss` is a ratio of the leveraged position: long rate*(1-|stoploss|/leverage),
        short rate*(1+|stoploss|/leverage)."""
        stoploss = getattr(self, "stoploss", None)
        if not finite_number(stoploss) or stoploss == 0:
            return None
        distance = abs(stoploss) / leverage
        stop = rate * (1 - distance) if side == "long" else rate * (1 + distance)
        return stop if math.isfinite(stop) and stop > 0 else None

    def orchestrated_spread_bps(self, pair, **kwargs):
        """Best ask minus best bid over the mid, in basis points, from `dp.orderbook(pair, 1)`, else
        `dp.ticker(pair)`; None when neither gives a book (each is a network request to the exchange)."""
        dp = getattr(self, "dp", None)
        if dp is None:
            return None
        bid = ask = None
        if hasattr(dp, "orderbook"):
            try:
                book = dp.orderbook(pair, 1)
                bid, ask = book["bids"][0][0], book["asks"][0][0]
            except Exception as e:  # noqa: BLE001 - market data is optional; fall back to the ticker
                self._orch_state().log.warning("market_data", "dp.orderbook(%s) failed: %s: %s", pair,
                                               type(e).__name__, e)
        if not _valid_book(bid, ask) and hasattr(dp, "ticker"):
            try:
                ticker = dp.ticker(pair) or {}
                bid, ask = ticker.get("bid"), ticker.get("ask")
            except Exception as e:  # noqa: BLE001 - market data is optional
                self._orch_state().log.warning("market_data", "dp.ticker(%s) failed: %s: %s", pair,
                                               type(e).__name__, e)
        if not _valid_book(bid, ask):
            return None
        return (ask - bid) / ((ask + bid) / 2.0) * 10_000.0

    def orchestrated_expected_slippage_bps(self, pair, side, order_type, spread_bps, **kwargs):
        """Expected slippage in basis points: half the spread for a market order (it crosses the book), 0 for a
        limit order, None when the spread is unknown."""
        if spread_bps is None:
            return None
        return spread_bps / 2.0 if order_type == "market" else 0.0

    def orchestrated_funding_rate(self, pair, side, current_time, **kwargs):
        """Projected funding as a fraction (0.0004 = 0.04 %), or None. Default: futures only, the `fundingRate` of
        `dp.funding_rate(pair)` when this Freqtrade version has it (2025+); override it for 2024.x (e.g. from a
        `candle_type="funding_rate"` informative pair, where the rate is in the `open` column)."""
        if self._orch_state().settings.trading_mode != "futures":
            return None
        dp = getattr(self, "dp", None)
        if dp is None or not hasattr(dp, "funding_rate"):
            return None
        try:
            rate = (dp.funding_rate(pair) or {}).get("fundingRate")
        except Exception as e:  # noqa: BLE001 - funding is optional; the orchestrator reports "degraded"
            self._orch_state().log.warning("market_data", "dp.funding_rate(%s) failed: %s: %s", pair,
                                           type(e).__name__, e)
            return None
        return float(rate) if finite_number(rate) else None

    def orchestrated_edge_score(self, pair, side, entry_tag, current_time, **kwargs):
        """The strategy's own edge estimate (`edge_score`), or None to let the orchestrator use its expectancy."""
        return None

    def orchestrated_grade(self, pair, side, entry_tag, current_time, **kwargs):
        """A FLOF confluence grade ("A+", "A", "B", "C") or None."""
        return None

    # ------------------------------------------------------------------ Freqtrade callbacks

    def bot_start(self, **kwargs):
        """Says once, at start, whether entries will be asked for, allowed offline, or all denied."""
        try:
            state = self._orch_state()
            settings = state.settings
            offline = self._orch_offline(state)
            if offline is not None:
                pass  # _orch_offline logged the run mode and policy
            elif settings.client is None:
                logger.error("orchestrator not configured (%s): every entry and DCA order will be denied",
                             "; ".join(settings.problems))
            else:
                logger.info("orchestrator: bot %s asks %s before every entry (timeout %.0f ms, fail closed)",
                            settings.bot_id, settings.url, settings.timeout_s * 1000)
        except Exception as e:  # noqa: BLE001 - a start-up message must not stop the bot
            self._orch_unexpected("bot_start", e)
        parent = getattr(super(), "bot_start", None)
        if parent is not None:
            parent(**kwargs)

    def custom_stake_amount(self, pair, current_time, current_rate, proposed_stake, min_stake, max_stake, leverage,
                            entry_tag, side, **kwargs):
        try:
            return self._orch_custom_stake_amount(pair, current_time, current_rate, proposed_stake, min_stake,
                                                  max_stake, leverage, entry_tag, side, **kwargs)
        except Exception as e:  # noqa: BLE001 - fail closed: Freqtrade's wrapper would use the proposed stake
            self._orch_unexpected("custom_stake_amount", e)
            return 0.0

    def confirm_trade_entry(self, pair, order_type, amount, rate, time_in_force, current_time, entry_tag, side,
                            **kwargs):
        try:
            return self._orch_confirm_trade_entry(pair, order_type, amount, rate, time_in_force, current_time,
                                                  entry_tag, side, **kwargs)
        except Exception as e:  # noqa: BLE001 - fail closed: Freqtrade's wrapper would answer True
            self._orch_unexpected("confirm_trade_entry", e)
            return False

    def adjust_trade_position(self, trade, current_time, current_rate, current_profit, min_stake, max_stake,
                              current_entry_rate, current_exit_rate, current_entry_profit, current_exit_profit,
                              **kwargs):
        try:
            return self._orch_adjust_trade_position(trade, current_time, current_rate, current_profit, min_stake,
                                                    max_stake, current_entry_rate, current_exit_rate,
                                                    current_entry_profit, current_exit_profit, **kwargs)
        except Exception as e:  # noqa: BLE001 - fail closed: no DCA order
            self._orch_unexpected("adjust_trade_position", e)
            return None

    def order_filled(self, pair, trade, order, current_time, **kwargs):
        try:
            self._orch_order_filled(pair, trade, order, current_time)
        except Exception as e:  # noqa: BLE001 - a fill report must never break the bot loop
            self._orch_unexpected("order_filled", e)
        return None

    def check_entry_timeout(self, pair, trade, order, current_time, **kwargs):
        try:
            return self._orch_check_entry_timeout(pair, trade, order, current_time)
        except Exception as e:  # noqa: BLE001 - Freqtrade's unfilledtimeout still applies
            self._orch_unexpected("check_entry_timeout", e)
            return False

    # ------------------------------------------------------------------ implementation

    def _orch_custom_stake_amount(self, pair, current_time, current_rate, proposed_stake, min_stake, max_stake,
                                  leverage, entry_tag, side, **kwargs):
        state = self._orch_state()
        wanted = self.orchestrated_custom_stake_amount(pair, current_time, current_rate, proposed_stake, min_stake,
                                                       max_stake, leverage, entry_tag, side, **kwargs)
        if not finite_number(wanted) or wanted <= 0:
            return 0.0
        offline = self._orch_offline(state)
        if offline is not None:
            return float(wanted) if offline else 0.0
        if not self._orch_configured(state):
            return 0.0
        if finite_number(max_stake) and 0 < max_stake < wanted:
            # Asking for more than the wallet can give would make Freqtrade clamp the approved stake, and the
            # clamped order would then not match the decision in confirm_trade_entry.
            wanted = max_stake
        with state.lock:
            stale = [d for d in (state.pending.pop(pair, None), state.placed.pop(pair, None)) if d is not None]
        for old in stale:
            # A new initial entry means the pair has no trade: an old reservation is only holding headroom.
            self._orch_cancel(state, old)
        decision = self._orch_ask(state, pair=pair, side=side, kind="entry", stake=wanted, leverage=leverage,
                                  rate=current_rate, min_stake=min_stake, entry_tag=entry_tag,
                                  current_time=current_time, kwargs=kwargs)
        if decision is None:
            return 0.0
        with state.lock:
            state.pending[pair] = decision
        return decision.approved_stake

    def _orch_confirm_trade_entry(self, pair, order_type, amount, rate, time_in_force, current_time, entry_tag, side,
                                  **kwargs):
        state = self._orch_state()
        own = self.orchestrated_confirm_trade_entry(pair, order_type, amount, rate, time_in_force, current_time,
                                                    entry_tag, side, **kwargs)
        offline = self._orch_offline(state)
        if offline is not None:
            return offline and own is True
        if not self._orch_configured(state):
            return False
        with state.lock:
            decision = state.pending.pop(pair, None)
        if decision is None:
            state.log.info("no_decision", "confirm_trade_entry %s: no allowed decision for this pair, entry denied",
                           pair)
            return False
        problem = None
        if own is not True:
            problem = "the strategy's orchestrated_confirm_trade_entry declined"
        elif decision.side != side:
            problem = f"decision {decision.decision_id} is for side {decision.side}, the order is {side}"
        elif self._orch_now() > decision.expires_at:
            problem = (f"decision {decision.decision_id} is stale ({self._orch_now() - decision.created_at:.1f} s old,"
                       f" valid until its reservation or {MAX_DECISION_AGE_S:.0f} s)")
        else:
            implied = amount * rate / decision.leverage if finite_number(amount) and finite_number(rate) else math.nan
            tolerance = state.settings.stake_tolerance * decision.approved_stake
            if not (abs(implied - decision.approved_stake) <= tolerance):
                problem = (f"order stake {implied:.8g} (amount*rate/leverage) does not match the approved stake "
                           f"{decision.approved_stake:.8g} of decision {decision.decision_id}")
        if problem is not None:
            state.log.warning("confirm_denied", "confirm_trade_entry %s denied: %s", pair, problem)
            self._orch_cancel(state, decision)
            return False
        with state.lock:
            state.placed[pair] = decision
        return True

    def _orch_adjust_trade_position(self, trade, current_time, current_rate, current_profit, min_stake, max_stake,
                                    current_entry_rate, current_exit_rate, current_entry_profit, current_exit_profit,
                                    **kwargs):
        state = self._orch_state()
        proposal = self.orchestrated_adjust_trade_position(trade, current_time, current_rate, current_profit,
                                                           min_stake, max_stake, current_entry_rate,
                                                           current_exit_rate, current_entry_profit,
                                                           current_exit_profit, **kwargs)
        tag = None
        is_tuple = isinstance(proposal, tuple)
        stake = proposal
        if is_tuple:
            stake = proposal[0] if len(proposal) > 0 else None
            tag = proposal[1] if len(proposal) > 1 else None
        if stake is None or not finite_number(stake) or stake == 0:
            return None
        if stake < 0:
            return proposal  # a partial exit: exits are never gated
        offline = self._orch_offline(state)
        if offline is not None:
            return proposal if offline else None
        if not self._orch_configured(state):
            return None
        if finite_number(max_stake) and 0 < max_stake < stake:
            stake = max_stake
        pair = trade.pair
        side = "short" if getattr(trade, "is_short", False) else "long"
        leverage = getattr(trade, "leverage", None) or 1.0
        with state.lock:
            lingering = state.placed.pop(pair, None)
        if lingering is not None:
            self._orch_cancel(state, lingering)
        decision = self._orch_ask(state, pair=pair, side=side, kind="increase", stake=stake, leverage=leverage,
                                  rate=current_rate, min_stake=min_stake, entry_tag=getattr(trade, "enter_tag", None),
                                  current_time=current_time, kwargs=kwargs)
        if decision is None:
            return None
        with state.lock:
            state.placed[pair] = decision  # no confirm_trade_entry for DCA orders: the order follows directly
        return (decision.approved_stake, tag) if is_tuple else decision.approved_stake

    def _orch_order_filled(self, pair, trade, order, current_time):
        state = self._orch_state()
        if self._orch_offline(state) is not None or state.settings.client is None:
            return
        if not _is_entry_order(trade, order):
            return
        with state.lock:
            decision = state.placed.pop(pair, None)
            if decision is not None:
                state.retries.pop(pair, None)
        if decision is not None:
            self._orch_report_fill(state, decision, trade)

    def _orch_check_entry_timeout(self, pair, trade, order, current_time):
        state = self._orch_state()
        if self._orch_offline(state) is not None or state.settings.client is None:
            return False
        with state.lock:
            decision = state.placed.get(pair)
        if decision is None or decision.limit_timeout_s is None or not _is_entry_order(trade, order):
            return False
        placed_at = getattr(order, "order_date_utc", None) or getattr(order, "order_date", None)
        if placed_at is None:
            return False
        age_s = (_utc(current_time) - _utc(placed_at)).total_seconds()
        if age_s <= decision.limit_timeout_s:
            return False
        with state.lock:
            if state.placed.get(pair) is decision:
                del state.placed[pair]
            filled = getattr(order, "filled", None)
            partly_filled = finite_number(filled) and filled > 0
            if not partly_filled:
                state.retries[pair] = Retry(decision.kind, decision.root_id, decision.attempt + 1,
                                            self._orch_now() + state.settings.retry_window_s)
        state.log.info("entry_timeout", "%s entry order older than %.0f s (limit_timeout_s of decision %s): cancelled",
                       pair, decision.limit_timeout_s, decision.decision_id)
        if partly_filled:
            # Freqtrade keeps the filled part as the trade: the reservation became a (smaller) position.
            self._orch_report_fill(state, decision, trade)
        else:
            self._orch_cancel(state, decision)
        return True

    def _orch_ask(self, state, *, pair, side, kind, stake, leverage, rate, min_stake, entry_tag, current_time, kwargs):
        """POSTs one decision request; returns the allowed Decision, or None for a deny of any cause."""
        leverage = 1.0 if leverage is None else leverage
        if side not in ("long", "short"):
            state.log.error("bad_input", "%s: side %r is neither long nor short, entry denied", pair, side)
            return None
        if not (finite_number(stake) and stake > 0 and finite_number(rate) and rate > 0
                and finite_number(leverage) and leverage >= 1):
            state.log.error("bad_input", "%s: stake %r, rate %r, leverage %r not usable, entry denied",
                            pair, stake, rate, leverage)
            return None
        request = {
            "request_id": new_request_id(),
            "bot_id": state.settings.bot_id,
            "pair": pair,
            "side": side,
            "kind": kind,
            "stake_amount": float(stake),
            "leverage": float(leverage),
            "entry_price": float(rate),
        }
        stop = self._orch_optional(state, "orchestrated_stop_price", pair, side=side, rate=float(rate),
                                   leverage=float(leverage))
        if finite_number(stop) and stop > 0:
            request["stop_price"] = float(stop)
        if finite_number(min_stake) and min_stake >= 0:
            request["min_stake"] = float(min_stake)
        order_types = getattr(self, "order_types", None)
        order_type = order_types.get("entry") if isinstance(order_types, dict) else None
        if order_type in ("limit", "market"):
            request["order_type"] = order_type
        spread = self._orch_optional(state, "orchestrated_spread_bps", pair)
        spread = float(spread) if finite_number(spread) and spread >= 0 else None
        if spread is not None:
            request["spread_bps"] = spread
        slippage = self._orch_optional(state, "orchestrated_expected_slippage_bps", pair, side=side,
                                       order_type=order_type, spread_bps=spread)
        if finite_number(slippage) and slippage >= 0:
            request["expected_slippage_bps"] = float(slippage)
        funding = self._orch_optional(state, "orchestrated_funding_rate", pair, side=side, current_time=current_time)
        if finite_number(funding):
            request["funding_rate"] = float(funding)
        edge = self._orch_optional(state, "orchestrated_edge_score", pair, side=side, entry_tag=entry_tag,
                                   current_time=current_time)
        if finite_number(edge):
            request["edge_score"] = float(edge)
        grade = self._orch_optional(state, "orchestrated_grade", pair, side=side, entry_tag=entry_tag,
                                    current_time=current_time)
        if grade in GRADES:
            request["grade"] = grade
        retry_root = None
        with state.lock:
            retry = state.retries.get(pair)
            if retry is not None and (retry.valid_until < self._orch_now() or retry.kind != kind):
                del state.retries[pair]
                retry = None
        if retry is not None:
            request["attempt"] = retry.attempt
            request["retry_of"] = retry.root_id
            retry_root = retry.root_id

        try:
            answer = state.settings.client.post_decision(request)
            decision = parse_answer(answer, request, self._orch_now(), retry_root)
        except Denied as denied:
            state.log.info("deny:" + denied.code, "%s %s %s denied by %s: %s", pair, side, kind, denied.code,
                           "; ".join(denied.reasons) or "no reason given")
            return None
        except OrchestratorError as e:
            state.log.error(e.kind, "%s %s %s denied (fail closed): %s", pair, side, kind, e.detail)
            return None
        return decision

    def _orch_optional(self, state, hook, pair, **kwargs):
        """Calls an optional input hook; its failure drops the field, it does not deny the entry."""
        try:
            return getattr(self, hook)(pair, **kwargs)
        except Exception as e:  # noqa: BLE001 - an optional field
            state.log.warning("hook:" + hook, "%s(%s) failed, field left out: %s: %s", hook, pair,
                              type(e).__name__, e)
            return None

    def _orch_report_fill(self, state, decision, trade):
        trade_id = getattr(trade, "id", None)
        if not finite_number(trade_id):
            state.log.warning("fill_failed", "decision %s filled but the trade has no id: fill not reported",
                              decision.decision_id)
            return
        try:
            state.settings.client.post_fill(decision.decision_id, int(trade_id))
        except OrchestratorError as e:
            # The orchestrator's poll will still see the trade; the reservation becomes a position then.
            state.log.error("fill_failed", "fill of decision %s (trade %s) not reported: %s", decision.decision_id,
                            trade_id, e.detail)

    def _orch_cancel(self, state, decision):
        try:
            state.settings.client.post_cancel(decision.decision_id)
        except OrchestratorError as e:
            state.log.error("cancel_failed", "cancel of decision %s not reported (it expires by itself): %s",
                            decision.decision_id, e.detail)

    def _orch_offline(self, state):
        """None in live/dry-run (ask the orchestrator); otherwise the backtest policy: True allow, False deny."""
        runmode = state.settings.runmode
        if runmode is None:
            dp_runmode = getattr(getattr(self, "dp", None), "runmode", None)
            dp_runmode = getattr(dp_runmode, "value", dp_runmode)
            runmode = str(dp_runmode).lower() if dp_runmode is not None else None
        if runmode is None or runmode in ONLINE_RUNMODES:
            return None
        allow = state.settings.backtest_policy == "allow"
        state.log.info("offline", "run mode %s: no orchestrator call, every entry %s "
                       "(orchestrator_backtest_policy)", runmode, "allowed" if allow else "denied")
        return allow

    def _orch_configured(self, state):
        if state.settings.client is not None:
            return True
        state.log.error("config", "orchestrator not configured (%s): every entry is denied",
                        "; ".join(state.settings.problems))
        return False

    def _orch_state(self):
        state = self.__dict__.get("_orchestrator_state")
        if state is None:
            state = _State(_Settings(getattr(self, "config", None)), self._orch_now)
            self.__dict__["_orchestrator_state"] = state
        return state

    def _orch_now(self):
        clock = getattr(self, "orchestrator_clock", None)
        return clock() if clock is not None else time.time()

    def _orch_unexpected(self, callback, error):
        try:
            self._orch_state().log.error("callback:" + callback, "%s failed, denied (fail closed): %s: %s",
                                         callback, type(error).__name__, error)
        except Exception:  # noqa: BLE001 - logging must not raise out of a fail-closed handler
            pass


def _valid_book(bid, ask):
    return finite_number(bid) and finite_number(ask) and 0 < bid <= ask


def _is_entry_order(trade, order):
    entry_side = getattr(trade, "entry_side", None)
    if entry_side is None:
        entry_side = "sell" if getattr(trade, "is_short", False) else "buy"
    return getattr(order, "ft_order_side", None) == entry_side


def _utc(moment):
    if not isinstance(moment, datetime):
        raise TypeError(f"expected a datetime, got {type(moment).__name__}")
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
