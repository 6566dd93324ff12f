"""Test support: a stub orchestrator on 127.0.0.1 (port 0) that records every request, and small fakes of the
Freqtrade objects the mixin touches (IStrategy defaults, dp, Trade, Order). The fakes stand in for Freqtrade's types,
which are not installed here; nothing of the mixin itself is faked."""
import datetime
import json
import logging
import socket
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

from orchestrator_mixin import OrchestratedStrategyMixin

T0 = 1_800_000_000.0  # epoch seconds of the fake clock at the start of every test (2027-01-15)
NOW = datetime.datetime.fromtimestamp(T0, tz=datetime.timezone.utc)
PAIR = "BTC/USDT:USDT"
TOKEN = "tok-S1-secret"


class FakeClock:
    def __init__(self, start=T0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def iso(epoch_seconds):
    return datetime.datetime.fromtimestamp(epoch_seconds, tz=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Recorded:
    def __init__(self, method, path, headers, raw):
        self.method = method
        self.path = path
        self.headers = headers
        self.raw = raw
        self.body = json.loads(raw) if raw else None


class StubOrchestrator:
    """Answers like the orchestrator: every decision allowed at `scale` x the asked stake unless a test sets
    `responder` (a function (path, body) -> (status, dict | bytes))."""

    def __init__(self, clock):
        self.clock = clock
        self.requests = []
        self.scale = 1.0
        self.limit_timeout_s = 180
        self.reservation_s = 180
        self.responder = None
        self.release = threading.Event()
        self._counter = 0
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 - http.server naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                with stub._lock:
                    stub.requests.append(Recorded("POST", self.path, dict(self.headers), raw))
                status, payload = stub.answer(self.path, json.loads(raw) if raw else None)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout tests)

            def log_message(self, fmt, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)
        self._thread.start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path, body):
        if self.responder is not None:
            return self.responder(path, body)
        return self.default_answer(path, body)

    def default_answer(self, path, body):
        if path == "/api/v1/decisions":
            with self._lock:
                self._counter += 1
                decision_id = "d-%d" % self._counter
            approved = round(body["stake_amount"] * self.scale, 8)
            return 200, {
                "decision_id": decision_id, "request_id": body["request_id"], "allowed": True,
                "approved_stake_amount": approved, "requested_stake_amount": body["stake_amount"],
                "size_multiplier": self.scale, "denied_by": None, "reasons": [], "checks": [],
                "multipliers": {"drawdown": 1.0, "correlation": self.scale, "volatility": 1.0, "funding": 1.0},
                "execution": {"limit_timeout_s": self.limit_timeout_s, "max_retries": 2,
                              "retry_size_factors": [0.9, 0.75]},
                "profile": "balanced", "trading_state": "ACTIVE",
                "reservation_expires_at": iso(self.clock() + self.reservation_s), "evaluated_in_us": 3.1,
            }
        return 200, {"status": "ok"}

    def deny_answer(self, code):
        def responder(path, body):
            if path != "/api/v1/decisions":
                return 200, {}
            with self._lock:
                self._counter += 1
                decision_id = "d-%d" % self._counter
            return 200, {"decision_id": decision_id, "request_id": body["request_id"], "allowed": False,
                         "approved_stake_amount": 0.0, "requested_stake_amount": body["stake_amount"],
                         "denied_by": code, "reasons": [code + ": test"], "checks": []}
        return responder

    def decisions(self):
        return [r for r in self.requests if r.path == "/api/v1/decisions"]

    def paths(self):
        return [r.path for r in self.requests]


def closed_port_url():
    """A URL on 127.0.0.1 whose port was just bound and closed, so a connection is refused."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return "http://127.0.0.1:%d" % port


class FakeIStrategy:
    """Freqtrade's IStrategy defaults for the callbacks the mixin overrides: all of them allow (fail open)."""

    stoploss = -0.10
    order_types = {"entry": "limit", "exit": "limit", "stoploss": "market", "stoploss_on_exchange": False}

    def __init__(self, config):
        self.config = config
        self.dp = None

    def custom_stake_amount(self, pair, current_time, current_rate, proposed_stake, min_stake, max_stake, leverage,
                            entry_tag, side, **kwargs):
        return proposed_stake

    def confirm_trade_entry(self, pair, order_type, amount, rate, time_in_force, current_time, entry_tag, side,
                            **kwargs):
        return True

    def adjust_trade_position(self, trade, current_time, current_rate, current_profit, min_stake, max_stake,
                              current_entry_rate, current_exit_rate, current_entry_profit, current_exit_profit,
                              **kwargs):
        return None

    def order_filled(self, pair, trade, order, current_time, **kwargs):
        return None

    def check_entry_timeout(self, pair, trade, order, current_time, **kwargs):
        return False


class Strategy(OrchestratedStrategyMixin, FakeIStrategy):
    pass


class FakeDataProvider:
    def __init__(self, bid=99.9, ask=100.1, funding=None, book=True, ticker=True):
        self.bid, self.ask, self.funding = bid, ask, funding
        self.book, self.has_ticker = book, ticker
        self.calls = []

    def orderbook(self, pair, maximum):
        self.calls.append(("orderbook", pair, maximum))
        if not self.book:
            raise RuntimeError("orderbook unavailable")
        return {"bids": [[self.bid, 3.0]], "asks": [[self.ask, 2.0]]}

    def ticker(self, pair):
        self.calls.append(("ticker", pair))
        if not self.has_ticker:
            return {}
        return {"bid": self.bid, "ask": self.ask, "last": self.ask}

    def funding_rate(self, pair):
        self.calls.append(("funding_rate", pair))
        return {} if self.funding is None else {"fundingRate": self.funding}


def fake_trade(trade_id=42, pair=PAIR, is_short=False, leverage=1.0):
    return SimpleNamespace(id=trade_id, pair=pair, is_short=is_short, leverage=leverage,
                           entry_side="sell" if is_short else "buy", exit_side="buy" if is_short else "sell",
                           enter_tag=None)


def fake_order(side="buy", placed_at=NOW, filled=0.0):
    return SimpleNamespace(ft_order_side=side, order_date_utc=placed_at, order_date=placed_at.replace(tzinfo=None),
                           filled=filled, status="open")


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def messages(self, level=logging.DEBUG):
        return [r.getMessage() for r in self.records if r.levelno >= level]


class StubTestCase(unittest.TestCase):
    """Starts a stub orchestrator and builds a strategy in dry-run mode wired to it."""

    def setUp(self):
        self.clock = FakeClock()
        self.stub = StubOrchestrator(self.clock)
        self.addCleanup(self.stub.stop)
        self.logs = ListHandler()
        mixin_logger = logging.getLogger("orchestrator_mixin")
        mixin_logger.addHandler(self.logs)
        previous_level = mixin_logger.level
        mixin_logger.setLevel(logging.DEBUG)
        self.addCleanup(mixin_logger.removeHandler, self.logs)
        self.addCleanup(mixin_logger.setLevel, previous_level)

    def config(self, **overrides):
        config = {"orchestrator_url": self.stub.url, "orchestrator_token": TOKEN, "bot_id": "S1",
                  "orchestrator_timeout_ms": 2000, "runmode": "dry_run", "stake_currency": "USDT"}
        config.update(overrides)
        return {k: v for k, v in config.items() if v is not None}

    def strategy(self, cls=Strategy, dp=None, **overrides):
        strategy = cls(self.config(**overrides))
        strategy.dp = dp
        strategy.orchestrator_clock = self.clock
        return strategy

    @staticmethod
    def stake(strategy, pair=PAIR, rate=100.0, proposed=500.0, min_stake=10.0, max_stake=10_000.0, leverage=1.0,
              side="long", entry_tag=None):
        return strategy.custom_stake_amount(pair=pair, current_time=NOW, current_rate=rate, proposed_stake=proposed,
                                            min_stake=min_stake, max_stake=max_stake, leverage=leverage,
                                            entry_tag=entry_tag, side=side)

    @staticmethod
    def confirm(strategy, stake, pair=PAIR, rate=100.0, leverage=1.0, side="long", order_type="limit"):
        """Calls confirm_trade_entry the way Freqtrade does: amount = stake / rate * leverage."""
        return strategy.confirm_trade_entry(pair=pair, order_type=order_type, amount=stake / rate * leverage,
                                            rate=rate, time_in_force="GTC", current_time=NOW, entry_tag=None,
                                            side=side)
